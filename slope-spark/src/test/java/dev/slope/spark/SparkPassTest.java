package dev.slope.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.linalg.BatchEngine;
import dev.slope.loss.Loss;
import dev.slope.loss.SoftmaxCrossEntropy;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Splits;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pass on Spark (local mode, two worker threads) against the pass on one machine: the same bits. */
class SparkPassTest {
    static JavaSparkContext sc;
    static Dataset train;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context("local[2]");
        ImageData data = LocalSpark.shipped();
        train = Splits.prepare(DatasetInfo.of(data), data.train(), data.test(), TrainConfig.DEFAULTS.pipelineSpec(), 0.0,
                1).train();
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    static java.util.stream.Stream<String> losses() {
        return Settings.LOSS.choices().stream();
    }

    /**
     * Full-batch training with its batches on Spark (the same trainer loop: schedule, update rule, history) ends with
     * the one machine's weights bit for bit, and refuses mini-batches with what to do.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void fullBatchTrainingOnSparkEndsWithTheOneMachinesModel(String lossName) {
        TrainConfig c = TrainConfig.builder().parse("loss", lossName).parse("batch_size", "full").parse("epochs", "4")
                .parse("update", "adam").build();
        try (BatchEngine engine = new BatchEngine(2); SparkPass pass = new SparkPass(sc, train)) {
            GradientTrainer.Result local = new GradientTrainer(c, engine).train(train, train.head(0));
            GradientTrainer.Result spark = new GradientTrainer(c, engine).withTrainingPass(pass).train(train,
                    train.head(0));
            assertArrayEquals(local.model().parameters().w(), spark.model().parameters().w(), lossName);
            assertArrayEquals(local.history().stepLosses(), spark.history().stepLosses(), lossName);
            assertEquals(local.finalLoss(), spark.finalLoss(), 0);
            assertEquals(local.trainAccuracy(), spark.trainAccuracy(), 0);
            TrainConfig mini = c.toBuilder().parse("batch_size", "100").build();
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new GradientTrainer(mini, engine).withTrainingPass(pass).train(train, train.head(0)));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("full batches"), e.getMessage());
        }
    }

    /** Every regularizer's penalty and gradient are added on the driver: L1 and elastic net end as on one machine. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"l1", "elasticnet", "none"})
    void everyRegularizerTrainsAsOnOneMachine(String reg) {
        TrainConfig c = TrainConfig.builder().parse("reg_type", reg).parse("reg", "0.01").parse("batch_size", "full")
                .parse("epochs", "3").build();
        try (BatchEngine engine = new BatchEngine(2); SparkPass pass = new SparkPass(sc, train)) {
            GradientTrainer.Result local = new GradientTrainer(c, engine).train(train, train.head(0));
            GradientTrainer.Result spark = new GradientTrainer(c, engine).withTrainingPass(pass).train(train,
                    train.head(0));
            assertArrayEquals(local.model().parameters().w(), spark.model().parameters().w(), reg);
            assertArrayEquals(local.history().stepPenalties(), spark.history().stepPenalties(), reg);
        }
    }

    /** A run on Spark stopped after a checkpoint and resumed from it (read back from its bytes) ends as the whole run. */
    @org.junit.jupiter.api.Test
    void aSparkRunResumesFromItsCheckpoint(@org.junit.jupiter.api.io.TempDir Path dir) {
        TrainConfig c = TrainConfig.builder().parse("batch_size", "full").parse("epochs", "5").parse("update", "rmsprop")
                .build();
        try (BatchEngine engine = new BatchEngine(2); SparkPass pass = new SparkPass(sc, train)) {
            GradientTrainer trainer = new GradientTrainer(c, engine).withTrainingPass(pass);
            var writer = new dev.slope.runfiles.CheckpointFile.Writer(dev.slope.runfiles.CheckpointStore.folder(dir),
                    new dev.slope.runfiles.CheckpointFile.Restart(c.toJson(), Path.of("data"), java.util.Map.of(),
                            Path.of("model.slope"), 2));
            GradientTrainer.Result whole = trainer.train(train, train.head(0), new GradientTrainer.Checkpointing(null, 2,
                    writer.sink(train, c.objective().loss(), pass.kernelName())));
            writer.close();
            var back = dev.slope.runfiles.CheckpointFile.load(dir);
            assertEquals(4, back.checkpoint().epochsDone());
            GradientTrainer.Result resumed = trainer.train(train, train.head(0),
                    new GradientTrainer.Checkpointing(back.checkpoint(), 2, null));
            assertArrayEquals(whole.model().parameters().w(), resumed.model().parameters().w());
        }
    }

