package dev.slope.spark;

import dev.slope.cli.SettingsCommand;
import dev.slope.cli.SettingsOptions;
import dev.slope.linalg.BatchEngine;
import dev.slope.run.Summary;
import dev.slope.run.TrainingRun;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slope spark-train --frame URI}: training on a DataFrame the cluster reads itself (Parquet, or LIBSVM text),
 * the rows never passing through the driver: checked, preprocessed and summed where they live ({@link SparkFrames},
 * {@link SparkTrainer}), scored on a test frame the same way. The settings are slope train's; the model is a Slope model
 * file.
 */
@Command(name = "slope spark-train", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Train a linear classifier on Apache Spark from a DataFrame the cluster reads (Parquet or LIBSVM"
            + " text), and save it.", "",
            "The frame holds a label column (whole numbers 0..C-1) and a features column of each image's raw values"
                + " (binary uint8 pixels, an array of numbers or an ML vector), H x W x C, channels last. A frame"
                + " written from Slope's images (SparkFrames.of) says its shape and classes; otherwise give"
                + " --image-shape and --classes. The training settings are slope train's: --val-fraction of the frame is held"
                + " out for validation by a seeded split (0: train on every row); give a --test-frame to score the"
                + " model.", ""},
        footer = {"", "Examples:",
            "  slope spark-train --master local[2] --frame images.parquet --test-frame test.parquet",
            "  slope spark-train --frame hdfs://nn/mnist.libsvm --frame-format libsvm --image-shape 28x28x1 --classes 10"
                + " --pixel-scale 1",
            "Then: slope evaluate --model model.slope --data DIR (images of the same shape)"})
