package dev.slope.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slope.Tolerances;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each kernel's primitives against plain double loops, over shapes that hit every SIMD tail. */
class RowKernelTest {
    static final List<RowKernel> KERNELS = List.of(new ScalarRowKernel(), new VectorRowKernel(),
            RowKernel.rowByRow(new VectorRowKernel()));
    static final int[] DIMS = {1, 2, 7, 15, 16, 17, 33, 63, 64, 65, 100, 129, 785};
    static final int[] CLASSES = {1, 2, 3, 4, 5, 6, 7, 10, 11};

    static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    @Test
    void scoresAreWTimesX() {
        SplittableRandom r = Tolerances.random(1);
        for (RowKernel kernel : KERNELS) {
            for (int d : DIMS) {
                for (int c : CLASSES) {
                    float[] w = random(r, c * d);
                    float[] x = random(r, d + 5);
                    float[] out = new float[c + 3];
                    kernel.scores(w, c, d, x, 5, out, 3);
                    for (int k = 0; k < c; k++) {
                        double naive = 0;
                        for (int j = 0; j < d; j++) {
                            naive += (double) w[k * d + j] * x[5 + j];
                        }
                        assertEquals(naive, out[3 + k], 1e-5 * Math.max(1, d), kernel.name() + " D=" + d + " C=" + c);
                    }
                }
            }
        }
    }

    @Test
    void squaresSumTheSquaresOfARange() {
        SplittableRandom r = Tolerances.random(3);
        for (RowKernel kernel : KERNELS) {
            for (int d : DIMS) {
                for (int from : new int[] {0, 1, 3}) {
                    float[] w = random(r, from + d * 10 + 2);
                    int to = from + d * 10;
                    double naive = 0;
                    for (int k = from; k < to; k++) {
                        naive += (double) w[k] * w[k];
                    }
                    // float lanes: about n / 64 terms a lane, each rounded once
                    assertEquals(naive, kernel.squares(w, from, to), 1e-6 * naive, kernel.name() + " n=" + (to - from));
                }
            }
            assertEquals(0, kernel.squares(new float[4], 2, 2), 0, kernel.name() + ": an empty range");
        }
    }

    @Test
    void accumulateAddsGTimesXTransposed() {
        SplittableRandom r = Tolerances.random(2);
        for (RowKernel kernel : KERNELS) {
            for (int d : DIMS) {
                for (int c : CLASSES) {
                    float[] g = random(r, c + 2);
                    g[2] = 0; // a zero coefficient is skipped and must leave its row alone
                    float[] x = random(r, d + 1);
                    float[] gw = random(r, c * d);
                    float[] before = gw.clone();
                    kernel.accumulate(g, 2, c, d, x, 1, gw);
                    for (int k = 0; k < c; k++) {
                        for (int j = 0; j < d; j++) {
                            double naive = before[k * d + j] + (double) g[2 + k] * x[1 + j];
                            assertEquals(naive, gw[k * d + j], 1e-5, kernel.name() + " D=" + d + " C=" + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void blocksOfOneToSixteenRowsEqualRowByRow() {
        SplittableRandom r = Tolerances.random(3);
        for (RowKernel kernel : KERNELS) {
            for (int d : DIMS) {
                for (int c : CLASSES) {
                    for (int rows = 1; rows <= RowKernel.BLOCK; rows++) {
                        float[] w = random(r, c * d);
                        float[][] xs = new float[RowKernel.BLOCK][];
                        int[] xo = new int[RowKernel.BLOCK];
                        for (int k = 0; k < rows; k++) {
                            xo[k] = k;
                            xs[k] = random(r, d + k);
                        }
                        float[] block = new float[rows * c];
                        kernel.scoresBlock(w, c, d, xs, xo, rows, block);
                        float[] g = random(r, rows * c);
                        float[] gw = new float[c * d];
                        kernel.accumulateBlock(g, c, d, xs, xo, rows, gw);
                        for (int k = 0; k < rows; k++) {
                            for (int cls = 0; cls < c; cls++) {
                                double s = 0;
                                for (int j = 0; j < d; j++) {
                                    s += (double) w[cls * d + j] * xs[k][xo[k] + j];
                                }
                                assertEquals(s, block[k * c + cls], 1e-5 * Math.max(1, d), kernel.name() + " scores");
                            }
                        }
                        for (int cls = 0; cls < c; cls++) {
                            for (int j = 0; j < d; j++) {
                                double s = 0;
                                for (int k = 0; k < rows; k++) {
                                    s += (double) g[k * c + cls] * xs[k][xo[k] + j];
                                }
                                assertEquals(s, gw[cls * d + j], 1e-5, kernel.name() + " accumulate, rows " + rows);
                            }
                        }
                    }
                }
            }
        }
    }
}
