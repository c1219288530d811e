package dev.slope.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.eval.Evaluation;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training on a context whose serializer is Kryo ({@code spark.serializer=KryoSerializer}, as many clusters run):
 * the broadcast rows, weights and the partitions' sums go through Kryo, and the models are the ones the Java
 * serializer gives: full batches bit for bit with one machine, local SGD the same twice and learning.
 */
class KryoTest {
    static JavaSparkContext sc;
    static Splits split;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(LocalSpark.conf("local[2]")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer"));
        sc.setLogLevel("WARN");
        split = LocalSpark.shippedSplit();
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    @Test
    void fullBatchesAndLocalSgdTrainUnderKryo() {
        assertEquals("org.apache.spark.serializer.KryoSerializer", sc.getConf().get("spark.serializer"));
        TrainConfig full = TrainConfig.builder().parse("batch_size", "full").parse("epochs", "3").build();
        TrainConfig mini = TrainConfig.builder().parse("epochs", "3").build();
        try (BatchEngine engine = new BatchEngine(2); SparkPass pass = new SparkPass(sc, split.train())) {
            GradientTrainer.Result local = new GradientTrainer(full, engine).train(split.train(), split.validation());
            GradientTrainer.Result spark = new SparkTrainer(full, engine, 0).train(pass, split.train(),
                    split.validation(), GradientTrainer.Checkpointing.NONE);
            assertArrayEquals(local.model().parameters().w(), spark.model().parameters().w(), "full batch, bit for bit");

            GradientTrainer.Result a = new SparkTrainer(mini, engine, 30).train(pass, split.train(), split.validation(),
                    GradientTrainer.Checkpointing.NONE);
            GradientTrainer.Result b = new SparkTrainer(mini, engine, 30).train(pass, split.train(), split.validation(),
                    GradientTrainer.Checkpointing.NONE);
            assertArrayEquals(a.model().parameters().w(), b.model().parameters().w(), "local SGD: same seed, same model");
            double test = Evaluation.of(a.model(), split.test(), engine).accuracy();
            assertTrue(test > 0.78, "local SGD under Kryo learns: " + test);
        }
    }

    /** A DataFrame of Slope's images, checked, fitted and trained under Kryo, is the one machine's model. */
    @Test
    void framesTrainUnderKryo() {
        org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.builder().sparkContext(sc.sc())
                .getOrCreate();
        ImageData data = LocalSpark.shipped();
        dev.slope.data.ImageSet train = data.train().head(3000);
        TrainConfig full = TrainConfig.builder().parse("batch_size", "full").parse("epochs", "3")
                .parse("val_fraction", "0").build();
        dev.slope.preprocess.Dataset local = Splits.prepare(DatasetInfo.of(data), train, data.test(), full.pipelineSpec(),
                0, 1).train();
        try (BatchEngine engine = new BatchEngine(2); SparkFrames.Prepared p = SparkFrames.prepare(sc,
                SparkFrames.of(spark, train, BatchEngine.partsOf(train.size())), SparkFrames.LABEL, SparkFrames.FEATURES,
                null, dev.slope.preprocess.Preprocessing.DEFAULT_SCALE, true, true)) {
            GradientTrainer.Result one = new GradientTrainer(full, engine).train(local, local.head(0));
            GradientTrainer.Result onFrames = new SparkTrainer(full, engine, 0).train(p.pass(), p.dataset(),
                    p.dataset().head(0), GradientTrainer.Checkpointing.NONE);
            assertArrayEquals(one.model().parameters().w(), onFrames.model().parameters().w());
        }
    }

    /** The Spark ML stage under Kryo: fitted on a frame, its scores on the executors are the model's own. */
    @Test
    void theMlStageFitsAndScoresUnderKryo() {
        org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.builder().sparkContext(sc.sc())
                .getOrCreate();
        ImageData data = LocalSpark.shipped();
        dev.slope.data.ImageSet test = data.test().head(200);
        var model = new dev.slope.spark.ml.SlopeClassifier().setEpochs(2).fit(SparkFrames.of(spark,
                data.train().head(3000), 2));
        java.util.List<org.apache.spark.sql.Row> rows = model.transform(SparkFrames.of(spark, test, 2))
                .select("rawPrediction").collectAsList();
        assertEquals(test.size(), rows.size());
        for (int i = 0; i < test.size(); i++) {
            float[] own = model.slopeModel().scores(java.util.Arrays.copyOfRange(test.pixelBuffer(),
                    i * test.pixelsPerImage(), (i + 1) * test.pixelsPerImage()));
            double[] spark0 = ((org.apache.spark.ml.linalg.Vector) rows.get(i).get(0)).toArray();
            for (int c = 0; c < own.length; c++) {
                assertEquals(own[c], spark0[c], 0.0, "image " + i + ", class " + c);
            }
        }
    }
}