final class FrameTrain implements Callable<Integer>, SettingsCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkTrain.SparkOptions spark;

    final SettingsOptions settings = SettingsOptions.all();

    @Override
    public SettingsOptions settings() {
        return settings;
    }

    @Option(names = "--frame", required = true, paramLabel = "URI", description = "The training frame: a Parquet"
            + " folder or a LIBSVM text file, on any file system Spark reads (hdfs://, s3a://, a local path).")
    String frame;

    @Option(names = "--frame-format", paramLabel = "parquet|libsvm", defaultValue = "parquet", description = "How the"
            + " frames are stored.")
    String format;

    @Option(names = "--test-frame", paramLabel = "URI", description = "Held-out rows in the same format, scored with"
            + " the trained model.")
    String testFrame;

    @Option(names = "--label-col", paramLabel = "NAME", defaultValue = SparkFrames.LABEL, description = "The label"
            + " column.")
    String labelColumn;

    @Option(names = "--features-col", paramLabel = "NAME", defaultValue = SparkFrames.FEATURES, description = "The"
            + " features column.")
    String featuresColumn;

    @Option(names = "--image-shape", paramLabel = "HxWxC", description = "The images' shape, when the frame does not"
            + " say it (LIBSVM never does), e.g. 28x28x1.")
    String imageShape;

    @Option(names = "--classes", paramLabel = "N", description = "How many classes, when the frame does not say (their"
            + " names become 0..N-1).")
    Integer classes;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "model.slope", description = "Where to save the model.")
    Path out;

    @Option(names = "--json", description = "One JSON object on stdout instead of the text.")
    boolean json;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        try {
            return train();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // SparkException (a job that failed its retries: a reader's error), past Java's checks
            throw new dev.slope.SlopeException("a Spark job failed: " + SparkTrain.firstLine(e));
        }
    }

    private int train() {
        TrainConfig config = settings.config(spec);
        if (!format.equals("parquet") && !format.equals("libsvm")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--frame-format is parquet or libsvm, not '"
                    + format + "'");
        }
        SparkFrames.Shape shape = shape();
        dev.slope.io.Outputs.requireWritableFile(out, "--out");
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try (JavaSparkContext sc = SparkTrain.context(spark.master); BatchEngine engine = new BatchEngine(
                Runtime.getRuntime().availableProcessors())) {
            SparkSession session = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
            org.apache.spark.sql.Dataset<Row> train = read(session, frame, shape);
            if (spark.partitions != null) {
                train = train.repartition(spark.partitions);
            }
            // a test frame has the training frame's shape: given, or read from the training frame's metadata
            SparkFrames.Shape testShape = testFrame == null ? null : shape != null ? shape
                    : SparkFrames.Shape.of(train.schema().apply(featuresColumn));
            org.apache.spark.sql.Dataset<Row> test = testFrame == null ? null : read(session, testFrame, testShape);
            if (!quiet) {
                err.printf(Locale.ROOT, "Training on %s in %d partitions (%s), %s of it held out for validation%n",
                        frame, train.rdd().getNumPartitions(), sc.master(),
                        Settings.shortNumber(config.get(Settings.VAL_FRACTION)));
                err.flush();
            }
            List<dev.slope.learn.TrainingListener> listeners = new ArrayList<>();
            if (!quiet) {
                listeners.add(new dev.slope.learn.TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport r) {
                        err.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  train %.2f%%%s%n", r.epoch(), r.epochs(),
                                r.meanLoss(), 100 * r.trainAccuracy(), Double.isNaN(r.validationAccuracy()) ? ""
                                        : String.format(Locale.ROOT, "  val %.2f%%", 100 * r.validationAccuracy()));
                        err.flush();
                    }
                });
            }
            TrainingRun.Outcome outcome = FrameRun.run(sc, config, new FrameRun.Frames(train, test, labelColumn,
                    featuresColumn, shape, frame), spark.syncSteps, out, engine,
                    listeners.toArray(new dev.slope.learn.TrainingListener[0]));
            Summary summary = outcome.summary();
            if (json) {
                stdout.println(dev.slope.io.Json.COMPACT.toJson(summary.toJson()));
            } else {
                stdout.printf(Locale.ROOT, "%nTrained %s (update %s, lr %s) on %s in %.1fs%n",
                        config.get(Settings.LOSS), config.get(Settings.UPDATE),
                        Settings.shortNumber(config.optimizer().lr()), frame, summary.seconds());
                stdout.printf(Locale.ROOT, "  final training loss   %.4f%n", summary.finalLoss());
                stdout.printf(Locale.ROOT, "  train accuracy        %.2f%%%n", 100 * summary.trainAccuracy());
                if (!Double.isNaN(summary.valAccuracy())) {
                    stdout.printf(Locale.ROOT, "  validation accuracy   %.2f%%%n", 100 * summary.valAccuracy());
                }
                if (testFrame != null) {
                    stdout.printf(Locale.ROOT, "  test accuracy         %.2f%%  (%d rows of %s)%n",
                            100 * summary.testAccuracy(), summary.testExamples(), testFrame);
                }
                stdout.printf(Locale.ROOT, "Model saved to %s%n", out.toAbsolutePath().normalize());
            }
            stdout.flush();
            return 0;
        }
    }

    private SparkFrames.Shape shape() {
        if (imageShape == null && classes == null) {
            return null; // the frame's own metadata
        }
        if (imageShape == null || classes == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give both --image-shape and --classes (a frame"
                    + " that does not say its shape says neither)");
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(String.valueOf(c));
        }
        try {
            return SparkFrames.Shape.parse(imageShape, names);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--image-shape " + imageShape + " --classes "
                    + classes + ": " + dev.slope.FieldNames.FLAGS.messageOf(e));
        }
    }

    private org.apache.spark.sql.Dataset<Row> read(SparkSession session, String uri, SparkFrames.Shape shape) {
        if (format.equals("libsvm") && shape == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a LIBSVM frame does not say its images'"
                    + " shape: give --image-shape HxWxC and --classes N");
        }
        try {
            return format.equals("libsvm")
                    ? session.read().format("libsvm").option("numFeatures", String.valueOf(shape.values())).load(uri)
                    : session.read().parquet(uri);
        } catch (Exception e) { // Spark's AnalysisException (checked in Scala's eyes): no such path, not Parquet
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new dev.slope.SlopeException("cannot read the " + format + " frame " + uri + ": " + message);
        }
    }
}
