package dev.slope.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.linalg.BatchEngine;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansTest {
    static float[] random(int n, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() + (i / dim % 4) * 3;
        }
        return x;
    }

    /** Three blobs 100 apart, 30 points each: one cluster per blob, each centre its blob's mean. */
    @Test
    void separatedBlobsAreFoundExactly() {
        float[][] at = {{0, 0}, {100, 0}, {0, 100}};
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[90 * 2];
        double[][] mean = new double[3][2];
        for (int i = 0; i < 90; i++) {
            int b = i % 3;
            for (int t = 0; t < 2; t++) {
                x[2 * i + t] = at[b][t] + (float) (r.nextDouble() * 2 - 1);
                mean[b][t] += x[2 * i + t] / 30.0;
            }
        }
        KMeans.Result km = KMeans.fit(x, 90, 2, 3, 100, 1, TestRuns.ENGINE);
        assertTrue(km.converged());
        double inertia = 0;
        for (int b = 0; b < 3; b++) {
            int j = km.nearest(at[b], 0);
            assertArrayEquals(new float[] {(float) mean[b][0], (float) mean[b][1]},
                    Arrays.copyOfRange(km.centres(), 2 * j, 2 * j + 2), 1e-4f, "blob " + b);
            for (int i = b; i < 90; i += 3) {
                assertEquals(j, km.nearest(x, 2 * i), "point " + i + " in its blob's cluster");
                inertia += KMeans.squaredDistance(x, 2 * i, km.centres(), 2 * j, 2);
            }
        }
        assertEquals(inertia, km.inertia(), 1e-6 * inertia);
    }

    /** The same iterations as a plain single-threaded Lloyd loop from the same k-means++ start, on any thread count. */
    @Test
    void matchesAPlainLloydLoop() {
        int n = 500;
        int dim = 5;
        int k = 7;
        float[] x = random(n, dim, 11);
        float[] c = KMeans.plusPlus(x, n, dim, k, new SplittableRandom(42));
        int[] assigned = new int[n];
        Arrays.fill(assigned, -1);
        int iterations = 0;
        for (boolean moved = true; moved; ) {
            iterations++;
            moved = false;
            double[] sum = new double[k * dim];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (KMeans.squaredDistance(x, i * dim, c, j * dim, dim) < KMeans.squaredDistance(x, i * dim, c, best * dim,
                            dim)) {
                        best = j;
                    }
                }
                moved |= assigned[i] != best;
                assigned[i] = best;
                count[best]++;
                for (int t = 0; t < dim; t++) {
                    sum[best * dim + t] += x[i * dim + t];
                }
            }
            if (moved) {
                for (int j = 0; j < k; j++) {
                    for (int t = 0; t < dim && count[j] > 0; t++) {
                        c[j * dim + t] = (float) (sum[j * dim + t] / count[j]);
                    }
                }
            }
        }
        for (int threads : new int[] {1, 2}) {
            try (BatchEngine engine = new BatchEngine(threads)) {
                KMeans.Result km = KMeans.fit(x, n, dim, k, 1000, 42, engine);
                assertEquals(iterations, km.iterations(), threads + " threads");
                assertArrayEquals(c, km.centres(), 1e-5f, threads + " threads");
            }
        }
    }

    /** Lloyd's iterations never raise the inertia; a seed gives the same codebook every time. */
    @Test
    void inertiaNeverRisesAndASeedRepeats() {
        float[] x = random(400, 3, 5);
        double last = Double.POSITIVE_INFINITY;
        for (int it = 1; it <= 8; it++) {
            double inertia = KMeans.fit(x, 400, 3, 6, it, 9, TestRuns.ENGINE).inertia();
            assertTrue(inertia <= last + 1e-9, "iteration " + it + ": " + inertia + " after " + last);
            last = inertia;
        }
        assertArrayEquals(KMeans.fit(x, 400, 3, 6, 50, 9, TestRuns.ENGINE).centres(),
                KMeans.fit(x, 400, 3, 6, 50, 9, TestRuns.ENGINE).centres(), 0f);
    }

    @Test
    void badSizesAreNamed() {
        float[] x = random(4, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.fit(x, 4, 2, 5, 10, 1, TestRuns.ENGINE));
        assertTrue(e.getMessage().contains("1 to 4 clusters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(x, 3, 2, 2, 10, 1, TestRuns.ENGINE));
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(x, 4, 2, 2, 0, 1, TestRuns.ENGINE));
        // four identical rows, four clusters: k-means++ still finishes
        KMeans.Result same = KMeans.fit(new float[8], 4, 2, 4, 10, 1, TestRuns.ENGINE);
        assertEquals(0, same.inertia(), 0);
    }
}
