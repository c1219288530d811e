package dev.slope.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sweeps} on SIMD lanes: eight floats widened to eight doubles (F2D and D2F compile on JDK 17), two vectors of
 * sums holding the 16 interleaved sums of the plain loops, fused multiply-adds as there.
 */
final class VectorSweeps {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(D.length() * Float.SIZE));

    private VectorSweeps() {
    }

    /** Only 512-bit vectors: two of them are the 16 sums. */
    static boolean usable() {
        return D.length() * 2 == Sweeps.LANES;
    }

    static double squares(float[] w, int from, int to) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        int k = from;
        for (; k + Sweeps.LANES <= to; k += Sweeps.LANES) {
            DoubleVector d0 = widen(w, k);
            DoubleVector d1 = widen(w, k + 8);
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
        }
        return Sweeps.tail(w, k, to, 0, null, sums(s0, s1));
    }

    static double addScaledSquares(float[] w, int from, int to, double a, float[] grad) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        int k = from;
        for (; k + Sweeps.LANES <= to; k += Sweeps.LANES) {
            DoubleVector d0 = widen(w, k);
            DoubleVector d1 = widen(w, k + 8);
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
            FloatVector.fromArray(F, grad, k).add(d0.mul(a).convertShape(VectorOperators.D2F, F, 0))
                    .intoArray(grad, k);
            FloatVector.fromArray(F, grad, k + 8).add(d1.mul(a).convertShape(VectorOperators.D2F, F, 0))
                    .intoArray(grad, k + 8);
        }
        return Sweeps.tail(w, k, to, a, grad, sums(s0, s1));
    }

    private static DoubleVector widen(float[] w, int k) {
        return (DoubleVector) FloatVector.fromArray(F, w, k).convertShape(VectorOperators.F2D, D, 0);
    }

    private static double[] sums(DoubleVector s0, DoubleVector s1) {
        double[] s = new double[Sweeps.LANES];
        s0.intoArray(s, 0);
        s1.intoArray(s, 8);
        return s;
    }
}
