package dev.slope.knn;

/**
 * The distance between two rows: L1 (Σ|a − b|) or squared L2 (Σ(a − b)², which orders neighbours exactly
 * as L2 does).
 */
public enum Distance {
    L1, L2;

    /** The distance in plain double loops: the reference every kernel is tested against. */
    public double between(float[] a, int ao, float[] b, int bo, int dim) {
        double t = 0;
        for (int j = 0; j < dim; j++) {
            double d = (double) a[ao + j] - b[bo + j];
            t += this == L1 ? Math.abs(d) : d * d;
        }
        return t;
    }
}
