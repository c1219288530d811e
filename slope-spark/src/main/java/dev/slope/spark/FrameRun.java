package dev.slope.spark;

import dev.slope.eval.Evaluation;
import dev.slope.learn.TrainingListener;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.LinearModel;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Splits;
import dev.slope.run.TrainingRun;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;

/**
 * One training run on DataFrames, the rows never passing through the driver: the training frame split (a seeded
 * {@code randomSplit} holds out {@code val_fraction} of it for validation, as {@code slope train} holds out images),
 * checked, preprocessed and summed where the rows live ({@link SparkFrames}, {@link SparkTrainer}), the validation rows
 * scored there every epoch (so {@code patience} and the validation accuracy work), an optional test frame scored there
 * at the end; all through core's one {@link TrainingRun}. For local SGD the training rows are first spread over the
 * partitions by a seeded hash; full batches keep the frame's partitions. {@code slope spark-train --frame} and the Spark ML stage
 * {@code dev.slope.spark.ml.SlopeClassifier} both train here.
 */
public final class FrameRun {
    private FrameRun() {
    }

    /**
     * The frames of a run and how to read them.
     *
     * @param test     held-out rows scored with the trained model, or null
     * @param shape    the images' shape and class names (null: the training frame's own metadata)
     * @param source   where the rows came from, for the model's provenance and the summary
     */
    public record Frames(org.apache.spark.sql.Dataset<Row> train, org.apache.spark.sql.Dataset<Row> test,
                         String labelColumn, String featuresColumn, SparkFrames.Shape shape, String source) {
    }

    /**
     * Trains {@code config} on the frames.
     *
     * @param syncSteps local steps per partition between two averagings (0: a partition's epoch)
     * @param out       where to save the model file, or null to save none
     * @param engine    the driver's engine (the run's bookkeeping); owned by the caller
     */
    public static TrainingRun.Outcome run(JavaSparkContext sc, TrainConfig config, Frames frames, int syncSteps,
                                          Path out, BatchEngine engine, TrainingListener... listeners) {
        if (!config.pipelineSpec().features().names().equals("pixels")) {
            throw new dev.slope.SlopeException(n -> n.name("features") + " on frames is pixels: a frame's values are"
                    + " the inputs (compute features before, in the frame)");
        }
        if (config.get(Settings.PATIENCE) > 0 && config.get(Settings.VAL_FRACTION) == 0) {
            throw new dev.slope.SlopeException(n -> n.name("patience") + " " + config.get(Settings.PATIENCE)
                    + " stops on the validation rows, but " + n.name("val_fraction") + " is 0: hold some out");
        }
        double fraction = config.get(Settings.VAL_FRACTION);
        org.apache.spark.sql.Dataset<Row> train = frames.train();
        org.apache.spark.sql.Dataset<Row> validation = null;
        if (fraction > 0) {
            // seeded: the same frame in the same partitions gives the same split
            org.apache.spark.sql.Dataset<Row>[] parts = train.randomSplit(new double[] {1 - fraction, fraction},
                    config.seed());
            train = parts[0];
            validation = parts[1];
        }
        if (!SparkTrainer.fullBatch(config, Integer.MAX_VALUE)) { // 'full', before the rows are counted
            // local SGD averages partitions that learned apart: spread the rows over them by a seeded hash, so each
            // looks like the whole (a frame written class by class would give each partition a few classes)
            train = train.repartition(train.rdd().getNumPartitions(), org.apache.spark.sql.functions.rand(config.seed()));
        }
        var pipeline = config.pipelineSpec();
        SparkFrames.Shape shape = frames.shape() != null ? frames.shape()
                : SparkFrames.Shape.of(frames.train().schema().apply(frames.featuresColumn()));
        try (SparkFrames.Prepared p = SparkFrames.prepare(sc, train, frames.labelColumn(), frames.featuresColumn(),
                shape, pipeline.pixelScale(), pipeline.meanImage(), pipeline.biasTrick());
             SparkFrames.Prepared v = validation == null ? null : SparkFrames.prepareWith(sc, validation,
                     frames.labelColumn(), frames.featuresColumn(), shape, p.dataset().pipeline(), "validation");
             SparkFrames.Prepared t = frames.test() == null ? null : SparkFrames.prepareWith(sc, frames.test(),
                     frames.labelColumn(), frames.featuresColumn(), shape, p.dataset().pipeline(), "test")) {
            Dataset none = p.dataset().head(0);
            Splits split = new Splits(p.dataset(), v == null ? none : v.dataset(), t == null ? none : t.dataset());
            TrainingRun.Backend onFrames = new TrainingRun.Backend() {
                @Override
                public GradientTrainer.Result train(GradientTrainer trainer, Splits s,
                                                    GradientTrainer.Checkpointing checkpointing,
                                                    TrainingListener... l) {
                    return new SparkTrainer(trainer.config(), trainer.engine(), syncSteps)
                            .validatingOn(v == null ? null : v.pass())
                            .train(p.pass(), s.train(), s.validation(), checkpointing, l);
                }

                @Override
                public Evaluation evaluate(LinearModel model, Dataset test, BatchEngine on) {
                    return t == null ? Evaluation.of(model, test, on) : new Evaluation(model.classNames(),
                            t.pass().confusion(model.parameters(), model.classNames().size()));
                }
            };
            TrainingRun.Request request = TrainingRun.Request.of(config, null);
            return TrainingRun.run(out == null ? request : request.savingTo(out),
                    new TrainingRun.Prepared(split, frames.source()), engine, onFrames, listeners);
        }
    }
}
