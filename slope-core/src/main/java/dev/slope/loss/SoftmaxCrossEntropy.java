package dev.slope.loss;

/**
 * The softmax (cross-entropy) loss: the negative log-probability of the true class,
 *
 * <pre>
 *   P(k | x) = e^{s_k} / Σ_j e^{s_j},     L_i = −ln P(y | x) = ln Σ_j e^{s_j} − s_y
 * </pre>
 *
 * with the natural logarithm, computed stably by shifting every score by the largest (which leaves the
 * probabilities unchanged and keeps e^{s} from overflowing). Gradient: ∂L_i/∂s_j = P(j | x) − [j = y].
 *
 * <p>On the lecture's car image (scores 1.3, 4.9, 2.0) this gives L = 0.0791. The slide prints 0.03
 * because it took a base-10 logarithm (−log10 0.924 = 0.034); the loss, its gradient and its sanity
 * value ln C all use the natural log.
 */
public record SoftmaxCrossEntropy() implements Loss {

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public boolean givesProbabilities() {
        return true;
    }

    @Override
    public double lossAndGradient(double[] s, int offset, int classes, int label, double[] ds, int dOffset) {
        double max = max(s, offset, classes);
        double sum;
        if (ds == null) {
            sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(s[offset + j] - max);
            }
        } else {
            // one exponential per class: kept in ds, then divided by their sum (the probabilities)
            sum = exponentials(s, offset, classes, max, ds, dOffset);
            for (int j = 0; j < classes; j++) {
                ds[dOffset + j] = ds[dOffset + j] / sum - (j == label ? 1 : 0);
            }
        }
        return Math.log(sum) + max - s[offset + label];
    }

    /** Softmax probabilities of C scores (stable); {@code out} is overwritten. */
    public static void probabilities(double[] s, int offset, int classes, double[] out, int outOffset) {
        double sum = exponentials(s, offset, classes, max(s, offset, classes), out, outOffset);
        for (int j = 0; j < classes; j++) {
            out[outOffset + j] /= sum;
        }
    }

    private static double max(double[] s, int offset, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            max = Math.max(max, s[offset + j]);
        }
        return max;
    }

    /** {@code exp(s_j − max)} of each class into {@code out}; returns their sum. */
    private static double exponentials(double[] s, int offset, int classes, double max, double[] out, int outOffset) {
        double sum = 0;
        for (int j = 0; j < classes; j++) {
            out[outOffset + j] = Math.exp(s[offset + j] - max);
            sum += out[outOffset + j];
        }
        return sum;
    }
}
