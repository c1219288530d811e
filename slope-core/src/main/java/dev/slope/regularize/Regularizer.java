package dev.slope.regularize;

/**
 * A penalty R(W) = Σ_k r(W_k) on the weights, added to the data loss as λ·R(W). Every regularizer of
 * the lecture is a sum over single weights, so an implementation gives only r and its derivative; the
 * loops over a weight matrix live here, once.
 *
 * <p>Weights are C×D row-major; only the first {@code penalizedCols} columns of each row are
 * penalized, which is how a bias folded into the last column (the bias trick) stays unpenalized.
 */
public interface Regularizer {

    /** The name used on the command line and in model files ("none", "l2", "l1", "elasticnet"). */
    String name();

    /** r(w), the penalty of one weight. */
    double value(double w);

    /** r'(w); where r has a kink (|w| at 0) the subgradient 0 is taken. */
    double derivative(double w);

    /** Σ r(W[c, j]) over every row c and the columns j &lt; penalizedCols. W: rows×cols, read only. */
    default double penalty(float[] w, int rows, int cols, int penalizedCols) {
        double sum = 0;
        for (int c = 0; c < rows; c++) {
            for (int j = 0, o = c * cols; j < penalizedCols; j++) {
                sum += value(w[o + j]);
            }
        }
        return sum;
    }

    /** Adds λ·r'(W) to {@code grad} (rows×cols, updated) over the penalized columns. W: read only. */
    default void addGradient(float[] w, int rows, int cols, int penalizedCols, double lambda, float[] grad) {
        for (int c = 0; c < rows; c++) {
            for (int j = 0, o = c * cols; j < penalizedCols; j++) {
                grad[o + j] += (float) (lambda * derivative(w[o + j]));
            }
        }
    }

    /**
     * {@link #addGradient(float[], int, int, int, double, float[])} and {@link #penalty(float[], int, int, int)}
     * in one sweep over W: adds λ·r'(W) to {@code grad} and returns Σ r(W) (not multiplied by λ).
     */
    default double addGradientAndPenalty(float[] w, int rows, int cols, int penalizedCols, double lambda, float[] grad) {
        double sum = 0;
        for (int c = 0; c < rows; c++) {
            for (int j = 0, o = c * cols; j < penalizedCols; j++) {
                float v = w[o + j];
                sum += value(v);
                grad[o + j] += (float) (lambda * derivative(v));
            }
        }
        return sum;
    }

    /** Double-precision twin of {@link #penalty(float[], int, int, int)}. */
    default double penalty(double[] w, int offset, int rows, int cols, int penalizedCols) {
        double sum = 0;
        for (int c = 0; c < rows; c++) {
            for (int j = 0, o = offset + c * cols; j < penalizedCols; j++) {
                sum += value(w[o + j]);
            }
        }
        return sum;
    }

    /** Double-precision twin of {@link #addGradient(float[], int, int, int, double, float[])}. */
    default void addGradient(double[] w, int offset, int rows, int cols, int penalizedCols, double lambda, double[] grad) {
        for (int c = 0; c < rows; c++) {
            for (int j = 0, o = offset + c * cols; j < penalizedCols; j++) {
                grad[o + j] += lambda * derivative(w[o + j]);
            }
        }
    }
}
