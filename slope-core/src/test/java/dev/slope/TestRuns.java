package dev.slope;

import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import java.nio.file.Path;

/** Shared set-up of tests that train: the shipped data and an engine on two threads. */
public final class TestRuns {
    /** One engine for every test of the JVM (its threads are daemons). */
    public static final BatchEngine ENGINE = new BatchEngine(2);

    private TestRuns() {
    }

    /** The shipped Fashion-MNIST subset (tests run in the module folder). */
    public static ImageData shipped() {
        return Datasets.open(Datasets.resolve("small", Path.of("..")));
    }

    /** The config's hold-out split of the images, its pipeline fitted on the training part. */
    public static Splits split(TrainConfig c, ImageSet all) {
        return Splits.prepare("test", all, all.head(0), c.pipelineSpec(), c.valFraction(), c.seed());
    }

    /** Trains on the config's hold-out split of the images. */
    public static GradientTrainer.Result train(TrainConfig c, ImageSet all) {
        Splits s = split(c, all);
        return new GradientTrainer(c, ENGINE).train(s.train(), s.validation());
    }
}
