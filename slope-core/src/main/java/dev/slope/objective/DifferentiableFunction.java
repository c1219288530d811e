package dev.slope.objective;

/** A scalar function of a parameter vector θ with its gradient: what a gradient check needs. */
@FunctionalInterface
public interface DifferentiableFunction {
    /**
     * @param theta the point; read only (callers may perturb it between calls)
     * @param grad  null, or θ's length: overwritten with ∂f/∂θ
     * @return f(θ)
     */
    double valueAndGradient(double[] theta, double[] grad);
}
