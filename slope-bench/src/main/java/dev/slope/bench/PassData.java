package dev.slope.bench;

import dev.slope.linalg.DenseRows;
import dev.slope.model.Parameters;
import java.util.SplittableRandom;

/**
 * The full-batch pass's benchmark input, the same for JMH ({@link FusedPassBenchmark}) and {@code slope bench}:
 * N rows of D floats (D − 1 uniform values in [−0.5, 0.5) and the bias 1), uniform labels in 0..C−1, and W uniform
 * in [−0.005, 0.005); {@code peers.py pass} draws the same distributions.
 */
record PassData(DenseRows x, int[] y, Parameters w) {

    static PassData synthetic(int n, int d, int c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] data = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d - 1; j++) {
                data[i * d + j] = (float) (r.nextDouble() - 0.5);
            }
            data[i * d + d - 1] = 1f;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(c);
        }
        Parameters w = Parameters.zeros(c, d, false, true);
        for (int k = 0; k < w.w().length; k++) {
            w.w()[k] = (float) (0.01 * (r.nextDouble() - 0.5));
        }
        return new PassData(new DenseRows(data, n, d), y, w);
    }
}
