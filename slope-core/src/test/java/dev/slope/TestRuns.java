package dev.slope;

import dev.slope.data.DatasetInfo;
import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
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

    /** Images as a dataset of their own, for provenance. */
    public static DatasetInfo source(ImageSet images) {
        return DatasetInfo.of("test", images, images.head(0));
    }

    /** The config's hold-out split of the images, its pipeline fitted on the training part. */
    public static Splits split(TrainConfig c, ImageSet all) {
        return Splits.prepare(source(all), all, all.head(0), c.pipelineSpec(), c.valFraction(), c.seed());
    }

    /** Images as rows through a pipeline. */
    public static Dataset rows(Pipeline pipeline, ImageSet images) {
        return pipeline.apply(images, source(images), "test images");
    }

    /** Trains on the config's hold-out split of the images. */
    public static GradientTrainer.Result train(TrainConfig c, ImageSet all) {
        Splits s = split(c, all);
        return new GradientTrainer(c, ENGINE).train(s.train(), s.validation());
    }
}
