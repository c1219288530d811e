package dev.slope.objective;

import dev.slope.linalg.Checks;

/**
 * The {@link Objective} in plain double-precision loops over a small dense batch: the reference that
 * gradient checks differentiate numerically (float32 rounding would swamp a finite difference at
 * h = 1e-5) and that the fast {@link FusedPass} is tested against.
 *
 * <p>θ is W (C×D, row-major) followed by b (C values) when the bias is separate.
 */
public final class ExactObjective implements DifferentiableFunction {
    private final Objective objective;
    private final double[] x;
    private final int[] labels;
    private final int n;
    private final int dim;
    private final int classes;
    private final boolean separateBias;
    private final boolean biasInLastColumn;

    /**
     * @param x                N×D inputs, row-major; copied
     * @param labels           N labels; copied
     * @param separateBias     θ ends with C biases
     * @param biasInLastColumn the last column of x is the constant 1 of the bias trick
     */
    public ExactObjective(Objective objective, double[] x, int[] labels, int dim, int classes, boolean separateBias,
                          boolean biasInLastColumn) {
        Checks.requireShape("x", x, labels.length, dim);
        for (int i = 0; i < labels.length; i++) {
            Checks.requireLabel(labels[i], classes, i);
        }
        this.objective = objective;
        this.x = x.clone();
        this.labels = labels.clone();
        this.n = labels.length;
        this.dim = dim;
        this.classes = classes;
        this.separateBias = separateBias;
        this.biasInLastColumn = biasInLastColumn;
    }

    /**
     * The objective over the first {@code n} rows of x, converted to double.
     *
     * @param labels at least n labels, one per row; read only
     */
    public static ExactObjective of(Objective objective, dev.slope.linalg.RowSource x, int[] labels, int n, int classes,
                                    boolean separateBias, boolean biasInLastColumn) {
        int dim = x.cols();
        double[] dense = new double[n * dim];
        float[] row = new float[dim];
        for (int i = 0; i < n; i++) {
            x.copyRow(i, row);
            for (int j = 0; j < dim; j++) {
                dense[i * dim + j] = row[j];
            }
        }
        return new ExactObjective(objective, dense, java.util.Arrays.copyOf(labels, n), dim, classes, separateBias,
                biasInLastColumn);
    }

    /** Number of parameters, C·D (+ C). */
    public int size() {
        return classes * dim + (separateBias ? classes : 0);
    }

    /** Where W ends and b begins in θ. */
    public int biasOffset() {
        return classes * dim;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] grad) {
        if (theta.length != size()) {
            throw new IllegalArgumentException("θ holds " + theta.length + " values, expected " + size());
        }
        if (grad != null) {
            java.util.Arrays.fill(grad, 0);
        }
        double[] s = new double[classes];
        double[] ds = new double[classes];
        double sum = 0;
        int bo = biasOffset();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                double v = separateBias ? theta[bo + c] : 0;
                for (int j = 0; j < dim; j++) {
                    v += theta[c * dim + j] * x[i * dim + j];
                }
                s[c] = v;
            }
            sum += objective.loss().lossAndGradient(s, 0, classes, labels[i], ds, 0);
            if (grad != null) {
                for (int c = 0; c < classes; c++) {
                    double g = ds[c] / n;
                    for (int j = 0; j < dim; j++) {
                        grad[c * dim + j] += g * x[i * dim + j];
                    }
                    if (separateBias) {
                        grad[bo + c] += g;
                    }
                }
            }
        }
        double lambda = objective.lambda();
        boolean penalizeBias = objective.penalizeBias();
        int cols = biasInLastColumn && !penalizeBias ? dim - 1 : dim;
        double r = objective.regularizer().penalty(theta, 0, classes, dim, cols);
        if (grad != null) {
            objective.regularizer().addGradient(theta, 0, classes, dim, cols, lambda, grad);
        }
        if (separateBias && penalizeBias) {
            r += objective.regularizer().penalty(theta, bo, 1, classes, classes);
            if (grad != null) {
                objective.regularizer().addGradient(theta, bo, 1, classes, classes, lambda, grad);
            }
        }
        return sum / n + lambda * r;
    }
}
