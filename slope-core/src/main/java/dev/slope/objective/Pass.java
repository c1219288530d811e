package dev.slope.objective;

import dev.slope.linalg.RowSource;
import dev.slope.loss.Loss;
import dev.slope.model.Parameters;

/**
 * The mean data loss of a batch of rows and its gradient, in one pass: what the {@link Objective} (and so every
 * trainer) calls. {@link FusedPass} runs it on this machine's cores; a distributed pass (slope-spark's
 * {@code SparkPass}) runs it where the rows live and gives the same bits.
 */
public interface Pass {
    /**
     * Mean data loss over the rows {@code order[from..to)} (rows from..to when {@code order} is null) and its gradient.
     *
     * @param grad same shape as p: overwritten with ∂(mean loss)/∂W and ∂/∂b
     */
    double lossAndGradient(Loss loss, Parameters p, RowSource x, int[] labels, int[] order, int from, int to,
                           Parameters grad);

    /** Mean data loss over the same rows, without the gradient. */
    double loss(Loss loss, Parameters p, RowSource x, int[] labels, int[] order, int from, int to);

    /** The share of the last call's rows whose highest score (the first on a tie) was their label. */
    double lastAccuracy();

    /** Where and how it runs, for reports ("vector-512", "spark: vector-512"). */
    String kernelName();
}
