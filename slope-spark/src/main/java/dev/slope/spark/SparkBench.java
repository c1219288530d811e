package dev.slope.spark;

import dev.slope.data.DatasetInfo;
import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.eval.Evaluation;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Preprocessing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Slope on Spark against Spark MLlib's multinomial LogisticRegression, in one run on the same data and the same
 * {@code local[N]} context: both read the training images from the same cached frame, both are timed from the frame to
 * the model (Slope: the check, the mean image, the blocks and the training; MLlib: its fit), both are scored on the same
 * test images. Run by {@code slope-spark/run-mllib-bench.sh}.
 *
 * <p>Arguments: {@code [data] [master] [mllib iterations] [name=value,name=value ...]} (defaults: fashion-mnist,
 * local[2], 50, 0 for no MLlib run; each further argument is one more Slope run with those settings of slope train's, after the defaults).
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) {
        String dataName = args.length > 0 ? args[0] : "fashion-mnist";
        String master = args.length > 1 ? args[1] : "local[2]";
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        ImageData data = Datasets.open(Datasets.resolve(dataName, Path.of(System.getProperty("slope.home", "."))));
        SparkSession spark = SparkSession.builder().master(master).appName("slope spark bench")
                .config("spark.ui.enabled", "false").getOrCreate();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setLogLevel("WARN");
        int parts = BatchEngine.partsOf(data.train().size());
        org.apache.spark.sql.Dataset<Row> frame = SparkFrames.of(spark, data.train(), parts).cache();
        frame.count();
        System.out.printf(Locale.ROOT, "%s: %d training images of %d values, %d test images; Spark %s %s, %d partitions%n",
                data.name(), data.train().size(), data.train().pixelsPerImage(), data.test().size(), spark.version(),
                master, parts);
        try (BatchEngine engine = new BatchEngine(2)) {
            // an untimed epoch first: the JIT compiles the kernels and Spark its paths once, for every run after it
            List<String> runs = new ArrayList<>(List.of("epochs=1", "loss=softmax", "loss=svm"));
            runs.addAll(Arrays.asList(args).subList(Math.min(3, args.length), args.length));
            for (String run : runs) {
                TrainConfig.Builder b = TrainConfig.builder().parse("val_fraction", "0");
                for (String setting : run.split(",")) {
                    String[] kv = setting.split("=", 2);
                    b.parse(kv[0], kv[1]);
                }
                TrainConfig config = b.build();
                long t0 = System.nanoTime();
                try (SparkFrames.Prepared p = SparkFrames.prepare(sc, frame, SparkFrames.LABEL, SparkFrames.FEATURES,
                        null, Preprocessing.DEFAULT_SCALE, true, true)) {
                    double prepared = (System.nanoTime() - t0) / 1e9;
                    GradientTrainer.Result r = new SparkTrainer(config, engine, 0).train(p.pass(), p.dataset(),
                            p.dataset().head(0), GradientTrainer.Checkpointing.NONE);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    var test = p.dataset().pipeline().apply(data.test(), DatasetInfo.of(data), "test");
                    double accuracy = Evaluation.of(r.model(), test, engine).accuracy();
                    if (run.equals("epochs=1")) {
                        continue; // the warm-up
                    }
                    System.out.printf(Locale.ROOT, "slope-spark %5.2f%% test  %6.1f s  (%.1f s preparing the frame; %s;"
                            + " %d epochs, batch %d, local SGD averaged once per epoch)%n", 100 * accuracy, seconds,
                            prepared, run, config.optimizer().epochs(), config.optimizer().batchSize());
                }
            }
        }
        if (iterations == 0) { // Slope's runs only
            spark.stop();
            return;
        }
        // MLlib: the same images as dense vectors of pixel / 255 (its own standardization on), labels as doubles
        StructType schema = new StructType(new StructField[] {
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())});
        org.apache.spark.sql.Dataset<Row> vectors = spark.createDataFrame(frame.javaRDD().map(r -> {
            byte[] px = (byte[]) r.get(1);
            double[] v = new double[px.length];
            for (int k = 0; k < px.length; k++) {
                v[k] = (px[k] & 0xFF) / 255.0;
            }
            return RowFactory.create((double) r.getInt(0), Vectors.dense(v));
        }), schema).cache();
        vectors.count();
        long t0 = System.nanoTime();
        LogisticRegressionModel model = new LogisticRegression().setFamily("multinomial").setMaxIter(iterations)
                .setRegParam(1e-4).fit(vectors);
        double seconds = (System.nanoTime() - t0) / 1e9;
        org.apache.spark.sql.Dataset<Row> testVectors = spark.createDataFrame(SparkFrames.of(spark, data.test(), parts)
                .javaRDD().map(r -> {
                    byte[] px = (byte[]) r.get(1);
                    double[] v = new double[px.length];
                    for (int k = 0; k < px.length; k++) {
                        v[k] = (px[k] & 0xFF) / 255.0;
                    }
                    return RowFactory.create((double) r.getInt(0), Vectors.dense(v));
                }), schema);
        long right = model.transform(testVectors).filter("prediction = label").count();
        System.out.printf(Locale.ROOT, "mllib    softmax  %5.2f%% test  %6.1f s  (LogisticRegression multinomial, %d"
                + " iterations of L-BFGS, regParam 1e-4)%n", 100.0 * right / data.test().size(), seconds, iterations);
        System.out.println("mllib    svm      (none: MLlib's LinearSVC is binary only)");
        spark.stop();
    }
}
