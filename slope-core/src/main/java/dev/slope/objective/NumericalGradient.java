package dev.slope.objective;

/**
 * The gradient by finite differences, as the lecture computes it before the analytic one:
 *
 * <pre>
 *   forward:  ∂f/∂θ_k ≈ (f(θ + h·e_k) − f(θ)) / h              error O(h)
 *   centred:  ∂f/∂θ_k ≈ (f(θ + h·e_k) − f(θ − h·e_k)) / 2h      error O(h²)
 * </pre>
 *
 * Each partial costs one (forward) or two (centred) evaluations of f over the whole batch: that is
 * why the analytic gradient is used to train and this one only to check it.
 */
public final class NumericalGradient {
    public static final double DEFAULT_STEP = 1e-5;

    /** The two difference formulas. */
    public enum Difference { FORWARD, CENTRED }

    private NumericalGradient() {
    }

    /**
     * One partial derivative. θ is perturbed in place and restored.
     *
     * @param f0 f(θ), used by the forward difference (pass NaN to have it computed)
     */
    public static double partial(DifferentiableFunction f, double[] theta, int k, double h, Difference kind, double f0) {
        double old = theta[k];
        try {
            theta[k] = old + h;
            double plus = f.valueAndGradient(theta, null);
            if (kind == Difference.FORWARD) {
                double base = Double.isNaN(f0) ? value(f, theta, k, old) : f0;
                return (plus - base) / h;
            }
            theta[k] = old - h;
            double minus = f.valueAndGradient(theta, null);
            return (plus - minus) / (2 * h);
        } finally {
            theta[k] = old;
        }
    }

    private static double value(DifferentiableFunction f, double[] theta, int k, double old) {
        theta[k] = old;
        return f.valueAndGradient(theta, null);
    }

    /** Every partial derivative. */
    public static double[] full(DifferentiableFunction f, double[] theta, double h, Difference kind) {
        double f0 = f.valueAndGradient(theta, null);
        double[] g = new double[theta.length];
        for (int k = 0; k < theta.length; k++) {
            g[k] = partial(f, theta, k, h, kind, f0);
        }
        return g;
    }
}
