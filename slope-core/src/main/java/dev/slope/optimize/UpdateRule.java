package dev.slope.optimize;

import java.util.List;

/**
 * How one gradient step moves the parameters. Every rule subtracts: it minimizes.
 *
 * <p>The life cycle: {@link #start} once with the lengths of the parameter arrays (W, then b when
 * separate), allocating the rule's state (velocities, moments) at zero; then {@link #step} once per batch
 * with arrays of those lengths, in the same order. {@link #reset} puts the state back to zero (a second run
 * from scratch); {@link #copy} gives an independent rule with the same settings and state;
 * {@link #state}/{@link #restore} save and load the state for a checkpoint (written by
 * {@link dev.slope.runfiles.UpdateRuleStates}). A rule whose {@link #step} is called before {@link #start} fails.
 */
public interface UpdateRule {

    /** The name used on the command line and in model files. */
    String name();

    /** Allocates zero state for parameter arrays of these lengths; a started rule starts afresh. */
    void start(int... lengths);

    /** Allocates zero state for these parameter arrays ({@code Parameters.arrays()}: W, then b when apart). */
    default void start(float[][] params) {
        int[] lengths = new int[params.length];
        for (int a = 0; a < params.length; a++) {
            lengths[a] = params[a].length;
        }
        start(lengths);
    }

    /**
     * @param params        the parameter arrays; updated in place
     * @param grads         ∂L/∂params, same shapes; read only
     * @param learningRate  η for this step
     */
    void step(float[][] params, float[][] grads, double learningRate);

    /** Zeroes the state (as just after {@link #start}). */
    void reset();

    /** An independent rule with the same settings and a copy of the state. */
    UpdateRule copy();

    /** A copy of the state. */
    State state();

    /** Loads a state saved by {@link #state()} of a rule of the same kind, started with the same lengths. */
    void restore(State state);

    /**
     * A rule's state: its name, the steps taken, and its arrays (for each parameter array, the rule's
     * slots in order: Momentum's velocity; Adam's m then v).
     */
    record State(String rule, long steps, List<float[]> arrays) {
        public State {
            arrays = arrays.stream().map(float[]::clone).toList();
        }

        @Override
        public List<float[]> arrays() {
            return arrays.stream().map(float[]::clone).toList();
        }
    }
}
