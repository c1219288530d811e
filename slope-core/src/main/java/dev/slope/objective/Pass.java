package dev.slope.objective;

import dev.slope.loss.Loss;
import dev.slope.model.Parameters;

/**
 * The mean data loss of a batch of rows and its gradient, in one pass over rows the pass was made with: what the
 * {@link Objective} (and so every trainer) calls. {@link FusedPass} runs it on this machine's cores; a distributed
 * pass (slope-spark's {@code SparkPass}) runs it where the rows live and gives the same bits.
 */
public interface Pass {
    /**
     * What a pass over some rows found: their mean data loss, and how many of the {@code count} rows had their label's
     * score highest (the first on a tie), read from the scores the pass computed anyway.
     */
    record Result(double loss, long correct, int count) {
        /** The share of the rows classified right. */
        public double accuracy() {
            return (double) correct / count;
        }
    }

    /** The rows this pass runs over. */
    int rows();

    /**
     * The rows {@code order[from..to)} (rows from..to when {@code order} is null): their mean data loss and gradient.
     *
     * @param grad same shape as p: overwritten with ∂(mean loss)/∂W and ∂/∂b
     */
    Result lossAndGradient(Loss loss, Parameters p, int[] order, int from, int to, Parameters grad);

    /** Every row's mean data loss and gradient. */
    default Result lossAndGradient(Loss loss, Parameters p, Parameters grad) {
        return lossAndGradient(loss, p, null, 0, rows(), grad);
    }

    /** The same rows' mean data loss, without the gradient (one scores pass). */
    Result loss(Loss loss, Parameters p, int[] order, int from, int to);

    /** Every row's mean data loss. */
    default Result loss(Loss loss, Parameters p) {
        return loss(loss, p, null, 0, rows());
    }

    /** Where and how it runs, for reports ("vector-512", "spark: vector-512"). */
    String kernelName();
}
