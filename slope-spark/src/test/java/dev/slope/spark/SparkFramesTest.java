package dev.slope.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.eval.Evaluation;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Preprocessing;
import dev.slope.preprocess.Splits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on Spark DataFrames: Slope's images as a frame, Parquet, LIBSVM text, and every bad frame named. */
class SparkFramesTest {
    static SparkSession spark;
    static JavaSparkContext sc;
    static ImageData data;
    static ImageSet train;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        data = LocalSpark.shipped();
        train = data.train().head(3000);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static final TrainConfig FULL = TrainConfig.builder().parse("batch_size", "full").parse("epochs", "3")
            .parse("update", "adam").parse("val_fraction", "0").build();

    static SparkFrames.Prepared prepare(org.apache.spark.sql.Dataset<Row> frame, SparkFrames.Shape shape) {
        return SparkFrames.prepare(sc, frame, SparkFrames.LABEL, SparkFrames.FEATURES, shape,
                Preprocessing.DEFAULT_SCALE, true, true);
    }

    /**
     * A frame of Slope's images, in the local engine's partitions, trains to the one machine's model bit for bit: the
     * same mean image (fitted by a job), the same rows, the same sums.
     */
    @Test
    void aFrameOfSlopesImagesTrainsToTheOneMachinesModel() {
        Dataset local = Splits.prepare(DatasetInfo.of(data), train, data.test(), FULL.pipelineSpec(), 0, 1).train();
        try (BatchEngine engine = new BatchEngine(2); SparkFrames.Prepared p = prepare(
                SparkFrames.of(spark, train, BatchEngine.partsOf(train.size())), null)) {
            assertEquals(local.pipeline(), p.dataset().pipeline(), "the same mean image and shape");
            assertArrayEquals(local.labelArray(), p.dataset().labelArray());
            GradientTrainer.Result one = new GradientTrainer(FULL, engine).train(local, local.head(0));
            GradientTrainer.Result spark = new SparkTrainer(FULL, engine, 0).train(p.pass(), p.dataset(),
                    p.dataset().head(0), GradientTrainer.Checkpointing.NONE);
            assertArrayEquals(one.model().parameters().w(), spark.model().parameters().w());
        }
    }

    /** Parquet written by Spark and read back keeps the shape and classes; mini-batches learn from it. */
    @Test
    void parquetRoundTripAndLocalSgd(@TempDir Path dir) {
        String path = dir.resolve("images.parquet").toString();
        SparkFrames.of(spark, train, 4).write().parquet(path);
        org.apache.spark.sql.Dataset<Row> back = spark.read().parquet(path);
        TrainConfig mini = TrainConfig.builder().parse("epochs", "5").parse("val_fraction", "0").build();
        try (BatchEngine engine = new BatchEngine(2); SparkFrames.Prepared p = prepare(back, null)) {
            assertEquals(train.classNames(), p.dataset().classNames());
            assertEquals(3000, p.dataset().size());
            GradientTrainer.Result r = new SparkTrainer(mini, engine, 0).train(p.pass(), p.dataset(),
                    p.dataset().head(0), GradientTrainer.Checkpointing.NONE);
            Dataset test = p.dataset().pipeline().apply(data.test(), DatasetInfo.of(data), "test");
            double accuracy = Evaluation.of(r.model(), test, engine).accuracy();
            assertTrue(accuracy > 0.75, "test accuracy " + accuracy);
        }
    }

