package dev.slope.linalg;

/**
 * The sweeps over a weight array that every gradient step makes besides the rows' work: Σ w² (the L2 penalty, the
 * norms the history keeps) and {@code grad += a·w} (the L2 gradient). Σ w² is summed in double in eight interleaved
 * chains of fused multiply-adds held in locals (element k of a sweep from {@code from} goes to chain
 * {@code (k − from) mod 8}; then the chains pairwise, then the tail): about 1.3 µs for 7,850 weights, where one chain
 * waits on each addition's latency (2.8 µs with four). The gradient is a separate loop in float alone, which the JIT
 * turns into SIMD code (0.45 µs); one loop mixing float and double is not (5-8 µs).
 *
 * <p>Plain loops on purpose. Vector API sweeps were faster alone (0.2 and 0.8 µs) but cost the default run: in other
 * vector shapes (256-bit floats widened to 512-bit doubles) they made the Vector API's shared methods see several
 * vector classes and the row kernels' compiled code lost its intrinsics (the default run 5.4 s against 1.3 s without
 * the JIT warm-up); in the kernels' own shape they added compile time (the default run 1.50-1.83 s against
 * 1.26-1.66 s, alternating). Measured on the full Fashion-MNIST, 2026-12-05.
 */
public final class Sweeps {
    private Sweeps() {
    }

    /** Σ w[k]² over {@code from..to}, in double. */
    public static double squares(float[] w, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int k = from;
        for (; k + 8 <= to; k += 8) {
            double d0 = w[k];
            double d1 = w[k + 1];
            double d2 = w[k + 2];
            double d3 = w[k + 3];
            double d4 = w[k + 4];
            double d5 = w[k + 5];
            double d6 = w[k + 6];
            double d7 = w[k + 7];
            s0 = Math.fma(d0, d0, s0);
            s1 = Math.fma(d1, d1, s1);
            s2 = Math.fma(d2, d2, s2);
            s3 = Math.fma(d3, d3, s3);
            s4 = Math.fma(d4, d4, s4);
            s5 = Math.fma(d5, d5, s5);
            s6 = Math.fma(d6, d6, s6);
            s7 = Math.fma(d7, d7, s7);
        }
        double total = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; k < to; k++) {
            double d = w[k];
            total = Math.fma(d, d, total);
        }
        return total;
    }

    /** Σ w[k]² over all of {@code w}, in double. */
    public static double squares(float[] w) {
        return squares(w, 0, w.length);
    }

    /**
     * Adds {@code (float) a · w[k]} to {@code grad[k]} over {@code from..to} (in float) and returns Σ w[k]² there, as
     * {@link #squares(float[], int, int)} sums it.
     */
    public static double addScaledSquares(float[] w, int from, int to, double a, float[] grad) {
        float scale = (float) a;
        for (int k = from; k < to; k++) {
            grad[k] += scale * w[k];
        }
        return squares(w, from, to);
    }
}
