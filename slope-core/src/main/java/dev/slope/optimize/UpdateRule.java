package dev.slope.optimize;

/**
 * How one gradient step moves the parameters. Called once per step with the same arrays in the same
 * order (W, then b when separate), so a rule may keep per-array state (velocities, moments).
 * Every rule subtracts: it minimizes.
 */
public interface UpdateRule {

    /** The name used on the command line and in model files. */
    String name();

    /**
     * @param params        the parameter arrays; updated in place
     * @param grads         ∂L/∂params, same shapes; read only
     * @param learningRate  η for this step
     */
    void step(float[][] params, float[][] grads, double learningRate);
}