    /** LIBSVM text through Spark's own libsvm source (label double, features an ML vector): the same model. */
    @Test
    void libsvmTextTrainsAsTheSameImages(@TempDir Path dir) throws IOException {
        ImageSet few = train.head(600);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < few.size(); i++) {
            text.append(few.label(i));
            for (int k = 0; k < few.pixelsPerImage(); k++) {
                int v = few.pixelBuffer()[i * few.pixelsPerImage() + k] & 0xFF;
                if (v != 0) {
                    text.append(' ').append(k + 1).append(':').append(v);
                }
            }
            text.append('\n');
        }
        Path file = Files.writeString(dir.resolve("images.libsvm"), text);
        org.apache.spark.sql.Dataset<Row> libsvm = spark.read().format("libsvm").option("numFeatures", "784")
                .load(file.toString()).coalesce(1);
        SparkFrames.Shape shape = new SparkFrames.Shape(28, 28, 1, few.classNames());
        try (BatchEngine engine = new BatchEngine(2); SparkFrames.Prepared fromText = prepare(libsvm, shape);
             SparkFrames.Prepared fromImages = prepare(SparkFrames.of(spark, few, 1), null)) {
            assertEquals(fromImages.dataset().pipeline(), fromText.dataset().pipeline());
            GradientTrainer.Result a = new SparkTrainer(FULL, engine, 0).train(fromText.pass(), fromText.dataset(),
                    fromText.dataset().head(0), GradientTrainer.Checkpointing.NONE);
            GradientTrainer.Result b = new SparkTrainer(FULL, engine, 0).train(fromImages.pass(),
                    fromImages.dataset(), fromImages.dataset().head(0), GradientTrainer.Checkpointing.NONE);
            assertArrayEquals(b.model().parameters().w(), a.model().parameters().w());
        }
    }

    static org.apache.spark.sql.Dataset<Row> frame(List<Row> rows, StructType schema, int partitions) {
        return spark.createDataFrame(sc.parallelize(rows, partitions), schema);
    }

    static final StructType BYTES = new StructType(new StructField[] {
        new StructField("label", DataTypes.IntegerType, true, Metadata.empty()),
        new StructField("features", DataTypes.BinaryType, true, Metadata.empty())});
    static final SparkFrames.Shape TINY = new SparkFrames.Shape(2, 2, 1, List.of("a", "b", "c"));

    static List<Row> good() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            rows.add(RowFactory.create(i % 3, new byte[] {(byte) i, 2, 3, (byte) (40 * (i % 3))}));
        }
        return rows;
    }

    /** Each bad frame is named on the driver with its row, at once: no task is retried, nothing is trained. */
    @Test
    void badFramesAreNamedOnTheDriver() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkFrames.prepare(sc,
                frame(good(), BYTES, 2), "label", "pixels", TINY, 1f, true, true));
        assertTrue(e.getMessage().contains("no features column 'pixels'; its columns are [label, features]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkFrames.prepare(sc, frame(good(), BYTES, 2), "y",
                "features", TINY, 1f, true, true));
        assertTrue(e.getMessage().contains("no label column 'y'"), e.getMessage());
        StructType text = new StructType(new StructField[] {BYTES.fields()[0],
            new StructField("features", DataTypes.StringType, true, Metadata.empty())});
        e = assertThrows(IllegalArgumentException.class, () -> prepare(frame(List.of(RowFactory.create(0, "x")), text, 1),
                TINY));
        assertTrue(e.getMessage().contains("'features' is string; it must be binary"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> prepare(frame(good(), BYTES, 2), null));
        assertTrue(e.getMessage().contains("does not say its images' shape"), e.getMessage());

        List<Row> shortRow = good();
        shortRow.set(7, RowFactory.create(1, new byte[] {1, 2, 3}));
        e = assertThrows(IllegalArgumentException.class, () -> prepare(frame(shortRow, BYTES, 2), TINY));
        assertTrue(e.getMessage().contains("row 7 (partition 1, its row 3): the features column 'features' holds 3"
                + " values; the images are 2x2x1 = 4 values"), e.getMessage());
        List<Row> badLabel = good();
        badLabel.set(2, RowFactory.create(3, new byte[] {1, 2, 3, 4}));
        e = assertThrows(IllegalArgumentException.class, () -> prepare(frame(badLabel, BYTES, 2), TINY));
        assertTrue(e.getMessage().contains("row 2 (partition 0, its row 2): the label 3.0 is not a class: labels are"
                + " whole numbers 0..2"), e.getMessage());
        StructType floats = new StructType(new StructField[] {
            new StructField("label", DataTypes.DoubleType, true, Metadata.empty()),
            new StructField("features", DataTypes.createArrayType(DataTypes.FloatType), true, Metadata.empty())});
        List<Row> halves = List.of(RowFactory.create(0.0, new float[] {1, 2, 3, 4}),
                RowFactory.create(1.5, new float[] {1, 2, 3, 4}));
        e = assertThrows(IllegalArgumentException.class, () -> prepare(frame(halves, floats, 1), TINY));
        assertTrue(e.getMessage().contains("row 1 (partition 0, its row 1): the label 1.5 is not a class"),
                e.getMessage());
        List<Row> nan = List.of(RowFactory.create(0.0, new float[] {1, 2, 3, 4}),
                RowFactory.create(1.0, new float[] {1, Float.NaN, 3, 4}));
        e = assertThrows(IllegalArgumentException.class, () -> prepare(frame(nan, floats, 1), TINY));
        assertTrue(e.getMessage().contains("row 1 (partition 0, its row 1): value 1 of the features is not a finite"
                + " number"), e.getMessage());
        List<Row> oneClass = List.of(RowFactory.create(2.0, new float[] {1, 2, 3, 4}),
                RowFactory.create(2.0, new float[] {4, 3, 2, 1}));
        e = assertThrows(IllegalArgumentException.class, () -> prepare(frame(oneClass, floats, 1), TINY));
        assertTrue(e.getMessage().contains("hold only class 2 (c)"), e.getMessage());
        StructType nullable = new StructType(new StructField[] {floats.fields()[0], new StructField("features",
            DataTypes.createArrayType(DataTypes.FloatType, true), true, Metadata.empty())});
        List<Row> withNull = List.of(RowFactory.create(0.0, new Float[] {1f, null, 3f, 4f}));
        e = assertThrows(IllegalArgumentException.class, () -> prepare(frame(withNull, nullable, 1), TINY));
        assertTrue(e.getMessage().contains("row 0 (partition 0, its row 0): the features column 'features' holds"
                + " nothing, or a null among its values"), e.getMessage());
        try (SparkFrames.Prepared p = prepare(frame(good(), BYTES, 2), TINY)) {
            e = assertThrows(IllegalArgumentException.class, () -> SparkFrames.prepareWith(sc, frame(List.of(), BYTES, 1),
                    "label", "features", TINY, p.dataset().pipeline(), "test"));
            assertTrue(e.getMessage().contains("the test frame has no rows"), e.getMessage());
        }
    }

    /**
     * Frames at scale: a frame's blocks are kept in memory and spilled to disk when an executor runs short; a partition
     * whose rows would not fit one block is refused by name with how many more partitions it needs.
     */
    @Test
    void largeFramesSpillAndOversizedPartitionsAreRefusedByName() {
        try (SparkFrames.Prepared p = prepare(frame(good(), BYTES, 2), TINY)) {
            assertEquals(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK(), p.pass().storageLevel());
        }
        SparkFrames.requireBlockFits(3, 600_000, 3073);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkFrames.requireBlockFits(3, 1_000_000, 3073));
        assertEquals("partition 3 holds 1000000 rows of 3073 values, more than one block of rows holds (2147483639"
                + " values): cut the frame into more partitions (Dataset.repartition, or --partitions), at least 2 times"
                + " as many", e.getMessage());
    }

    /** Empty partitions hold no rows and change nothing: the same model as without them. */
    @Test
    void emptyPartitionsChangeNothing() {
        TrainConfig mini = TrainConfig.builder().parse("epochs", "3").parse("batch_size", "3").parse("val_fraction", "0")
                .build();
        List<Row> rows = good();
        List<Row> withEmpty = new ArrayList<>(rows);
        try (BatchEngine engine = new BatchEngine(2);
             SparkFrames.Prepared dense = prepare(frame(rows, BYTES, 1), TINY);
             SparkFrames.Prepared sparse = prepare(frame(withEmpty, BYTES, 1).union(frame(List.of(), BYTES, 3)), TINY)) {
            assertEquals(4, sparse.pass().partitions());
            GradientTrainer.Result a = new SparkTrainer(FULL, engine, 0).train(dense.pass(), dense.dataset(),
                    dense.dataset().head(0), GradientTrainer.Checkpointing.NONE);
            GradientTrainer.Result b = new SparkTrainer(FULL, engine, 0).train(sparse.pass(), sparse.dataset(),
                    sparse.dataset().head(0), GradientTrainer.Checkpointing.NONE);
            assertArrayEquals(a.model().parameters().w(), b.model().parameters().w(), "full batch");
            GradientTrainer.Result c = new SparkTrainer(mini, engine, 0).train(sparse.pass(), sparse.dataset(),
                    sparse.dataset().head(0), GradientTrainer.Checkpointing.NONE);
            assertTrue(c.model().parameters().isFinite());
        }
    }

    /** A checkpoint of another model (another shape of W) is refused by name before any step. */
    @Test
    void aCheckpointOfAnotherModelIsRefused() {
        TrainConfig mini = TrainConfig.builder().parse("epochs", "3").parse("batch_size", "3").parse("val_fraction", "0")
                .build();
        try (BatchEngine engine = new BatchEngine(2); SparkFrames.Prepared p = prepare(frame(good(), BYTES, 2), TINY)) {
            dev.slope.model.Parameters other = dev.slope.model.Parameters.zeros(10, 785, false, true);
            GradientTrainer.Checkpoint foreign = new GradientTrainer.Checkpoint(1, 3, other,
                    mini.optimizer().update().copy().state(), new dev.slope.learn.History(), null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(mini, engine, 0)
                    .train(p.pass(), p.dataset(), p.dataset().head(0), new GradientTrainer.Checkpointing(foreign, 1, null)));
            assertTrue(e.getMessage().contains("the checkpoint's W is 10x785 but the data needs 3x5: it is another model's"), e.getMessage());
        }
    }
}
