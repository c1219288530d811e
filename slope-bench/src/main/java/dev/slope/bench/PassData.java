package dev.slope.bench;

import dev.slope.data.ImageSet;
import dev.slope.linalg.DenseRows;
import dev.slope.linalg.RowSource;
import dev.slope.model.Parameters;
import dev.slope.preprocess.PixelRows;
import dev.slope.preprocess.Preprocessing;
import java.util.SplittableRandom;

/**
 * The full-batch pass's benchmark input, the same for JMH ({@link FusedPassBenchmark}) and {@code slope bench}:
 * N rows of D floats (D − 1 uniform values in [−0.5, 0.5) and the bias 1), uniform labels in 0..C−1, and W uniform
 * in [−0.005, 0.005); {@code peers.py pass} draws the same distributions. {@link #pixels} gives the rows as training
 * reads them instead: uint8 pixels, converted by the kernel on every pass.
 */
record PassData(RowSource x, int[] y, Parameters w) {

    /**
     * N images of D − 1 uniform uint8 pixels (28×28×1 for D = 785, 32×32×3 for D = 3073, else one row of pixels) seen
     * through the default preprocessing (scale 1/255, the mean image subtracted, the bias 1 appended): the rows
     * {@code slope train} reads. Labels and W as {@link #synthetic}.
     */
    static PassData pixels(int n, int d, int c, long seed) {
        PassData floats = synthetic(1, d, c, seed);
        ImageSet images = images(n, d, c, seed);
        return new PassData(new PixelRows(images, Preprocessing.fit(images, 1f / 255, true, true)), images.labels(),
                floats.w());
    }

    /** The images {@link #pixels} reads: N images of D − 1 uniform uint8 pixels, uniform labels in 0..C−1. */
    static ImageSet images(int n, int d, int c, long seed) {
        int p = d - 1;
        int[] shape = p == 784 ? new int[] {28, 28, 1} : p == 3072 ? new int[] {32, 32, 3} : new int[] {1, p, 1};
        return ImageSet.uniform(n, shape[0], shape[1], shape[2], c, new SplittableRandom(seed + 1));
    }

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
