package dev.slope.knn;

/**
 * The training rows packed for the distance kernels: panels of {@link #width} rows stored value by value, so
 * one SIMD load reads the same pixel of {@code width} training rows and no lane sum is ever needed. The last
 * panel is padded with rows of zeros that the search never reports. Immutable once built.
 */
final class Panels {
    final int n;
    final int dim;
    final int width;
    final int count;
    /** count × dim × width: panel p, value d, row p·width + l at {@code (p·dim + d)·width + l}. */
    final float[] data;

    /** Copies row {@code i} (D values) into {@code out}. */
    interface RowSource {
        void copyRow(int i, float[] out);
    }

    /** Packs N rows of D values read one at a time from {@code rows} (no N×D copy on the way). */
    Panels(int n, int dim, int width, RowSource rows) {
        this.n = n;
        this.dim = dim;
        this.width = width;
        this.count = (n + width - 1) / width;
        this.data = new float[Math.multiplyExact(Math.multiplyExact(count, dim), width)];
        float[] row = new float[dim];
        for (int i = 0; i < n; i++) {
            rows.copyRow(i, row);
            int base = (i / width) * dim * width + i % width;
            for (int d = 0; d < dim; d++) {
                data[base + d * width] = row[d];
            }
        }
    }

    /** Copies row {@code i} into {@code out} from {@code o}. */
    void row(int i, float[] out, int o) {
        int base = (i / width) * dim * width + i % width;
        for (int d = 0; d < dim; d++) {
            out[o + d] = data[base + d * width];
        }
    }

    /** All rows, N×D. */
    float[] rows() {
        float[] out = new float[Math.multiplyExact(n, dim)];
        for (int i = 0; i < n; i++) {
            row(i, out, i * dim);
        }
        return out;
    }
}
