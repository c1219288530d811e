package dev.slope.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.eval.Evaluation;
import dev.slope.runfiles.CheckpointFile;
import dev.slope.runfiles.CheckpointStore;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Splits;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SparkTrainer: mini-batches as local SGD with averaging, on the shipped subset in local mode. */
class SparkTrainerTest {
    static JavaSparkContext sc;
    static Splits split;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context("local[2]");
        split = LocalSpark.shippedSplit();
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    private static final TrainConfig FIVE_EPOCHS = TrainConfig.builder().parse("epochs", "5").build();

    /**
     * Local SGD over 8 partitions learns as well as the one-machine run of the same settings (within a point and a
     * half of test accuracy on the shipped subset), and the same seed gives the same weights twice.
     */
    @Test
    void miniBatchesOnSparkLearnAsWellAsOneMachine() {
        try (BatchEngine engine = new BatchEngine(2); SparkPass pass = new SparkPass(sc, split.train())) {
            assertEquals(8, pass.partitions());
            GradientTrainer.Result local = new GradientTrainer(FIVE_EPOCHS, engine).train(split.train(),
                    split.validation());
            SparkTrainer trainer = new SparkTrainer(FIVE_EPOCHS, engine, 0);
            GradientTrainer.Result spark = trainer.train(pass, split.train(), split.validation(), GradientTrainer.Checkpointing.NONE);
            double localTest = Evaluation.of(local.model(), split.test(), engine).accuracy();
            double sparkTest = Evaluation.of(spark.model(), split.test(), engine).accuracy();
            System.out.printf("one machine %.4f, spark local SGD %.4f (%d rounds)%n", localTest, sparkTest,
                    spark.history().steps());
            assertTrue(sparkTest > localTest - 0.015, "spark " + sparkTest + " vs one machine " + localTest);
            assertEquals(5, spark.history().steps(), "one job per epoch by default");
            assertTrue(spark.model().provenance().kernel().startsWith("spark (8 partitions)"),
                    spark.model().provenance().kernel());
            GradientTrainer.Result again = trainer.train(pass, split.train(), split.validation(), GradientTrainer.Checkpointing.NONE);
            assertArrayEquals(spark.model().parameters().w(), again.model().parameters().w());
            // averaging more often: more jobs, still learning
            GradientTrainer.Result often = new SparkTrainer(FIVE_EPOCHS, engine, 30).train(pass, split.train(),
                    split.validation(), GradientTrainer.Checkpointing.NONE);
            assertEquals(5 * 2, often.history().steps(), "54 steps per epoch, averaged every 30");
            assertTrue(Evaluation.of(often.model(), split.test(), engine).accuracy() > localTest - 0.015);
        }
    }

    /** A local-SGD run stopped after its epoch-2 checkpoint and resumed from the file's bytes ends as the whole run. */
    @Test
    void aLocalSgdRunResumesFromItsCheckpoint(@org.junit.jupiter.api.io.TempDir Path dir) {
        TrainConfig c = TrainConfig.builder().parse("epochs", "3").parse("update", "momentum").parse("lr_schedule",
                "cosine").build();
        try (BatchEngine engine = new BatchEngine(2); SparkPass pass = new SparkPass(sc, split.train())) {
            SparkTrainer trainer = new SparkTrainer(c, engine, 3);
            var writer = new CheckpointFile.Writer(SparkCheckpoints.store(dir.toUri().toString(),
                    sc::hadoopConfiguration), new CheckpointFile.Restart(c.toJson(), Path.of("data"), java.util.Map.of(),
                    Path.of("model.slope"), 2));
            GradientTrainer.Result whole = trainer.train(pass, split.train(), split.validation(),
                    new GradientTrainer.Checkpointing(null, 2, writer.sink(split.train(), c.objective().loss(),
                            pass.kernelName())));
            writer.close();
            var back = CheckpointFile.load(CheckpointStore.folder(dir));
            assertEquals(2, back.checkpoint().epochsDone());
            GradientTrainer.Result resumed = trainer.train(pass, split.train(), split.validation(),
                    new GradientTrainer.Checkpointing(back.checkpoint(), 2, null));
            assertArrayEquals(whole.model().parameters().w(), resumed.model().parameters().w());
            assertArrayEquals(whole.history().stepLosses(), resumed.history().stepLosses());
        }
    }

