package dev.slope.linalg;

/**
 * The two hot primitives of a linear classifier on one row x: the scores {@code s = W·x} and the
 * rank-one gradient update {@code G += g·xᵀ}. W and G are C×D row-major. Two implementations: plain
 * loops ({@link ScalarRowKernel}) and SIMD through the Vector API ({@link VectorRowKernel}).
 */
public interface RowKernel {

    /** A short name for reports ("vector-512", "scalar"). */
    String name();

    /**
     * {@code out[oo + c] = Σ_j W[c*D + j] · x[xo + j]} for every class c.
     *
     * @param w   C×D, read only
     * @param x   the row at {@code x[xo..xo+D)}, read only
     * @param out C values from {@code oo}, overwritten
     */
    void scores(float[] w, int classes, int dim, float[] x, int xo, float[] out, int oo);

    /**
     * {@code G[c*D + j] += g[go + c] · x[xo + j]} for every class c with {@code g[go + c] != 0}.
     *
     * @param g  C coefficients from {@code go}, read only
     * @param x  the row, read only
     * @param gw C×D, updated
     */
    void accumulate(float[] g, int go, int classes, int dim, float[] x, int xo, float[] gw);

    /**
     * Σ w[k]² over {@code from..to}: what a step that moves every weight needs for its L2 penalty. Not the same bits
     * as {@link Sweeps#squares} (a kernel may sum in float lanes).
     */
    double squares(float[] w, int from, int to);

    /**
     * Rows a block method takes at most: 16, so a kernel that holds a tile of G in registers across the block's rows
     * loads and stores G once per 16 rows (the rows, 16 × D floats, stay in L1/L2 meanwhile).
     */
    int BLOCK = 16;

    /**
     * Scores of up to {@link #BLOCK} rows at once: row r is {@code xs[r][xo[r]..xo[r]+D)} and its scores go to
     * {@code out[r*C..(r+1)*C)}. Kernels override this to share each load of W between rows.
     */
    default void scoresBlock(float[] w, int classes, int dim, float[][] xs, int[] xo, int rows, float[] out) {
        for (int r = 0; r < rows; r++) {
            scores(w, classes, dim, xs[r], xo[r], out, r * classes);
        }
    }

    /**
     * {@code G[c*D + j] += Σ_r g[r*C + c] · xs[r][xo[r] + j]} over up to {@link #BLOCK} rows: the rank-one
     * updates of several rows in one sweep over G. Kernels override this to load and store G once per block.
     */
    default void accumulateBlock(float[] g, int classes, int dim, float[][] xs, int[] xo, int rows, float[] gw) {
        for (int r = 0; r < rows; r++) {
            accumulate(g, r * classes, classes, dim, xs[r], xo[r], gw);
        }
    }

    /**
     * {@code kernel} with its block methods taken row by row (this interface's defaults): for the passes of a run whose
     * steps read one row at a time, so they run on the row methods the steps have already made hot instead of block
     * methods the JIT has not compiled yet.
     */
    static RowKernel rowByRow(RowKernel kernel) {
        return new RowKernel() {
            @Override
            public String name() {
                return kernel.name();
            }

            @Override
            public void scores(float[] w, int classes, int dim, float[] x, int xo, float[] out, int oo) {
                kernel.scores(w, classes, dim, x, xo, out, oo);
            }

            @Override
            public void accumulate(float[] g, int go, int classes, int dim, float[] x, int xo, float[] gw) {
                kernel.accumulate(g, go, classes, dim, x, xo, gw);
            }

            @Override
            public double squares(float[] w, int from, int to) {
                return kernel.squares(w, from, to);
            }
        };
    }

    /**
     * The fastest kernel this JVM can run: the Vector API one when {@link Lanes#ON}, else plain loops.
     */
    static RowKernel best() {
        if (Lanes.ON) {
            try {
                return new VectorRowKernel();
            } catch (LinkageError e) {
                return new ScalarRowKernel();
            }
        }
        return new ScalarRowKernel();
    }
}
