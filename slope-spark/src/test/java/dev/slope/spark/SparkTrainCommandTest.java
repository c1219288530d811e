package dev.slope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slope.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spark-train from its command line (in process, local[2]): slope train's flags, output and model file. */
class SparkTrainCommandTest {
    record Run(int code, String out, String err) {
        JsonObject json() {
            return JsonParser.parseString(out).getAsJsonObject();
        }
    }

    static Run sparkTrain(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkTrain.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run slope(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void home() {
        System.setProperty("slope.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    /**
     * The launcher reaches local[...] and spark:// itself; YARN and Kubernetes are refused up front with the
     * spark-submit command to use. For a standalone cluster the context sends Slope's jar and the executors' JVM
     * options (the Vector API's module first), unless spark-submit or spark-defaults set them.
     */
    @Test
    void theLauncherRefusesMastersItCannotReachAndEquipsAStandaloneCluster() {
        assertEquals(null, SparkTrain.launcherRefuses("--master", "local[2]", "--epochs", "1"));
        assertEquals(null, SparkTrain.launcherRefuses("--master=spark://127.0.0.1:7077"));
        assertEquals(null, SparkTrain.launcherRefuses("--epochs", "1"));
        String yarn = SparkTrain.launcherRefuses("--master", "yarn", "--data", "d");
        assertTrue(yarn.contains("YARN") && yarn.contains("spark-submit --master yarn"), yarn);
        assertTrue(SparkTrain.launcherRefuses("--master=k8s://https://h:6443").contains("Kubernetes"));

        Path jar = Path.of("/opt/slope/slope-spark.jar");
        String options = SparkTrain.executorJvmOptions();
        assertTrue(options.startsWith("--add-modules=jdk.incubator.vector --add-opens="), options);
        org.apache.spark.SparkConf cluster = SparkTrain.forCluster(new org.apache.spark.SparkConf(false)
                .setMaster("spark://127.0.0.1:7077"), jar, options);
        assertEquals(jar.toString(), cluster.get("spark.jars"));
        assertEquals(options, cluster.get("spark.executor.extraJavaOptions"));
        org.apache.spark.SparkConf given = SparkTrain.forCluster(new org.apache.spark.SparkConf(false)
                .setMaster("spark://h:1").set("spark.jars", "/x.jar").set("spark.executor.extraJavaOptions", "-Xss4m"),
                jar, options);
        assertEquals("/x.jar", given.get("spark.jars"), "what the user set stays");
        assertEquals("-Xss4m", given.get("spark.executor.extraJavaOptions"));
        org.apache.spark.SparkConf local = SparkTrain.forCluster(new org.apache.spark.SparkConf(false)
                .setMaster("local[2]"), jar, options);
        assertTrue(!local.contains("spark.jars") && !local.contains("spark.executor.extraJavaOptions"));
    }

    /** spark-submit's main returns on success and throws on failure: no System.exit for YARN to report as failed. */
    @Test
    void sparkSubmitsMainThrowsWhenTheRunFails() {
        dev.slope.SlopeException e = org.junit.jupiter.api.Assertions.assertThrows(dev.slope.SlopeException.class,
                () -> SparkTrain.main(new String[] {"--master", "local[2]", "--epochs", "0"}));
        assertTrue(e.getMessage().contains("exit code 2"), e.getMessage());
    }

    /**
     * spark-train prints the keys slope train prints, writes a model slope evaluate reads (with the test accuracy it
     * reported), and names Spark and its partitions as the kernel.
     */
    @Test
    void sparkTrainIsSlopeTrainOnSpark(@TempDir Path dir) {
        Path model = dir.resolve("spark.slope");
        Run spark = sparkTrain("--master", "local[2]", "--epochs", "3", "--out", model.toString(), "--json", "--quiet");
        assertEquals(0, spark.code(), spark.err());
        Run local = slope("train", "--epochs", "3", "--out", dir.resolve("local.slope").toString(), "--json", "--quiet");
        assertEquals(0, local.code(), local.err());
        assertEquals(dev.slope.run.Summary.KEYS, java.util.List.copyOf(spark.json().keySet()), "a run's summary keys");
        assertEquals(local.json().keySet(), spark.json().keySet());
        assertEquals(local.json().get("config"), spark.json().get("config"), "the same settings, typed alike");
        assertTrue(spark.json().get("kernel").getAsString().startsWith("spark (8 partitions)"), spark.out());
        double test = spark.json().get("test_accuracy").getAsDouble();
        assertTrue(test > 0.8, spark.out());
        Run evaluate = slope("evaluate", "--model", model.toString(), "--json");
        assertEquals(0, evaluate.code(), evaluate.err());
        assertEquals(test, evaluate.json().get("accuracy").getAsDouble(), 1e-6);
    }

    /** Full batches on Spark write slope train's model file: the same weights, so the same bytes but for provenance. */
    @Test
    void fullBatchesGiveSlopeTrainsAccuracy(@TempDir Path dir) throws Exception {
        Run spark = sparkTrain("--master", "local[2]", "--batch-size", "full", "--epochs", "4", "--update", "adam",
                "--out", dir.resolve("s.slope").toString(), "--json", "--quiet");
        Run local = slope("train", "--batch-size", "full", "--epochs", "4", "--update", "adam",
                "--out", dir.resolve("l.slope").toString(), "--json", "--quiet");
        assertEquals(0, spark.code(), spark.err());
        for (String key : new String[] {"final_loss", "train_accuracy", "val_accuracy", "test_accuracy"}) {
            assertEquals(local.json().get(key), spark.json().get(key), key);
        }
        assertTrue(Files.size(dir.resolve("s.slope")) > 0);
    }

    /**
     * --checkpoint takes a Hadoop file system URI (here file://, through Hadoop's FileSystem): a run resumed from its
     * epoch-2 checkpoint writes the uninterrupted run's weights; a URI without a checkpoint is named.
     */
    @Test
    void checkpointsGoToAHadoopFileSystemUri(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.slope");
        String uri = dir.resolve("ckpt").toUri().toString();
        assertTrue(uri.startsWith("file:/"), uri);
        Run whole = sparkTrain("--master", "local[2]", "--epochs", "4", "--update", "momentum", "--checkpoint", uri,
                "--checkpoint-every", "2", "--out", model.toString(), "--quiet", "--json");
        assertEquals(0, whole.code(), whole.err());
        assertTrue(Files.isRegularFile(dir.resolve("ckpt").resolve("checkpoint.slope")));
        float[] w = dev.slope.io.ModelFile.load(model).parameters().w();
        Run resumed = sparkTrain("--resume", uri, "--master", "local[2]", "--quiet", "--json");
        assertEquals(0, resumed.code(), resumed.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(w, dev.slope.io.ModelFile.load(model).parameters().w());
        Run missing = sparkTrain("--resume", dir.resolve("nothing").toUri().toString(), "--master", "local[2]");
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("no checkpoint in") && missing.err().contains("nothing"), missing.err());
    }

    /**
     * --data, --out and --plots as Hadoop URIs (file:// here, through Hadoop's FileSystem as hdfs:// and s3a:// go):
     * the data fetched, the model and pictures copied to their URIs after the run, the printed model path the URI; a
     * URI no file system reads is named before any work, and a failed run copies nothing.
     */
    @Test
    void dataOutAndPlotsMayBeHadoopUris(@TempDir Path dir) {
        String data = Path.of("../data/fashion-mnist-small").toAbsolutePath().normalize().toUri().toString();
        String model = dir.resolve("remote/models/m.slope").toUri().toString();
        String plots = dir.resolve("remote/plots").toUri().toString();
        Run r = sparkTrain("--master", "local[2]", "--data", data, "--out", model, "--plots=" + plots, "--epochs", "2",
                "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(model, r.json().get("model").getAsString(), "the summary names the URI, not the driver's copy");
        assertTrue(Files.exists(dir.resolve("remote/models/m.slope")), "the model is at its URI");
        assertTrue(Files.exists(dir.resolve("remote/plots/run.json")), "the pictures are at their URI");
        Run evaluate = slope("evaluate", "--model", dir.resolve("remote/models/m.slope").toString(), "--json");
        assertEquals(0, evaluate.code(), evaluate.err());
        assertEquals(r.json().get("test_accuracy").getAsDouble(), evaluate.json().get("accuracy").getAsDouble(), 1e-6);

        Run unknown = sparkTrain("--master", "local[2]", "--data", "nofs://host/images", "--out", model);
        assertEquals(1, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("--data nofs://host/images: ") && unknown.err().contains("nofs"),
                unknown.err());
        Run missing = sparkTrain("--master", "local[2]", "--data", dir.resolve("nothing").toUri().toString());
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        String failedOut = dir.resolve("failed/m.slope").toUri().toString();
        Run failed = sparkTrain("--master", "local[2]", "--data", data, "--out", failedOut, "--lr", "-1");
        assertEquals(2, failed.code(), failed.err());
        assertTrue(!Files.exists(dir.resolve("failed")), "a failed run copies nothing");
    }

    /**
     * --frame: Parquet written from Slope's images, trained and scored on the cluster; the model file gives slope
     * evaluate the same test accuracy on the same images read from IDX. A missing frame and a LIBSVM frame without its
     * shape are named.
     */
    @Test
    void framesOnTheClusterTrainToAModelSlopeEvaluateReads(@TempDir Path dir) {
        dev.slope.data.ImageData data = LocalSpark.shipped();
        org.apache.spark.sql.SparkSession session = LocalSpark.session();
        try {
            SparkFrames.of(session, data.train(), 4).write().parquet(dir.resolve("train.parquet").toString());
            SparkFrames.of(session, data.test(), 2).write().parquet(dir.resolve("test.parquet").toString());
        } finally {
            session.stop();
        }
        Path model = dir.resolve("frame.slope");
        Run r = sparkTrain("--master", "local[2]", "--frame", dir.resolve("train.parquet").toString(), "--test-frame",
                dir.resolve("test.parquet").toString(), "--epochs", "5", "--out", model.toString(), "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(dev.slope.run.Summary.KEYS, java.util.List.copyOf(r.json().keySet()), "a frame's run: every run's keys");
        double test = r.json().get("test_accuracy").getAsDouble();
        assertTrue(test > 0.8, r.out());
        // a seeded tenth of the frame held out for validation, scored on the cluster every epoch
        int held = r.json().get("val_examples").getAsInt();
        assertEquals(12000, r.json().get("train_examples").getAsInt() + held);
        assertTrue(held > 1000 && held < 1400, "val_fraction 0.1 of 12000: " + held);
        double val = r.json().get("val_accuracy").getAsDouble();
        assertTrue(val > 0.78 && val < 0.95, r.out());
        assertEquals(2000, r.json().get("test_examples").getAsInt());
        Run evaluate = slope("evaluate", "--model", model.toString(), "--json");
        assertEquals(0, evaluate.code(), evaluate.err());
        assertEquals(test, evaluate.json().get("accuracy").getAsDouble(), 1e-6, "the same rows, the same model");
        Run missing = sparkTrain("--master", "local[2]", "--frame", dir.resolve("nothing.parquet").toString(), "--out",
                dir.resolve("x.slope").toString());
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("cannot read the parquet frame") && missing.err().contains("nothing.parquet"),
                missing.err());
        Run shapeless = sparkTrain("--frame", "x.libsvm", "--frame-format", "libsvm");
        assertEquals(2, shapeless.code(), shapeless.err());
        assertTrue(shapeless.err().contains("give --image-shape HxWxC and --classes N"), shapeless.err());
        assertTrue(Files.notExists(dir.resolve("x.slope")));
    }

    /** Bad Spark options are named before any work; --help teaches the Spark options with slope train's. */
    @Test
    void badSparkOptionsAreNamedAndHelpTeaches(@TempDir Path dir) {
        Run sync = sparkTrain("--master", "local[2]", "--sync-steps", "-1", "--out", dir.resolve("m.slope").toString());
        assertEquals(2, sync.code(), sync.err());
        assertTrue(sync.err().contains("--sync-steps must be 0 (a whole epoch) or more, got -1"), sync.err());
        Run parts = sparkTrain("--master", "local[2]", "--partitions", "0", "--out", dir.resolve("m.slope").toString());
        assertEquals(2, parts.code(), parts.err());
        assertTrue(parts.err().contains("--partitions must be at least 1, got 0"), parts.err());
        assertTrue(Files.notExists(dir.resolve("m.slope")));
        Run cut = sparkTrain("--master", "local[2]", "--partitions", "4", "--checkpoint", dir.resolve("c").toString(),
                "--out", dir.resolve("m.slope").toString());
        assertEquals(2, cut.code(), cut.err());
        assertTrue(cut.err().contains("--checkpoint does not keep --partitions or --sync-steps yet"), cut.err());
        Run master = sparkTrain("--master", "nowhere", "--epochs", "1", "--out", dir.resolve("m.slope").toString());
        assertEquals(1, master.code(), master.err());
        assertTrue(master.err().contains("cannot start Spark with master 'nowhere'"), master.err());
        assertTrue(!master.err().contains("internal error"), master.err());
        assertTrue(Files.notExists(dir.resolve("m.slope")));
        Run help = sparkTrain("--help");
        assertEquals(0, help.code());
        for (String option : new String[] {"--master", "--partitions", "--sync-steps", "--batch-size", "--checkpoint"}) {
            assertTrue(help.out().contains(option), option);
        }
        Run unknown = sparkTrain("--mastr", "local[2]");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--master"), unknown.err());
    }
}
