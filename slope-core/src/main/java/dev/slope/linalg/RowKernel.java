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
     * {@code out[c] = Σ_j W[c*D + j] · x[xo + j]} for every class c.
     *
     * @param w   C×D, read only
     * @param x   the row at {@code x[xo..xo+D)}, read only
     * @param out C values, overwritten
     */
    void scores(float[] w, int classes, int dim, float[] x, int xo, float[] out);

    /**
     * {@code G[c*D + j] += g[c] · x[xo + j]} for every class c with {@code g[c] != 0}.
     *
     * @param g  C coefficients, read only
     * @param x  the row, read only
     * @param gw C×D, updated
     */
    void accumulate(float[] g, int classes, int dim, float[] x, int xo, float[] gw);

    /**
     * The fastest kernel this JVM can run: the Vector API one when the module {@code jdk.incubator.vector}
     * is loaded (the {@code slope} launcher and the build add it), else plain loops. The system property
     * {@code slope.kernel=scalar} forces the plain loops.
     */
    static RowKernel best() {
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (vectorModule && !"scalar".equals(System.getProperty("slope.kernel"))) {
            try {
                return new VectorRowKernel();
            } catch (LinkageError e) {
                return new ScalarRowKernel();
            }
        }
        return new ScalarRowKernel();
    }
}
