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

    /**
     * Rows in register tiles: four rows × five classes at a time ({@link #scores4x5}), four rows × one class for the
     * classes left over, then pairs and a last single row.
     */
    @Override
    public void scoresBlock(float[] w, int classes, int dim, float[][] xs, int[] xo, int rows, float[] out) {
        int c5 = classes - classes % 5;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            for (int c = 0; c < c5; c += 5) {
                scores4x5(w, classes, dim, xs, xo, r, c, out);
            }
            for (int c = c5; c < classes; c++) {
                scores4x1(w, classes, dim, xs, xo, r, c, out);
            }
        }
        for (; r + 2 <= rows; r += 2) {
            scoresPair(w, classes, dim, xs[r], xo[r], xs[r + 1], xo[r + 1], out, r * classes);
        }
        if (r < rows) {
            scores(w, classes, dim, xs[r], xo[r], out, r * classes);
        }
    }

    /**
     * Scores of rows r..r+3 for classes c..c+4: a register tile of 4 rows × 5 classes (20 accumulators), so each
     * load of W feeds four FMAs and each load of x five.
     */
    private static void scores4x5(float[] w, int classes, int dim, float[][] xs, int[] xo, int r, int c, float[] out) {
        int lanes = S.length();
        int bound = S.loopBound(dim);
        float[] x0 = xs[r + 0];
        int p0 = xo[r + 0];
        float[] x1 = xs[r + 1];
        int p1 = xo[r + 1];
        float[] x2 = xs[r + 2];
        int p2 = xo[r + 2];
        float[] x3 = xs[r + 3];
        int p3 = xo[r + 3];
        int o0 = (c + 0) * dim;
        int o1 = (c + 1) * dim;
        int o2 = (c + 2) * dim;
        int o3 = (c + 3) * dim;
        int o4 = (c + 4) * dim;
        FloatVector a00 = FloatVector.zero(S); FloatVector a01 = FloatVector.zero(S); FloatVector a02 = FloatVector.zero(S); FloatVector a03 = FloatVector.zero(S); FloatVector a04 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S); FloatVector a11 = FloatVector.zero(S); FloatVector a12 = FloatVector.zero(S); FloatVector a13 = FloatVector.zero(S); FloatVector a14 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S); FloatVector a21 = FloatVector.zero(S); FloatVector a22 = FloatVector.zero(S); FloatVector a23 = FloatVector.zero(S); FloatVector a24 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S); FloatVector a31 = FloatVector.zero(S); FloatVector a32 = FloatVector.zero(S); FloatVector a33 = FloatVector.zero(S); FloatVector a34 = FloatVector.zero(S);
        for (int j = 0; j < bound; j += lanes) {
            FloatVector v0 = FloatVector.fromArray(S, x0, p0 + j);
            FloatVector v1 = FloatVector.fromArray(S, x1, p1 + j);
            FloatVector v2 = FloatVector.fromArray(S, x2, p2 + j);
            FloatVector v3 = FloatVector.fromArray(S, x3, p3 + j);
            FloatVector w0 = FloatVector.fromArray(S, w, o0 + j);
            a00 = w0.fma(v0, a00);
            a10 = w0.fma(v1, a10);
            a20 = w0.fma(v2, a20);
            a30 = w0.fma(v3, a30);
            FloatVector w1 = FloatVector.fromArray(S, w, o1 + j);
            a01 = w1.fma(v0, a01);
            a11 = w1.fma(v1, a11);
            a21 = w1.fma(v2, a21);
            a31 = w1.fma(v3, a31);
            FloatVector w2 = FloatVector.fromArray(S, w, o2 + j);
            a02 = w2.fma(v0, a02);
            a12 = w2.fma(v1, a12);
            a22 = w2.fma(v2, a22);
            a32 = w2.fma(v3, a32);
            FloatVector w3 = FloatVector.fromArray(S, w, o3 + j);
            a03 = w3.fma(v0, a03);
            a13 = w3.fma(v1, a13);
            a23 = w3.fma(v2, a23);
            a33 = w3.fma(v3, a33);
            FloatVector w4 = FloatVector.fromArray(S, w, o4 + j);
            a04 = w4.fma(v0, a04);
            a14 = w4.fma(v1, a14);
            a24 = w4.fma(v2, a24);
            a34 = w4.fma(v3, a34);
        }
        float s00 = a00.reduceLanes(VectorOperators.ADD);
        float s01 = a01.reduceLanes(VectorOperators.ADD);
        float s02 = a02.reduceLanes(VectorOperators.ADD);
        float s03 = a03.reduceLanes(VectorOperators.ADD);
        float s04 = a04.reduceLanes(VectorOperators.ADD);
        float s10 = a10.reduceLanes(VectorOperators.ADD);
        float s11 = a11.reduceLanes(VectorOperators.ADD);
        float s12 = a12.reduceLanes(VectorOperators.ADD);
        float s13 = a13.reduceLanes(VectorOperators.ADD);
        float s14 = a14.reduceLanes(VectorOperators.ADD);
        float s20 = a20.reduceLanes(VectorOperators.ADD);
        float s21 = a21.reduceLanes(VectorOperators.ADD);
        float s22 = a22.reduceLanes(VectorOperators.ADD);
        float s23 = a23.reduceLanes(VectorOperators.ADD);
        float s24 = a24.reduceLanes(VectorOperators.ADD);
        float s30 = a30.reduceLanes(VectorOperators.ADD);
        float s31 = a31.reduceLanes(VectorOperators.ADD);
        float s32 = a32.reduceLanes(VectorOperators.ADD);
        float s33 = a33.reduceLanes(VectorOperators.ADD);
        float s34 = a34.reduceLanes(VectorOperators.ADD);
        for (int j = bound; j < dim; j++) {
            float y0 = x0[p0 + j];
            float y1 = x1[p1 + j];
            float y2 = x2[p2 + j];
            float y3 = x3[p3 + j];
            float u0 = w[o0 + j];
            s00 += u0 * y0; s10 += u0 * y1; s20 += u0 * y2; s30 += u0 * y3;
            float u1 = w[o1 + j];
            s01 += u1 * y0; s11 += u1 * y1; s21 += u1 * y2; s31 += u1 * y3;
            float u2 = w[o2 + j];
            s02 += u2 * y0; s12 += u2 * y1; s22 += u2 * y2; s32 += u2 * y3;
            float u3 = w[o3 + j];
            s03 += u3 * y0; s13 += u3 * y1; s23 += u3 * y2; s33 += u3 * y3;
            float u4 = w[o4 + j];
            s04 += u4 * y0; s14 += u4 * y1; s24 += u4 * y2; s34 += u4 * y3;
        }
        int q0 = (r + 0) * classes + c;
        out[q0 + 0] = s00; out[q0 + 1] = s01; out[q0 + 2] = s02; out[q0 + 3] = s03; out[q0 + 4] = s04;
        int q1 = (r + 1) * classes + c;
        out[q1 + 0] = s10; out[q1 + 1] = s11; out[q1 + 2] = s12; out[q1 + 3] = s13; out[q1 + 4] = s14;
        int q2 = (r + 2) * classes + c;
        out[q2 + 0] = s20; out[q2 + 1] = s21; out[q2 + 2] = s22; out[q2 + 3] = s23; out[q2 + 4] = s24;
        int q3 = (r + 3) * classes + c;
        out[q3 + 0] = s30; out[q3 + 1] = s31; out[q3 + 2] = s32; out[q3 + 3] = s33; out[q3 + 4] = s34;
    }

    /**
     * {@code G[c..c+4][j..j+4·lanes) += Σ_r g[r][c..c+4] · x_r[j..j+4·lanes)} over the block's rows: a register tile of
     * 5 classes × 4 vectors (20 accumulators) held across the rows, so G is loaded and stored once per block and each
     * x load feeds five FMAs.
     */
    private static void gradient5x4(float[] g, int classes, int dim, float[][] xs, int[] xo, int rows, float[] gw, int c, int j) {
        int lanes = S.length();
        int o0 = (c + 0) * dim + j;
        int o1 = (c + 1) * dim + j;
        int o2 = (c + 2) * dim + j;
        int o3 = (c + 3) * dim + j;
        int o4 = (c + 4) * dim + j;
        FloatVector a00 = FloatVector.fromArray(S, gw, o0); FloatVector a01 = FloatVector.fromArray(S, gw, o0 + 1 * lanes); FloatVector a02 = FloatVector.fromArray(S, gw, o0 + 2 * lanes); FloatVector a03 = FloatVector.fromArray(S, gw, o0 + 3 * lanes);
        FloatVector a10 = FloatVector.fromArray(S, gw, o1); FloatVector a11 = FloatVector.fromArray(S, gw, o1 + 1 * lanes); FloatVector a12 = FloatVector.fromArray(S, gw, o1 + 2 * lanes); FloatVector a13 = FloatVector.fromArray(S, gw, o1 + 3 * lanes);
        FloatVector a20 = FloatVector.fromArray(S, gw, o2); FloatVector a21 = FloatVector.fromArray(S, gw, o2 + 1 * lanes); FloatVector a22 = FloatVector.fromArray(S, gw, o2 + 2 * lanes); FloatVector a23 = FloatVector.fromArray(S, gw, o2 + 3 * lanes);
        FloatVector a30 = FloatVector.fromArray(S, gw, o3); FloatVector a31 = FloatVector.fromArray(S, gw, o3 + 1 * lanes); FloatVector a32 = FloatVector.fromArray(S, gw, o3 + 2 * lanes); FloatVector a33 = FloatVector.fromArray(S, gw, o3 + 3 * lanes);
        FloatVector a40 = FloatVector.fromArray(S, gw, o4); FloatVector a41 = FloatVector.fromArray(S, gw, o4 + 1 * lanes); FloatVector a42 = FloatVector.fromArray(S, gw, o4 + 2 * lanes); FloatVector a43 = FloatVector.fromArray(S, gw, o4 + 3 * lanes);
        for (int r = 0; r < rows; r++) {
            float[] x = xs[r];
            int p = xo[r] + j;
            FloatVector v0 = FloatVector.fromArray(S, x, p);
            FloatVector v1 = FloatVector.fromArray(S, x, p + 1 * lanes);
            FloatVector v2 = FloatVector.fromArray(S, x, p + 2 * lanes);
            FloatVector v3 = FloatVector.fromArray(S, x, p + 3 * lanes);
            int q = r * classes + c;
            FloatVector b0 = FloatVector.broadcast(S, g[q + 0]);
            a00 = v0.fma(b0, a00); a01 = v1.fma(b0, a01); a02 = v2.fma(b0, a02); a03 = v3.fma(b0, a03);
            FloatVector b1 = FloatVector.broadcast(S, g[q + 1]);
            a10 = v0.fma(b1, a10); a11 = v1.fma(b1, a11); a12 = v2.fma(b1, a12); a13 = v3.fma(b1, a13);
            FloatVector b2 = FloatVector.broadcast(S, g[q + 2]);
            a20 = v0.fma(b2, a20); a21 = v1.fma(b2, a21); a22 = v2.fma(b2, a22); a23 = v3.fma(b2, a23);
            FloatVector b3 = FloatVector.broadcast(S, g[q + 3]);
            a30 = v0.fma(b3, a30); a31 = v1.fma(b3, a31); a32 = v2.fma(b3, a32); a33 = v3.fma(b3, a33);
            FloatVector b4 = FloatVector.broadcast(S, g[q + 4]);
            a40 = v0.fma(b4, a40); a41 = v1.fma(b4, a41); a42 = v2.fma(b4, a42); a43 = v3.fma(b4, a43);
        }
        a00.intoArray(gw, o0); a01.intoArray(gw, o0 + 1 * lanes); a02.intoArray(gw, o0 + 2 * lanes); a03.intoArray(gw, o0 + 3 * lanes);
        a10.intoArray(gw, o1); a11.intoArray(gw, o1 + 1 * lanes); a12.intoArray(gw, o1 + 2 * lanes); a13.intoArray(gw, o1 + 3 * lanes);
        a20.intoArray(gw, o2); a21.intoArray(gw, o2 + 1 * lanes); a22.intoArray(gw, o2 + 2 * lanes); a23.intoArray(gw, o2 + 3 * lanes);
        a30.intoArray(gw, o3); a31.intoArray(gw, o3 + 1 * lanes); a32.intoArray(gw, o3 + 2 * lanes); a33.intoArray(gw, o3 + 3 * lanes);
        a40.intoArray(gw, o4); a41.intoArray(gw, o4 + 1 * lanes); a42.intoArray(gw, o4 + 2 * lanes); a43.intoArray(gw, o4 + 3 * lanes);
    }

    /** Scores of rows r..r+3 for class c: four accumulators sharing each load of W. */
    private static void scores4x1(float[] w, int classes, int dim, float[][] xs, int[] xo, int r, int c, float[] out) {
        int lanes = S.length();
        int bound = S.loopBound(dim);
        float[] x0 = xs[r];
        float[] x1 = xs[r + 1];
        float[] x2 = xs[r + 2];
        float[] x3 = xs[r + 3];
        int p0 = xo[r];
        int p1 = xo[r + 1];
        int p2 = xo[r + 2];
        int p3 = xo[r + 3];
        int o = c * dim;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        for (int j = 0; j < bound; j += lanes) {
            FloatVector wv = FloatVector.fromArray(S, w, o + j);
            a0 = wv.fma(FloatVector.fromArray(S, x0, p0 + j), a0);
            a1 = wv.fma(FloatVector.fromArray(S, x1, p1 + j), a1);
            a2 = wv.fma(FloatVector.fromArray(S, x2, p2 + j), a2);
            a3 = wv.fma(FloatVector.fromArray(S, x3, p3 + j), a3);
        }
        float s0 = a0.reduceLanes(VectorOperators.ADD);
        float s1 = a1.reduceLanes(VectorOperators.ADD);
        float s2 = a2.reduceLanes(VectorOperators.ADD);
        float s3 = a3.reduceLanes(VectorOperators.ADD);
        for (int j = bound; j < dim; j++) {
            float u = w[o + j];
            s0 += u * x0[p0 + j];
            s1 += u * x1[p1 + j];
            s2 += u * x2[p2 + j];
            s3 += u * x3[p3 + j];
        }
        out[r * classes + c] = s0;
        out[(r + 1) * classes + c] = s1;
        out[(r + 2) * classes + c] = s2;
        out[(r + 3) * classes + c] = s3;
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

    /**
     * The block's rank-one updates in one sweep over G: five classes at a time in register tiles of 5 classes × 4
     * vectors held across all the block's rows ({@link #gradient5x4}), so each value of G is loaded and stored once per
     * block; a class group whose coefficients are all zero in this block (common for the SVM) is skipped.
     */
    @Override
    public void accumulateBlock(float[] g, int classes, int dim, float[][] xs, int[] xo, int rows, float[] gw) {
        int lanes = S.length();
        int c5 = classes - classes % 5;
        for (int c = 0; c < c5; c += 5) {
            if (allZero(g, classes, rows, c, 5)) {
                continue;
            }
            int j = 0;
            for (; j + 4 * lanes <= dim; j += 4 * lanes) {
                gradient5x4(g, classes, dim, xs, xo, rows, gw, c, j);
            }
            for (; j + lanes <= dim; j += lanes) {
                gradient5x1(g, classes, dim, xs, xo, rows, gw, c, j);
            }
            for (; j < dim; j++) {
                for (int k = c; k < c + 5; k++) {
                    float s = gw[k * dim + j];
                    for (int r = 0; r < rows; r++) {
                        s += g[r * classes + k] * xs[r][xo[r] + j];
                    }
                    gw[k * dim + j] = s;
                }
            }
        }
        for (int c = c5; c < classes; c++) {
            if (!allZero(g, classes, rows, c, 1)) {
                gradientClass(g, classes, dim, xs, xo, rows, gw, c);
            }
        }
    }

    private static boolean allZero(float[] g, int classes, int rows, int c, int width) {
        for (int r = 0; r < rows; r++) {
            for (int k = c; k < c + width; k++) {
                if (g[r * classes + k] != 0f) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@link #gradient5x4} for one vector of columns. */
    private static void gradient5x1(float[] g, int classes, int dim, float[][] xs, int[] xo, int rows, float[] gw, int c, int j) {
        int o0 = c * dim + j;
        int o1 = o0 + dim;
        int o2 = o1 + dim;
        int o3 = o2 + dim;
        int o4 = o3 + dim;
        FloatVector a0 = FloatVector.fromArray(S, gw, o0);
        FloatVector a1 = FloatVector.fromArray(S, gw, o1);
        FloatVector a2 = FloatVector.fromArray(S, gw, o2);
        FloatVector a3 = FloatVector.fromArray(S, gw, o3);
        FloatVector a4 = FloatVector.fromArray(S, gw, o4);
        for (int r = 0; r < rows; r++) {
            FloatVector v = FloatVector.fromArray(S, xs[r], xo[r] + j);
            int q = r * classes + c;
            a0 = v.fma(FloatVector.broadcast(S, g[q]), a0);
            a1 = v.fma(FloatVector.broadcast(S, g[q + 1]), a1);
            a2 = v.fma(FloatVector.broadcast(S, g[q + 2]), a2);
            a3 = v.fma(FloatVector.broadcast(S, g[q + 3]), a3);
            a4 = v.fma(FloatVector.broadcast(S, g[q + 4]), a4);
        }
        a0.intoArray(gw, o0);
        a1.intoArray(gw, o1);
        a2.intoArray(gw, o2);
        a3.intoArray(gw, o3);
        a4.intoArray(gw, o4);
    }

    /** The block's updates of one class's row of G: four vectors of columns at a time, held across the rows. */
    private static void gradientClass(float[] g, int classes, int dim, float[][] xs, int[] xo, int rows, float[] gw, int c) {
        int lanes = S.length();
        int o = c * dim;
        int j = 0;
        for (; j + 4 * lanes <= dim; j += 4 * lanes) {
            FloatVector a0 = FloatVector.fromArray(S, gw, o + j);
            FloatVector a1 = FloatVector.fromArray(S, gw, o + j + lanes);
            FloatVector a2 = FloatVector.fromArray(S, gw, o + j + 2 * lanes);
            FloatVector a3 = FloatVector.fromArray(S, gw, o + j + 3 * lanes);
            for (int r = 0; r < rows; r++) {
                float[] x = xs[r];
                int p = xo[r] + j;
                FloatVector b = FloatVector.broadcast(S, g[r * classes + c]);
                a0 = FloatVector.fromArray(S, x, p).fma(b, a0);
                a1 = FloatVector.fromArray(S, x, p + lanes).fma(b, a1);
                a2 = FloatVector.fromArray(S, x, p + 2 * lanes).fma(b, a2);
                a3 = FloatVector.fromArray(S, x, p + 3 * lanes).fma(b, a3);
            }
            a0.intoArray(gw, o + j);
            a1.intoArray(gw, o + j + lanes);
            a2.intoArray(gw, o + j + 2 * lanes);
            a3.intoArray(gw, o + j + 3 * lanes);
        }
        for (; j < dim; j++) {
            float s = gw[o + j];
            for (int r = 0; r < rows; r++) {
                s += g[r * classes + c] * xs[r][xo[r] + j];
            }
            gw[o + j] = s;
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

    /** In float lanes, four independent accumulators (each lane sums about n / 64 squares), the lanes then in double. */
    @Override
    public double squares(float[] w, int from, int to) {
        int lanes = S.length();
        int k = from;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        for (; k + 4 * lanes <= to; k += 4 * lanes) {
            FloatVector v0 = FloatVector.fromArray(S, w, k);
            FloatVector v1 = FloatVector.fromArray(S, w, k + lanes);
            FloatVector v2 = FloatVector.fromArray(S, w, k + 2 * lanes);
            FloatVector v3 = FloatVector.fromArray(S, w, k + 3 * lanes);
            a0 = v0.fma(v0, a0);
            a1 = v1.fma(v1, a1);
            a2 = v2.fma(v2, a2);
            a3 = v3.fma(v3, a3);
        }
        for (; k + lanes <= to; k += lanes) {
            FloatVector v = FloatVector.fromArray(S, w, k);
            a0 = v.fma(v, a0);
        }
        double sum = (double) a0.reduceLanes(VectorOperators.ADD) + a1.reduceLanes(VectorOperators.ADD)
                + a2.reduceLanes(VectorOperators.ADD) + a3.reduceLanes(VectorOperators.ADD);
        for (; k < to; k++) {
            sum += (double) w[k] * w[k];
        }
        return sum;
    }
}
