package dev.slope.bench;

import dev.slope.data.Datasets;
import dev.slope.data.ImageSet;
import dev.slope.features.FeatureSet;
import dev.slope.features.Hog;
import dev.slope.linalg.BatchEngine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * HOG extraction speed on the training images of a dataset: images per second on all cores, median of
 * five rounds after two warm-up rounds. The same HOG as {@code hog_speed.py} asks of scikit-image.
 * Usage: HogSpeed DATA_DIR CELL BLOCK
 */
public final class HogSpeed {
    private HogSpeed() {
    }

    public static void main(String[] args) {
        ImageSet images = Datasets.open(Path.of(args[0])).train();
        int cell = Integer.parseInt(args[1]);
        int block = Integer.parseInt(args[2]);
        FeatureSet features = new FeatureSet(List.of(new Hog(cell, block, 9, Hog.Norm.L2HYS)));
        int d = features.dim(images.height(), images.width(), images.channels());
        int n = images.size();
        float[] out = new float[n * d];
        byte[] px = images.pixelBuffer();
        int per = images.pixelsPerImage();
        double[] rates = new double[7];
        try (BatchEngine engine = BatchEngine.allCores()) {
            for (int round = 0; round < rates.length; round++) {
                long t0 = System.nanoTime();
                engine.run(0, n, engine.threads(), (part, from, to) -> {
                    for (int i = from; i < to; i++) {
                        features.compute(px, i * per, images.height(), images.width(), images.channels(), out, i * d);
                    }
                });
                rates[round] = n / ((System.nanoTime() - t0) / 1e9);
            }
            double[] measured = Arrays.copyOfRange(rates, 2, rates.length);
            Arrays.sort(measured);
            System.out.printf(Locale.ROOT, "Slope HOG (cell %d, block %d, 9 bins, L2-Hys; %d numbers) on %d threads: median %.0f"
                    + " images/s (min %.0f, max %.0f) over %d images%n", cell, block, d, engine.threads(), measured[2],
                    measured[0], measured[4], n);
        }
    }
}
