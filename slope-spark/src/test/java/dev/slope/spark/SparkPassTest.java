package dev.slope.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slope.data.DatasetInfo;
import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.linalg.BatchEngine;
import dev.slope.loss.Loss;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Splits;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
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
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("slope-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
        sc.setLogLevel("WARN");
        ImageData data = Datasets.open(Datasets.resolve("small", Path.of("..")));
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
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("full batches only"), e.getMessage());
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
        double expected;
        try (BatchEngine engine = new BatchEngine(2)) {
            expected = new FusedPass(engine).lossAndGradient(loss, p, train.rows(), train.labelArray(), null, 0,
                    train.size(), local);
        }
        try (SparkPass pass = new SparkPass(sc, train)) {
            assertEquals(BatchEngine.partsOf(train.size()), pass.partitions());
            double got = pass.lossAndGradient(loss, p, spark);
            assertEquals(expected, got, 0, lossName);
            assertArrayEquals(local.w(), spark.w(), lossName);
            assertArrayEquals(local.b(), spark.b(), lossName);
        }
    }
}
