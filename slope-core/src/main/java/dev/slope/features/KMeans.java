package dev.slope.features;

import dev.slope.linalg.BatchEngine;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means clustering of N×D rows (row-major): a k-means++ start (the first centre uniform, each next one
 * drawn with probability proportional to its squared distance from the nearest centre so far), then Lloyd's
 * iterations (assign every row to its nearest centre, move each centre to the mean of its rows) until no
 * row changes cluster. The codebook of a bag of visual words. Seeded, so a fit is repeatable; the
 * assignment runs on the engine's threads, each part summing in double, the parts added in order.
 */
public final class KMeans {
    private KMeans() {
    }

    /**
     * A fitted clustering.
     *
     * @param centres    k×dim centres, row-major
     * @param inertia    Σ over rows of the squared distance to their centre
     * @param iterations Lloyd iterations run
     * @param converged  true when the last iteration changed no assignment
     */
    public record Result(float[] centres, int k, int dim, double inertia, int iterations, boolean converged) {
        /** The index of the centre nearest {@code x[offset..offset+dim)} (ties to the lower index). */
        public int nearest(float[] x, int offset) {
            return KMeans.nearest(centres, k, dim, x, offset, new double[1]);
        }
    }

    /**
     * Clusters {@code n} rows of {@code dim} values into {@code k} clusters.
     *
     * @throws IllegalArgumentException when k is not in 1..n or the sizes do not match the rows
     */
    public static Result fit(float[] rows, int n, int dim, int k, int maxIterations, long seed, BatchEngine engine) {
        if (n < 1 || dim < 1 || (long) n * dim != rows.length) {
            throw new IllegalArgumentException("k-means needs n×dim rows, got " + rows.length + " values for n=" + n
                    + " and dim=" + dim);
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k-means needs 1 to " + n + " clusters (one per row at most), got " + k);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("k-means needs at least 1 iteration, got " + maxIterations);
        }
        float[] centres = plusPlus(rows, n, dim, k, new SplittableRandom(seed));
        int[] assigned = new int[n];
        Arrays.fill(assigned, -1);
        int parts = engine.parts(n);
        double[][] sums = new double[parts][k * dim];
        int[][] counts = new int[parts][k];
        double[] inertia = new double[parts];
        int[] changed = new int[parts];
        for (int it = 1; ; it++) {
            for (int p = 0; p < parts; p++) {
                Arrays.fill(sums[p], 0);
                Arrays.fill(counts[p], 0);
            }
            Arrays.fill(inertia, 0);
            Arrays.fill(changed, 0);
            float[] c = centres;
            engine.run(0, n, parts, (part, from, to) -> {
                double[] d2 = new double[1];
                double[] s = sums[part];
                for (int i = from; i < to; i++) {
                    int j = nearest(c, k, dim, rows, i * dim, d2);
                    inertia[part] += d2[0];
                    if (assigned[i] != j) {
                        assigned[i] = j;
                        changed[part]++;
                    }
                    counts[part][j]++;
                    for (int t = 0, o = i * dim; t < dim; t++) {
                        s[j * dim + t] += rows[o + t];
                    }
                }
            });
            double total = Arrays.stream(inertia).sum();
            int moved = Arrays.stream(changed).sum();
            if (moved == 0 || it == maxIterations) {
                return new Result(centres, k, dim, total, it, moved == 0);
            }
            float[] next = new float[k * dim];
            for (int j = 0; j < k; j++) {
                long count = 0;
                for (int p = 0; p < parts; p++) {
                    count += counts[p][j];
                }
                if (count == 0) {
                    // an empty cluster keeps its centre; k-means++ makes this rare
                    System.arraycopy(centres, j * dim, next, j * dim, dim);
                    continue;
                }
                for (int t = 0; t < dim; t++) {
                    double v = 0;
                    for (int p = 0; p < parts; p++) {
                        v += sums[p][j * dim + t];
                    }
                    next[j * dim + t] = (float) (v / count);
                }
            }
            centres = next;
        }
    }

    /** The k-means++ start (Arthur and Vassilvitskii, 2007). */
    static float[] plusPlus(float[] rows, int n, int dim, int k, SplittableRandom random) {
        float[] centres = new float[k * dim];
        int first = random.nextInt(n);
        System.arraycopy(rows, first * dim, centres, 0, dim);
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            d2[i] = squaredDistance(rows, i * dim, centres, 0, dim);
        }
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : d2) {
                total += v;
            }
            int pick;
            if (total == 0) {
                pick = random.nextInt(n); // every row sits on a centre already: any row will do
            } else {
                double u = random.nextDouble() * total;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    u -= d2[i];
                    if (u < 0) {
                        pick = i;
                        break;
                    }
                }
            }
            System.arraycopy(rows, pick * dim, centres, j * dim, dim);
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], squaredDistance(rows, i * dim, centres, j * dim, dim));
            }
        }
        return centres;
    }

    static int nearest(float[] centres, int k, int dim, float[] x, int offset, double[] d2Out) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double d = squaredDistance(x, offset, centres, j * dim, dim);
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        d2Out[0] = bestD;
        return best;
    }

    static double squaredDistance(float[] a, int ao, float[] b, int bo, int dim) {
        double s = 0;
        for (int t = 0; t < dim; t++) {
            double d = a[ao + t] - b[bo + t];
            s += d * d;
        }
        return s;
    }
}
