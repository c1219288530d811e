package dev.slope.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernel} on SIMD lanes (the JDK's Vector API, widest species the CPU has): fused
 * multiply-adds over D in steps of 8 or 16 floats, four classes per pass over x with four independent
 * accumulators, a scalar tail for the last D mod lanes columns.
 */
public final class VectorRowKernel implements RowKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    public void scores(float[] w, int classes, int dim, float[] x, int xo, float[] out) {
        int lanes = S.length();
        int bound = S.loopBound(dim);
        int c = 0;
        for (; c + 4 <= classes; c += 4) {
            int o0 = c * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int j = 0; j < bound; j += lanes) {
                FloatVector xv = FloatVector.fromArray(S, x, xo + j);
                a0 = FloatVector.fromArray(S, w, o0 + j).fma(xv, a0);
                a1 = FloatVector.fromArray(S, w, o1 + j).fma(xv, a1);
                a2 = FloatVector.fromArray(S, w, o2 + j).fma(xv, a2);
                a3 = FloatVector.fromArray(S, w, o3 + j).fma(xv, a3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD);
            float s1 = a1.reduceLanes(VectorOperators.ADD);
            float s2 = a2.reduceLanes(VectorOperators.ADD);
            float s3 = a3.reduceLanes(VectorOperators.ADD);
            for (int j = bound; j < dim; j++) {
                float xj = x[xo + j];
                s0 += w[o0 + j] * xj;
                s1 += w[o1 + j] * xj;
                s2 += w[o2 + j] * xj;
                s3 += w[o3 + j] * xj;
            }
            out[c] = s0;
            out[c + 1] = s1;
            out[c + 2] = s2;
            out[c + 3] = s3;
        }
        for (; c < classes; c++) {
            int o = c * dim;
            FloatVector a = FloatVector.zero(S);
            for (int j = 0; j < bound; j += lanes) {
                a = FloatVector.fromArray(S, w, o + j).fma(FloatVector.fromArray(S, x, xo + j), a);
            }
            float s = a.reduceLanes(VectorOperators.ADD);
            for (int j = bound; j < dim; j++) {
                s += w[o + j] * x[xo + j];
            }
            out[c] = s;
        }
    }

    @Override
    public void accumulate(float[] g, int classes, int dim, float[] x, int xo, float[] gw) {
        int lanes = S.length();
        int bound = S.loopBound(dim);
        for (int c = 0; c < classes; c++) {
            float gc = g[c];
            if (gc == 0f) {
                continue;
            }
            int o = c * dim;
            FloatVector gv = FloatVector.broadcast(S, gc);
            for (int j = 0; j < bound; j += lanes) {
                FloatVector.fromArray(S, x, xo + j).fma(gv, FloatVector.fromArray(S, gw, o + j)).intoArray(gw, o + j);
            }
            for (int j = bound; j < dim; j++) {
                gw[o + j] += gc * x[xo + j];
            }
        }
    }
}
