package dev.slope.loss;

/**
 * A data loss L_i(s, y): how unhappy the scores s of one example are with its true class y.
 *
 * <p>A loss sees only scores and labels, never the weights or the pixels; the
 * {@link dev.slope.objective.Objective} applies the chain rule to turn ∂L/∂s into ∂L/∂W. New losses
 * therefore need no change anywhere else. Scores arrive in double precision: the per-example work is
 * tiny next to computing the scores, and double keeps finite-difference checks meaningful.
 */
public interface Loss extends java.io.Serializable {

    /** The name used on the command line, in model files and in the web API ("svm", "softmax"). */
    String name();

    /** True when the scores read as probabilities through a softmax (the softmax loss). */
    default boolean givesProbabilities() {
        return false;
    }

    /**
     * The loss of one example and, when {@code dScores} is not null, its gradient with respect to the scores.
     *
     * @param scores  C scores starting at {@code offset}; read only
     * @param label   the true class, 0 ≤ label &lt; classes
     * @param dScores null, or C values from {@code dOffset}: overwritten with ∂L_i/∂s_j
     * @return L_i
     */
    double lossAndGradient(double[] scores, int offset, int classes, int label, double[] dScores, int dOffset);

    /**
     * The mean loss over a batch, {@code (1/N) Σ_i L_i}, and its gradient with respect to every score.
     *
     * @param scores  N×C scores, row-major (row i = example i); read only
     * @param labels  N labels; read only
     * @param dScores null, or N×C: overwritten with ∂(mean)/∂s, that is (1/N)·∂L_i/∂s_ij
     * @return the mean loss
     */
    default double mean(double[] scores, int[] labels, int classes, double[] dScores) {
        int n = labels.length;
        if (scores.length != n * classes) {
            throw new IllegalArgumentException("scores hold " + scores.length + " values, expected " + n + "x" + classes);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += lossAndGradient(scores, i * classes, classes, labels[i], dScores, i * classes);
        }
        if (dScores != null) {
            for (int k = 0; k < dScores.length; k++) {
                dScores[k] /= n;
            }
        }
        return sum / n;
    }

    /** The loss of each example of a batch (scores N×C row-major). */
    default double[] perExample(double[] scores, int[] labels, int classes) {
        double[] out = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = lossAndGradient(scores, i * classes, classes, labels[i], null, 0);
        }
        return out;
    }

    /** The loss an untrained model (all scores equal) has; the lecture's first sanity check. */
    default double lossAtEqualScores(int classes) {
        double[] zeros = new double[classes];
        return lossAndGradient(zeros, 0, classes, 0, null, 0);
    }
}
