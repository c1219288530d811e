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

    /**
     * Everything about the objective at θ, example by example: what the lecture's interactive demo shows.
     *
     * @param scores   N×C scores, row-major
     * @param losses   L_i of each example
     * @param data     the mean of the L_i
     * @param penalty  λ·R(W)
     * @param total    data + penalty
     * @param accuracy the share of examples whose highest score (the first on a tie) is their class
     * @param gradient ∂total/∂θ, θ's layout
     */
    public record Breakdown(double[] scores, double[] losses, double data, double penalty, double total, double accuracy,
                            double[] gradient) {
    }

    /** The objective at θ with its per-example scores and losses and its gradient. */
    public Breakdown breakdown(double[] theta) {
        double[] scores = new double[n * classes];
        double[] losses = new double[n];
        double[] grad = new double[size()];
        double penalty = evaluate(theta, grad, scores, losses);
        double data = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            data += losses[i];
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (scores[i * classes + c] > scores[i * classes + best]) {
                    best = c;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        data = n == 0 ? 0 : data / n;
        return new Breakdown(scores, losses, data, penalty, data + penalty, n == 0 ? 0 : (double) correct / n, grad);
    }

    @Override
    public double valueAndGradient(double[] theta, double[] grad) {
        double[] losses = new double[n];
        double penalty = evaluate(theta, grad, null, losses);
        double sum = 0;
        for (double l : losses) {
            sum += l;
        }
        return sum / n + penalty;
    }

    /** Fills the losses (and the scores, when not null) and the gradient (when not null); returns λ·R. */
    private double evaluate(double[] theta, double[] grad, double[] scores, double[] losses) {
        if (theta.length != size()) {
            throw new IllegalArgumentException("θ holds " + theta.length + " values, expected " + size());
        }
        if (grad != null) {
            java.util.Arrays.fill(grad, 0);
        }
        double[] s = new double[classes];
        double[] ds = new double[classes];
        int bo = biasOffset();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                double v = separateBias ? theta[bo + c] : 0;
                for (int j = 0; j < dim; j++) {
                    v += theta[c * dim + j] * x[i * dim + j];
                }
                s[c] = v;
            }
            if (scores != null) {
                System.arraycopy(s, 0, scores, i * classes, classes);
            }
            losses[i] = objective.loss().lossAndGradient(s, 0, classes, labels[i], ds, 0);
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
        return lambda * r;
    }
}