    /**
     * A task that fails (its partition's first attempt) is run again by Spark and the result does not change: on
     * {@code local[2,4]}, which retries a failed task (plain {@code local[2]} never does).
     */
    @org.junit.jupiter.api.Test
    void aFailedTaskIsRecomputedAndChangesNothing() {
        // the failure is real: local[2] does not retry, so the same job fails there
        try (SparkPass once = new SparkPass(sc, train)) {
            Parameters p0 = new GradientTrainer(TrainConfig.DEFAULTS, null).initialParameters(train);
            Parameters g0 = Parameters.zeros(p0.classes(), p0.dim(), p0.hasSeparateBias(), p0.biasInLastColumn());
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> once.lossAndGradient(new FailsFirstAttempt(new SoftmaxCrossEntropy()), p0, g0));
            org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(e.getMessage()).contains("a lost task, on purpose"),
                    String.valueOf(e.getMessage()));
        }
        JavaSparkContext retrying = null;
        sc.stop();
        try {
            retrying = LocalSpark.context("local[2,4]");
            retrying.setLogLevel("ERROR");
            Loss loss = new SoftmaxCrossEntropy();
            Parameters p = new GradientTrainer(TrainConfig.DEFAULTS, null).initialParameters(train);
            Parameters clean = Parameters.zeros(p.classes(), p.dim(), p.hasSeparateBias(), p.biasInLastColumn());
            Parameters failed = Parameters.zeros(p.classes(), p.dim(), p.hasSeparateBias(), p.biasInLastColumn());
            try (SparkPass pass = new SparkPass(retrying, train)) {
                dev.slope.objective.Pass.Result a = pass.lossAndGradient(loss, p, clean);
                dev.slope.objective.Pass.Result b = pass.lossAndGradient(new FailsFirstAttempt(loss), p, failed);
                assertEquals(a, b);
                assertArrayEquals(clean.w(), failed.w());
            }
        } finally {
            if (retrying != null) {
                retrying.stop();
            }
            sc = LocalSpark.context("local[2]");
        }
    }

    /** A loss that throws in the first attempt of partition 1's task, then behaves as the loss it wraps. */
    record FailsFirstAttempt(Loss inner) implements Loss {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public double lossAndGradient(double[] scores, int offset, int classes, int label, double[] dScores,
                                      int dOffset) {
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0) {
                throw new IllegalStateException("a lost task, on purpose");
            }
            return inner.lossAndGradient(scores, offset, classes, label, dScores, dOffset);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void theLossAndGradientOnSparkAreTheOneMachinesBitForBit(String lossName) {
        TrainConfig c = TrainConfig.builder().parse("loss", lossName).build();
        Loss loss = c.objective().loss();
        Parameters p = new GradientTrainer(c, null).initialParameters(train);
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < p.w().length; k++) {
            p.w()[k] = (float) (0.01 * r.nextGaussian());
        }
        Parameters local = Parameters.zeros(p.classes(), p.dim(), p.hasSeparateBias(), p.biasInLastColumn());
        Parameters spark = Parameters.zeros(p.classes(), p.dim(), p.hasSeparateBias(), p.biasInLastColumn());
        dev.slope.objective.Pass.Result expected;
        try (BatchEngine engine = new BatchEngine(2)) {
            expected = new FusedPass(engine, train).lossAndGradient(loss, p, local);
        }
        try (SparkPass pass = new SparkPass(sc, train)) {
            assertEquals(BatchEngine.partsOf(train.size()), pass.partitions());
            dev.slope.objective.Pass.Result got = pass.lossAndGradient(loss, p, spark);
            assertEquals(expected, got, lossName + ": the loss, the rows scored right and their count");
            assertArrayEquals(local.w(), spark.w(), lossName);
            assertArrayEquals(local.b(), spark.b(), lossName);
        }
    }
}
