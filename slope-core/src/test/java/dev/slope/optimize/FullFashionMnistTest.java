package dev.slope.optimize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.References;
import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.eval.Evaluation;
import dev.slope.linalg.BatchEngine;
import dev.slope.preprocess.Splits;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The accuracy claims of the README and docs/optimization.md on the full Fashion-MNIST (60000 training, 10000 test
 * images), when Debian's dataset-fashion-mnist is installed (CI installs it): each run with the defaults but for what
 * the claim names.
 */
class FullFashionMnistTest {

    /** Debian's full Fashion-MNIST; a test that needs it fails in CI when it is missing. */
    private static ImageData fullFashionMnist() {
        References.require(Files.isDirectory(Datasets.DEBIAN_FASHION_MNIST), "the full Fashion-MNIST",
                "dataset-fashion-mnist");
        return Datasets.open(Datasets.DEBIAN_FASHION_MNIST);
    }

    private static double testAccuracy(ImageData data, TrainConfig c, BatchEngine engine) {
        Splits s = Splits.prepare(data, c.pipelineSpec(), c.valFraction(), c.seed(), engine);
        GradientTrainer.Result r = new GradientTrainer(c, engine).train(s.train(), s.validation());
        return Evaluation.of(r.model(), s.test(), engine).accuracy();
    }

    /** The defaults (batch 200, 8 epochs, cosine, lr 1.0 / 0.3): 84.30% and 84.38% measured. */
    @Test
    void theDefaultsReach84PercentForSoftmaxAndSvm() {
        ImageData data = fullFashionMnist();
        try (BatchEngine engine = BatchEngine.allCores()) {
            for (String loss : new String[] {"softmax", "svm"}) {
                double test = testAccuracy(data, TrainConfig.builder().set(Settings.LOSS, loss).build(), engine);
                assertTrue(test >= 0.84, loss + ": test accuracy " + test);
            }
        }
    }

    /**
     * docs/optimization.md's table: every batch size reaches 83% with its own default rate and epochs; here the ends,
     * batch 1 (the fused step) and the full batch (200 epochs), with the SVM, the lower of the two losses at both
     * (83.91% and 83.36% measured; softmax 84.55% and 83.65%).
     */
    @Test
    void theSmallestAndTheLargestBatchReach83PercentWithTheirDefaults() {
        ImageData data = fullFashionMnist();
        try (BatchEngine engine = BatchEngine.allCores()) {
            for (int batch : new int[] {1, TrainConfig.FULL_BATCH}) {
                TrainConfig c = TrainConfig.builder().set(Settings.LOSS, "svm").set(Settings.BATCH_SIZE, batch).build();
                double test = testAccuracy(data, c, engine);
                assertTrue(test >= 0.83, "svm, batch " + Settings.BATCH_SIZE.text(batch) + ": test accuracy " + test);
            }
        }
    }

    /** The features goal: HOG (4x4 cells) and the pixels, standardized, with the training flags at their defaults. */
    @Test
    void hogAndPixelsReach88PercentOnTheTestSet() {
        ImageData data = fullFashionMnist();
        TrainConfig c = TrainConfig.builder().parse("features", "hog,pixels").parse("hog_cell", "4").build();
        try (BatchEngine engine = BatchEngine.allCores()) {
            double test = testAccuracy(data, c, engine);
            assertTrue(test >= 0.88, "hog,pixels: test accuracy " + test);
        }
    }
}
