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
