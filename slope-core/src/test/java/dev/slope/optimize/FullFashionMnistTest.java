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
 * The accuracy claim of the README on the full Fashion-MNIST (60000 training, 10000 test images), when
 * Debian's dataset-fashion-mnist is installed (CI installs it): mini-batch SGD, batch 200, 10 epochs.
 */
class FullFashionMnistTest {

    @Test
    void softmaxAndSvmReach84PercentOnTheTestSet() {
        References.require(Files.isDirectory(Datasets.DEBIAN_FASHION_MNIST), "the full Fashion-MNIST",
                "dataset-fashion-mnist");
        ImageData data = Datasets.open(Datasets.DEBIAN_FASHION_MNIST);
        try (BatchEngine engine = BatchEngine.allCores()) {
            TrainConfig softmax = TrainConfig.builder().set(Settings.LOSS, "softmax").set(Settings.LR, 0.3).set(Settings.REG, 1e-4).set(Settings.EPOCHS, 10).build();
            TrainConfig svm = TrainConfig.builder().set(Settings.LOSS, "svm").set(Settings.LR, 0.1).set(Settings.REG, 1e-3).set(Settings.EPOCHS, 10).build();
            for (TrainConfig c : new TrainConfig[] {softmax, svm}) {
                Splits s = Splits.prepare(data, c.pipelineSpec(), c.valFraction(), c.seed(), engine);
                GradientTrainer.Result r = new GradientTrainer(c, engine).train(s.train(), s.validation());
                double test = Evaluation.of(r.model(), s.test(), engine).accuracy();
                assertTrue(test >= 0.84, c.get(Settings.LOSS) + ": test accuracy " + test);
            }
        }
    }

    /** The features goal: HOG (4x4 cells) and the pixels, standardized, with the training flags at their defaults. */
    @Test
    void hogAndPixelsReach88PercentOnTheTestSet() {
        References.require(Files.isDirectory(Datasets.DEBIAN_FASHION_MNIST), "the full Fashion-MNIST",
                "dataset-fashion-mnist");
        ImageData data = Datasets.open(Datasets.DEBIAN_FASHION_MNIST);
        TrainConfig c = TrainConfig.builder().parse("features", "hog,pixels").parse("hog_cell", "4").build();
        try (BatchEngine engine = BatchEngine.allCores()) {
            Splits s = Splits.prepare(data, c.pipelineSpec(), c.valFraction(), c.seed(), engine);
            GradientTrainer.Result r = new GradientTrainer(c, engine).train(s.train(), s.validation());
            double test = Evaluation.of(r.model(), s.test(), engine).accuracy();
            assertTrue(test >= 0.88, "hog,pixels: test accuracy " + test);
        }
    }
}
