package dev.slope;

import java.util.SplittableRandom;

/** Tolerances and the seeded random source every test shares. */
public final class Tolerances {
    /** Exact double arithmetic on a handful of operations. */
    public static final double EXACT = 1e-12;
    /** A value printed to the lecture's precision (1e-6). */
    public static final double LECTURE = 1e-6;
    /** float32 kernels against a double reference, relative to the size of the values. */
    public static final double FLOAT = 2e-4;
    /** The largest relative error a gradient check may show in double precision. */
    public static final double GRADIENT_CHECK = 1e-6;

    private Tolerances() {
    }

    public static SplittableRandom random(long seed) {
        return new SplittableRandom(seed);
    }

    /** n values from N(0, 1), Box–Muller. */
    public static double[] gaussian(SplittableRandom r, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double u1 = 1.0 - r.nextDouble();
            double u2 = r.nextDouble();
            out[i] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        return out;
    }

    public static int[] labels(SplittableRandom r, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return y;
    }
}