    /** Full batches through SparkTrainer are the one-machine loop: the same weights, bit for bit. */
    @Test
    void fullBatchesThroughSparkTrainerAreTheOneMachineRun() {
        TrainConfig c = TrainConfig.builder().parse("batch_size", "full").parse("epochs", "3").build();
        try (BatchEngine engine = new BatchEngine(2); SparkPass pass = new SparkPass(sc, split.train())) {
            GradientTrainer.Result local = new GradientTrainer(c, engine).train(split.train(), split.validation());
            GradientTrainer.Result spark = new SparkTrainer(c, engine, 0).train(pass, split.train(),
                    split.validation(), GradientTrainer.Checkpointing.NONE);
            assertArrayEquals(local.model().parameters().w(), spark.model().parameters().w());
            assertEquals(local.validationAccuracy(), spark.validationAccuracy(), 0);
            // batches of every row drawn with replacement are not the full pass: they run as local steps
            TrainConfig drawn = c.toBuilder().parse("sampling", "replacement").build();
            GradientTrainer.Result r = new SparkTrainer(drawn, engine, 0).train(pass, split.train(),
                    split.validation(), GradientTrainer.Checkpointing.NONE);
            assertTrue(r.validationAccuracy() > 0.6, "validation " + r.validationAccuracy());
        }
    }

    /**
     * Local SGD spreads the rows over the partitions by a seeded shuffle: rows listed class by class (as image folders
     * list them) still give every partition every class, and the same seed the same partitions and model. With many
     * small partitions every row is read once an epoch (a partition's batch is its share of the cluster's, never
     * floored to a row and wrapped around its rows).
     */
    @Test
    void localSgdSpreadsTheRowsAndReadsEachOnceAnEpoch() {
        Dataset train = split.train();
        Integer[] byClass = new Integer[train.size()];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = i;
        }
        java.util.Arrays.sort(byClass, java.util.Comparator.comparingInt(train::label));
        int[] labels = new int[byClass.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = train.label(byClass[i]);
        }
        Dataset sorted = new Dataset(new dev.slope.linalg.RowSource() {
            @Override
            public int rows() {
                return byClass.length;
            }

            @Override
            public int cols() {
                return train.dim();
            }

            @Override
            public void copyRow(int i, float[] out) {
                train.rows().copyRow(byClass[i], out);
            }
        }, labels, train.classNames(), train.pipeline(), train.source(), "train");
        TrainConfig two = TrainConfig.builder().parse("epochs", "2").build();
        try (BatchEngine engine = new BatchEngine(2); SparkPass spread = SparkTrainer.rowsFor(sc, sorted, 4, two);
             SparkPass again = SparkTrainer.rowsFor(sc, sorted, 4, two);
             SparkPass inOrder = SparkTrainer.rowsFor(sc, sorted, 4, two.toBuilder().parse("batch_size", "full").build())) {
            for (int[] counts : spread.labelCounts(10)) {
                for (int c = 0; c < 10; c++) {
                    assertTrue(counts[c] > 150, "every partition holds every class: " + java.util.Arrays.toString(counts));
                }
            }
            long classesInFirst = java.util.Arrays.stream(inOrder.labelCounts(10)[0]).filter(c -> c > 0).count();
            assertTrue(classesInFirst <= 3, "full batches keep the rows' order (the one machine's sums)");
            GradientTrainer.Result a = new SparkTrainer(two, engine, 0).train(spread, sorted, split.validation(),
                    GradientTrainer.Checkpointing.NONE);
            GradientTrainer.Result b = new SparkTrainer(two, engine, 0).train(again, sorted, split.validation(),
                    GradientTrainer.Checkpointing.NONE);
            assertArrayEquals(a.model().parameters().w(), b.model().parameters().w(), "same seed, same partitions");
            double test = Evaluation.of(a.model(), split.test(), engine).accuracy();
            assertTrue(test > 0.78, "rows sorted by class, spread: " + test);
        }
        try (BatchEngine engine = new BatchEngine(2); SparkPass many = SparkTrainer.rowsFor(sc, train, 300, two)) {
            long[] rowsRead = new long[3];
            new SparkTrainer(two, engine, 0).train(many, train, split.validation(), GradientTrainer.Checkpointing.NONE,
                    new dev.slope.learn.TrainingListener() {
                        @Override
                        public void onStep(StepReport r) {
                            rowsRead[r.epoch()] += r.batchSize();
                        }
                    });
            assertEquals(train.size(), rowsRead[1], "300 partitions of about 36 rows: each row once in epoch 1");
            assertEquals(train.size(), rowsRead[2], "and once in epoch 2");
        }
    }
}
