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
    public void scores(float[] w, int classes, int dim, float[] x, int xo, float[] out, int oo) {
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
            out[oo + c] = s0;
            out[oo + c + 1] = s1;
            out[oo + c + 2] = s2;
            out[oo + c + 3] = s3;
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
            out[oo + c] = s;
        }
    }

    /** Two rows × four classes per sweep: each W load feeds two FMAs, each x load four. */
    @Override
    public void scoresBlock(float[] w, int classes, int dim, float[][] xs, int[] xo, int rows, float[] out) {
        int r = 0;
        for (; r + 2 <= rows; r += 2) {
            scoresPair(w, classes, dim, xs[r], xo[r], xs[r + 1], xo[r + 1], out, r * classes);
        }
        if (r < rows) {
            scores(w, classes, dim, xs[r], xo[r], out, r * classes);
        }
    }

    private static void scoresPair(float[] w, int classes, int dim, float[] x, int xo, float[] z, int zo, float[] out, int oo) {
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
            FloatVector b0 = FloatVector.zero(S);
            FloatVector b1 = FloatVector.zero(S);
            FloatVector b2 = FloatVector.zero(S);
            FloatVector b3 = FloatVector.zero(S);
            for (int j = 0; j < bound; j += lanes) {
                FloatVector xv = FloatVector.fromArray(S, x, xo + j);
                FloatVector zv = FloatVector.fromArray(S, z, zo + j);
                FloatVector w0 = FloatVector.fromArray(S, w, o0 + j);
                a0 = w0.fma(xv, a0);
                b0 = w0.fma(zv, b0);
                FloatVector w1 = FloatVector.fromArray(S, w, o1 + j);
                a1 = w1.fma(xv, a1);
                b1 = w1.fma(zv, b1);
                FloatVector w2 = FloatVector.fromArray(S, w, o2 + j);
                a2 = w2.fma(xv, a2);
                b2 = w2.fma(zv, b2);
                FloatVector w3 = FloatVector.fromArray(S, w, o3 + j);
                a3 = w3.fma(xv, a3);
                b3 = w3.fma(zv, b3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD);
            float s1 = a1.reduceLanes(VectorOperators.ADD);
            float s2 = a2.reduceLanes(VectorOperators.ADD);
            float s3 = a3.reduceLanes(VectorOperators.ADD);
            float t0 = b0.reduceLanes(VectorOperators.ADD);
            float t1 = b1.reduceLanes(VectorOperators.ADD);
            float t2 = b2.reduceLanes(VectorOperators.ADD);
            float t3 = b3.reduceLanes(VectorOperators.ADD);
            for (int j = bound; j < dim; j++) {
                float xj = x[xo + j];
                float zj = z[zo + j];
                s0 += w[o0 + j] * xj;
                s1 += w[o1 + j] * xj;
                s2 += w[o2 + j] * xj;
                s3 += w[o3 + j] * xj;
                t0 += w[o0 + j] * zj;
                t1 += w[o1 + j] * zj;
                t2 += w[o2 + j] * zj;
                t3 += w[o3 + j] * zj;
            }
            out[oo + c] = s0;
            out[oo + c + 1] = s1;
            out[oo + c + 2] = s2;
            out[oo + c + 3] = s3;
            out[oo + classes + c] = t0;
            out[oo + classes + c + 1] = t1;
            out[oo + classes + c + 2] = t2;
            out[oo + classes + c + 3] = t3;
        }
        for (; c < classes; c++) {
            int o = c * dim;
            FloatVector a = FloatVector.zero(S);
            FloatVector b = FloatVector.zero(S);
            for (int j = 0; j < bound; j += lanes) {
                FloatVector wv = FloatVector.fromArray(S, w, o + j);
                a = wv.fma(FloatVector.fromArray(S, x, xo + j), a);
                b = wv.fma(FloatVector.fromArray(S, z, zo + j), b);
            }
            float s = a.reduceLanes(VectorOperators.ADD);
            float t = b.reduceLanes(VectorOperators.ADD);
            for (int j = bound; j < dim; j++) {
                s += w[o + j] * x[xo + j];
                t += w[o + j] * z[zo + j];
            }
            out[oo + c] = s;
            out[oo + classes + c] = t;
        }
    }

    /** Four rows per sweep over G: each G chunk is loaded and stored once for four FMAs. */
    @Override
    public void accumulateBlock(float[] g, int classes, int dim, float[][] xs, int[] xo, int rows, float[] gw) {
        if (rows != 4) {
            RowKernel.super.accumulateBlock(g, classes, dim, xs, xo, rows, gw);
            return;
        }
        int lanes = S.length();
        int bound = S.loopBound(dim);
        float[] x0 = xs[0];
        float[] x1 = xs[1];
        float[] x2 = xs[2];
        float[] x3 = xs[3];
        int o0 = xo[0];
        int o1 = xo[1];
        int o2 = xo[2];
        int o3 = xo[3];
        for (int c = 0; c < classes; c++) {
            float g0 = g[c];
            float g1 = g[classes + c];
            float g2 = g[2 * classes + c];
            float g3 = g[3 * classes + c];
            if (g0 == 0f && g1 == 0f && g2 == 0f && g3 == 0f) {
                continue;
            }
            int o = c * dim;
            FloatVector v0 = FloatVector.broadcast(S, g0);
            FloatVector v1 = FloatVector.broadcast(S, g1);
            FloatVector v2 = FloatVector.broadcast(S, g2);
            FloatVector v3 = FloatVector.broadcast(S, g3);
            for (int j = 0; j < bound; j += lanes) {
                FloatVector acc = FloatVector.fromArray(S, gw, o + j);
                acc = FloatVector.fromArray(S, x0, o0 + j).fma(v0, acc);
                acc = FloatVector.fromArray(S, x1, o1 + j).fma(v1, acc);
                acc = FloatVector.fromArray(S, x2, o2 + j).fma(v2, acc);
                acc = FloatVector.fromArray(S, x3, o3 + j).fma(v3, acc);
                acc.intoArray(gw, o + j);
            }
            for (int j = bound; j < dim; j++) {
                gw[o + j] += g0 * x0[o0 + j] + g1 * x1[o1 + j] + g2 * x2[o2 + j] + g3 * x3[o3 + j];
            }
        }
    }

    @Override
    public void accumulate(float[] g, int go, int classes, int dim, float[] x, int xo, float[] gw) {
        int lanes = S.length();
        int bound = S.loopBound(dim);
        for (int c = 0; c < classes; c++) {
            float gc = g[go + c];
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
