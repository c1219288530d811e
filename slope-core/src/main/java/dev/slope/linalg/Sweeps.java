package dev.slope.linalg;

/**
 * The sweeps over a weight array that every gradient step makes besides the rows' work: Σ w² (the L2 penalty, the
 * norms the history keeps) and {@code grad += a·w} (the L2 gradient), in one pass, with 16 interleaved double sums
 * (independent chains of fused multiply-adds, then the sums in order, then the tail).
 *
 * <p>Plain loops on purpose. A Vector API version (eight floats widened to eight doubles) took 0.7 µs a sweep of
 * 7,850 weights against 5-6 µs here, but its 256-bit float and 512-bit double vectors shared the Vector API's methods
 * with the row kernels' 512-bit floats, and the kernels' compiled code lost its intrinsics: the default run took
 * 5.4 s without the JIT warm-up and 1.8 s with it, against 1.2-1.7 s with these loops (measured, the full Fashion-MNIST).
 */
public final class Sweeps {
    /** The interleaved sums: element k of a sweep from {@code from} goes to sum {@code (k − from) mod 16}. */
    static final int LANES = 16;

    private Sweeps() {
    }

    /** Σ w[k]² over {@code from..to}, in double. */
    public static double squares(float[] w, int from, int to) {
        return sweep(w, from, to, 0, null);
    }

    /** Σ w[k]² over all of {@code w}, in double. */
    public static double squares(float[] w) {
        return squares(w, 0, w.length);
    }

    /**
     * Adds {@code (float) (a·w[k])} to {@code grad[k]} over {@code from..to} (the product in double, rounded once) and
     * returns Σ w[k]² there, in double.
     */
    public static double addScaledSquares(float[] w, int from, int to, double a, float[] grad) {
        return sweep(w, from, to, a, grad);
    }

    /** Both sweeps (no gradient when {@code grad} is null). */
    private static double sweep(float[] w, int from, int to, double a, float[] grad) {
        double[] s = new double[LANES];
        int k = from;
        for (; k + LANES <= to; k += LANES) {
            for (int l = 0; l < LANES; l++) {
                double d = w[k + l];
                s[l] = Math.fma(d, d, s[l]);
                if (grad != null) {
                    grad[k + l] += (float) (a * d);
                }
            }
        }
        return tail(w, k, to, a, grad, s);
    }

    /** The 16 sums added in order, then the elements {@code k..to} one by one (and their gradient). */
    private static double tail(float[] w, int k, int to, double a, float[] grad, double[] sums) {
        double total = 0;
        for (double v : sums) {
            total += v;
        }
        for (; k < to; k++) {
            double d = w[k];
            total = Math.fma(d, d, total);
            if (grad != null) {
                grad[k] += (float) (a * d);
            }
        }
        return total;
    }
}
