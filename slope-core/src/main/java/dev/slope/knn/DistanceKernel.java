package dev.slope.knn;

/**
 * Distances from one row to four others at once (the row's values loaded once for all four). Two
 * implementations: plain loops ({@link #scalar}) and SIMD lanes through the Vector API
 * ({@link VectorDistances}); both are exact on rows of whole numbers 0..255 (raw pixels).
 */
public interface DistanceKernel {

    /**
     * @param a   the query row from {@code ao}, read only
     * @param b   the training rows; rows start at {@code b0..b3}, read only
     * @param out the four distances, overwritten
     */
    void four(float[] a, int ao, float[] b, int b0, int b1, int b2, int b3, int dim, double[] out);

    /**
     * The dot products of two query rows (from {@code a0} and {@code a1}) with four training rows: out[2·r + q] is
     * query q with training row r. Exact when the rows hold whole numbers 0..255.
     */
    void dots(float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3, int dim, double[] out);

    /** Plain loops in double: exact on whole-number rows, slower. */
    static DistanceKernel scalar(Distance distance) {
        return new DistanceKernel() {
            @Override
            public void four(float[] a, int ao, float[] b, int b0, int b1, int b2, int b3, int dim, double[] out) {
                out[0] = distance.between(a, ao, b, b0, dim);
                out[1] = distance.between(a, ao, b, b1, dim);
                out[2] = distance.between(a, ao, b, b2, dim);
                out[3] = distance.between(a, ao, b, b3, dim);
            }

            @Override
            public void dots(float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3, int dim, double[] out) {
                int[] rows = {b0, b1, b2, b3};
                for (int r = 0; r < 4; r++) {
                    out[2 * r] = dot(a, a0, b, rows[r], dim);
                    out[2 * r + 1] = dot(a, a1, b, rows[r], dim);
                }
            }
        };
    }

    /** Σ a·b in double. */
    static double dot(float[] a, int ao, float[] b, int bo, int dim) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
            s += (double) a[ao + j] * b[bo + j];
        }
        return s;
    }

    /**
     * The fastest kernel this JVM runs: SIMD when the module {@code jdk.incubator.vector} is loaded (and
     * {@code slope.kernel} is not {@code scalar}), else plain loops. A new one per thread.
     */
    static DistanceKernel best(Distance distance) {
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (vectorModule && !"scalar".equals(System.getProperty("slope.kernel"))) {
            try {
                return new VectorDistances(distance);
            } catch (LinkageError e) {
                return scalar(distance);
            }
        }
        return scalar(distance);
    }
}
