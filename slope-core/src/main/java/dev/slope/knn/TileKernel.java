package dev.slope.knn;

import dev.slope.linalg.Lanes;

/**
 * Distances from a few queries to one panel of training rows (a tile), the inner loop of the neighbour search.
 * Two implementations: SIMD lanes through the Vector API ({@link VectorTiles}: 6 queries × 2 vectors of
 * training rows, 12 independent accumulators, each training value loaded once for six queries and each query
 * value broadcast once for two vectors) and plain double loops ({@link #scalar}, one query per tile). Both give
 * the same numbers on whole-number rows 0..255 (raw pixels). A new kernel per thread: it keeps scratch arrays.
 */
interface TileKernel {

    /** How the distances are summed. */
    enum Mode {
        /**
         * Squared L2 on whole-number rows 0..255 as ‖a‖² + ‖b‖² − 2a·b: one multiply-add per value, exact (each
         * lane adds at most {@link #EXACT_TERMS} products of at most 255² = 65,025 in float, below 2²³ where floats
         * hold whole numbers exactly, then moves the sum to int).
         */
        DOT,
        /** Σ(a − b)² in float. */
        L2,
        /** Σ|a − b| in float (exact on whole-number rows: at most 65,536 terms of 255 stay below 2²⁴). */
        L1;

        /** Terms one float lane adds before its sum moves out (2²³ / 255² rounded down to a power of two). */
        static final int EXACT_TERMS = 128;

        /** The largest row length the int dot product holds (2³¹ / 255²). */
        static final int MAX_DOT_DIM = Integer.MAX_VALUE / (255 * 255);

        /** The mode for a distance, given whether both queries and training rows are whole numbers 0..255. */
        static Mode of(Distance distance, boolean wholeNumbers, int dim) {
            if (distance == Distance.L1) {
                return L1;
            }
            return wholeNumbers && dim <= MAX_DOT_DIM ? DOT : L2;
        }
    }

    /** Queries per tile. */
    int queries();

    /**
     * Packs the queries {@code q[0..queries())} (row indices into {@code query}, D values each) value by value into
     * {@code out} from {@code at}: value d of the tile's query r at {@code at + d·queries() + r}, so one index reaches
     * every query of the tile at a value.
     */
    static void pack(float[] query, int dim, int[] q, float[] out, int at) {
        int tq = q.length;
        for (int r = 0; r < tq; r++) {
            int o = q[r] * dim;
            for (int d = 0; d < dim; d++) {
                out[at + d * tq + r] = query[o + d];
            }
        }
    }

    /**
     * The distances from the tile's queries (rows {@code q[0..queries())}, packed by {@link #pack} at {@code at} of
     * {@code packed}) to the {@code width} rows of panel {@code p} that are no larger than that query's {@code worst[r]} (its current k-th
     * distance): candidate i is query {@code lane[i] / width} against training row {@code p·width + lane[i] % width},
     * at {@code distance[i]}. Padding rows past the last training row may be among them.
     *
     * @return the number of candidates written
     */
    int tile(float[] packed, int at, int[] q, int p, double[] worst, int[] lane, double[] distance);

    /** Rows per panel for this JVM: two SIMD vectors of floats, or 16 without the Vector API. */
    static int panelWidth() {
        return VECTOR ? VectorTiles.WIDTH : 16;
    }

    /** {@link Lanes#ON}, kept under this name for the tiles. */
    boolean VECTOR = Lanes.ON;

    /**
     * The fastest kernel for this JVM over the panels.
     *
     * @param queryNorms ‖a‖² of every query (used by {@link Mode#DOT})
     * @param trainNorms ‖b‖² of every training row, padded to the panels (used by {@link Mode#DOT}, exact in int there)
     */
    static TileKernel best(Panels panels, Mode mode, double[] queryNorms, int[] trainNorms) {
        if (VECTOR && panels.width == VectorTiles.WIDTH) {
            return new VectorTiles(panels, mode, queryNorms, trainNorms);
        }
        return scalar(panels, mode);
    }

    /** Plain loops in double, one query per tile: exact on whole-number rows, slower. */
    static TileKernel scalar(Panels panels, Mode mode) {
        int w = panels.width;
        int dim = panels.dim;
        return new TileKernel() {
            @Override
            public int queries() {
                return 1;
            }

            private final double[] sums = new double[w];

            @Override
            public int tile(float[] packed, int at, int[] q, int p, double[] worst, int[] lane, double[] distance) {
                int base = p * dim * w;
                java.util.Arrays.fill(sums, 0);
                for (int d = 0; d < dim; d++) {
                    double a = packed[at + d];
                    int bo = base + d * w;
                    for (int l = 0; l < w; l++) {
                        double t = a - panels.data[bo + l];
                        sums[l] += mode == Mode.L1 ? Math.abs(t) : t * t;
                    }
                }
                int found = 0;
                for (int l = 0; l < w; l++) {
                    if (sums[l] <= worst[0]) {
                        lane[found] = l;
                        distance[found++] = sums[l];
                    }
                }
                return found;
            }
        };
    }
}
