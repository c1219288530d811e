package dev.slope.knn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Distances on SIMD lanes. On whole-number rows 0..255 the result is exact, the trick that makes exact
 * kNN on pixels fast: each lane adds at most {@value #LANE_TERMS} terms of at most 255² = 65,025, so its float
 * sum stays below 2²⁴, where floats hold integers exactly, and the lane sums are then added in double. On
 * other rows (features) the same code adds float sums of differences, which are as exact as floats allow.
 * One instance per thread: it keeps a scratch array.
 */
final class VectorDistances implements DistanceKernel {
    /** Terms per lane before its sum is moved out of the float lanes (2²⁴ / 255² rounded down). */
    static final int LANE_TERMS = 256;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private final boolean l1;
    private final float[] scratch = new float[S.length()];

    VectorDistances(Distance distance) {
        this.l1 = distance == Distance.L1;
    }

    @Override
    public void four(float[] a, int ao, float[] b, int b0, int b1, int b2, int b3, int dim, double[] out) {
        int lanes = S.length();
        int upper = S.loopBound(dim);
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        int j = 0;
        while (j < upper) {
            int stop = Math.min(upper, j + LANE_TERMS * lanes);
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            for (; j < stop; j += lanes) {
                FloatVector x = FloatVector.fromArray(S, a, ao + j);
                FloatVector d0 = x.sub(FloatVector.fromArray(S, b, b0 + j));
                FloatVector d1 = x.sub(FloatVector.fromArray(S, b, b1 + j));
                FloatVector d2 = x.sub(FloatVector.fromArray(S, b, b2 + j));
                FloatVector d3 = x.sub(FloatVector.fromArray(S, b, b3 + j));
                if (l1) {
                    s0 = s0.add(d0.abs());
                    s1 = s1.add(d1.abs());
                    s2 = s2.add(d2.abs());
                    s3 = s3.add(d3.abs());
                } else {
                    s0 = d0.fma(d0, s0);
                    s1 = d1.fma(d1, s1);
                    s2 = d2.fma(d2, s2);
                    s3 = d3.fma(d3, s3);
                }
            }
            t0 += total(s0);
            t1 += total(s1);
            t2 += total(s2);
            t3 += total(s3);
        }
        for (; j < dim; j++) {
            double x = a[ao + j];
            t0 += term(x - b[b0 + j]);
            t1 += term(x - b[b1 + j]);
            t2 += term(x - b[b2 + j]);
            t3 += term(x - b[b3 + j]);
        }
        out[0] = t0;
        out[1] = t1;
        out[2] = t2;
        out[3] = t3;
    }

    private double term(double d) {
        return l1 ? Math.abs(d) : d * d;
    }

    @Override
    public void dots(float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3, int dim, double[] out) {
        int lanes = S.length();
        int upper = S.loopBound(dim);
        double[] t = out;
        java.util.Arrays.fill(t, 0, 8, 0);
        int j = 0;
        while (j < upper) {
            int stop = Math.min(upper, j + LANE_TERMS * lanes);
            FloatVector s00 = FloatVector.zero(S);
            FloatVector s01 = FloatVector.zero(S);
            FloatVector s10 = FloatVector.zero(S);
            FloatVector s11 = FloatVector.zero(S);
            FloatVector s20 = FloatVector.zero(S);
            FloatVector s21 = FloatVector.zero(S);
            FloatVector s30 = FloatVector.zero(S);
            FloatVector s31 = FloatVector.zero(S);
            for (; j < stop; j += lanes) {
                FloatVector x0 = FloatVector.fromArray(S, a, a0 + j);
                FloatVector x1 = FloatVector.fromArray(S, a, a1 + j);
                FloatVector y = FloatVector.fromArray(S, b, b0 + j);
                s00 = x0.fma(y, s00);
                s01 = x1.fma(y, s01);
                y = FloatVector.fromArray(S, b, b1 + j);
                s10 = x0.fma(y, s10);
                s11 = x1.fma(y, s11);
                y = FloatVector.fromArray(S, b, b2 + j);
                s20 = x0.fma(y, s20);
                s21 = x1.fma(y, s21);
                y = FloatVector.fromArray(S, b, b3 + j);
                s30 = x0.fma(y, s30);
                s31 = x1.fma(y, s31);
            }
            t[0] += total(s00);
            t[1] += total(s01);
            t[2] += total(s10);
            t[3] += total(s11);
            t[4] += total(s20);
            t[5] += total(s21);
            t[6] += total(s30);
            t[7] += total(s31);
        }
        for (; j < dim; j++) {
            double x0 = a[a0 + j];
            double x1 = a[a1 + j];
            t[0] += x0 * b[b0 + j];
            t[1] += x1 * b[b0 + j];
            t[2] += x0 * b[b1 + j];
            t[3] += x1 * b[b1 + j];
            t[4] += x0 * b[b2 + j];
            t[5] += x1 * b[b2 + j];
            t[6] += x0 * b[b3 + j];
            t[7] += x1 * b[b3 + j];
        }
    }

    /** The lanes' sum in double (exact for whole-number lanes below 2²⁴). */
    private double total(FloatVector lanes) {
        float[] s = scratch;
        lanes.intoArray(s, 0);
        double sum = 0;
        for (float v : s) {
            sum += v;
        }
        return sum;
    }
}
