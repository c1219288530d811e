package dev.slope.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD tile against plain double loops, tile by tile: every candidate it reports is a real row at its exact
 * distance (whole numbers) or within float rounding (other rows), and no row under the threshold is missed.
 */
class TileKernelTest {
    private static final int DIM = 300; // more than two exact chunks of 128 values, and not a multiple of 16

    @Test
    void theSimdTileIsExactOnPixelsForBothDistances() {
        assertTrue(TileKernel.VECTOR, "the tests run with jdk.incubator.vector, so the SIMD tile is the one under test");
        SplittableRandom r = new SplittableRandom(3);
        int w = TileKernel.panelWidth();
        int n = 2 * w + 5; // a padded last panel
        float[] rows = whole(r, n * DIM);
        float[] query = whole(r, 7 * DIM);
        for (TileKernel.Mode mode : new TileKernel.Mode[] {TileKernel.Mode.DOT, TileKernel.Mode.L1}) {
            Distance distance = mode == TileKernel.Mode.L1 ? Distance.L1 : Distance.L2;
            compare(rows, n, query, mode, distance, 0);
        }
    }

    @Test
    void theSimdTileAgreesWithDoublesOnFeatureRows() {
        SplittableRandom r = new SplittableRandom(4);
        int w = TileKernel.panelWidth();
        int n = 3 * w;
        float[] rows = new float[n * DIM];
        float[] query = new float[7 * DIM];
        for (float[] a : new float[][] {rows, query}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
            }
        }
        compare(rows, n, query, TileKernel.Mode.L2, Distance.L2, 1e-5);
        compare(rows, n, query, TileKernel.Mode.L1, Distance.L1, 1e-5);
    }

    /** Each query against each panel with a threshold at the median distance: the same candidates as a double loop. */
    private static void compare(float[] rows, int n, float[] query, TileKernel.Mode mode, Distance distance, double rel) {
        int w = TileKernel.panelWidth();
        Panels panels = new Panels(n, DIM, w, (i, out) -> System.arraycopy(rows, i * DIM, out, 0, DIM));
        int[] trainNorms = new int[panels.count * w];
        double[] queryNorms = new double[7];
        for (int i = 0; i < n && mode == TileKernel.Mode.DOT; i++) {
            trainNorms[i] = (int) distance.between(rows, i * DIM, new float[DIM], 0, DIM);
        }
        for (int i = 0; i < 7 && mode == TileKernel.Mode.DOT; i++) {
            queryNorms[i] = distance.between(query, i * DIM, new float[DIM], 0, DIM);
        }
        TileKernel kernel = TileKernel.best(panels, mode, queryNorms, trainNorms);
        int tq = kernel.queries();
        int[] q = new int[tq];
        int[] lane = new int[tq * w];
        double[] near = new double[tq * w];
        for (int first = 0; first < 7; first += tq) {
            for (int s = 0; s < tq; s++) {
                q[s] = Math.min(first + s, 6);
            }
            float[] packed = new float[tq * DIM];
            TileKernel.pack(query, DIM, q, packed, 0);
            for (int p = 0; p < panels.count; p++) {
                double[] exact = new double[tq * w];
                double[] worst = new double[tq];
                for (int s = 0; s < tq; s++) {
                    for (int l = 0; l < w; l++) {
                        int j = Math.min(p * w + l, n - 1);
                        exact[s * w + l] = p * w + l < n ? distance.between(query, q[s] * DIM, rows, j * DIM, DIM)
                                : Double.NaN;
                    }
                    double[] real = Arrays.stream(exact, s * w, s * w + w).filter(x -> !Double.isNaN(x)).sorted().toArray();
                    worst[s] = real[real.length / 2];
                }
                int found = kernel.tile(packed, 0, q, p, worst, lane, near);
                boolean[] seen = new boolean[tq * w];
                for (int c = 0; c < found; c++) {
                    int at = lane[c];
                    seen[at] = true;
                    if (p * w + at % w >= n) {
                        continue; // a padding row: the search skips it
                    }
                    assertEquals(exact[at], near[c], rel * exact[at], mode + " panel " + p + " lane " + at);
                    assertTrue(near[c] <= worst[at / w], "a candidate beyond the threshold");
                }
                for (int at = 0; at < tq * w; at++) {
                    if (p * w + at % w < n && exact[at] <= worst[at / w] * (1 - 2 * rel)) {
                        assertTrue(seen[at], mode + " missed panel " + p + " lane " + at + " at " + exact[at]);
                    }
                }
            }
        }
    }

    private static float[] whole(SplittableRandom r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextInt(256);
        }
        return a;
    }
}
