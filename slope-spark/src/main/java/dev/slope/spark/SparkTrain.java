package dev.slope.spark;

import dev.slope.cli.Main;
import dev.slope.cli.TrainCommand;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.GradientTrainer;
import dev.slope.learn.TrainingListener;
import dev.slope.preprocess.Splits;
import java.io.PrintWriter;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code slope spark-train} and the {@code spark-submit} main class: {@code slope train} with the training rows on Spark.
 * The same flags, output (text or {@code --json}), model file, checkpoints and exit codes as {@code slope train}, plus
 * the Spark options below. Data is read on the driver by Slope's readers (IDX, CIFAR-10, image folders), preprocessed
 * there, and shipped once into cached partitions.
 */
public final class SparkTrain {
    private SparkTrain() {
    }

    /** The options spark-train adds to slope train's. */
    static final class SparkOptions {
        @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[2] on this machine, or"
                + " spark://host:port, a standalone cluster (Slope's jar and the executors' JVM options are sent with"
                + " the job). YARN and Kubernetes: submit slope-spark.jar with spark-submit (README, 'Scaling out')."
                + " Default: the one spark-submit gives, else local[*].")
        String master;

        @Option(names = "--partitions", paramLabel = "P", description = "Partitions the training rows are cut into"
                + " (default: as the one-machine engine cuts them, at most 8, so full-batch runs match slope train bit for"
                + " bit; give more on a cluster).")
        Integer partitions;

        @Option(names = "--sync-steps", paramLabel = "S", description = "Mini-batches: local steps each partition"
                + " takes between two averagings of the weights, one Spark job each time (default: 0, a whole epoch per"
                + " job; 1 is synchronous mini-batch SGD, one job per step).")
        int syncSteps;

        /** The options' own bounds, checked as they are parsed, before any data is read. */
        String problem() {
            if (partitions != null && partitions < 1) {
                return "--partitions must be at least 1, got " + partitions;
            }
            if (syncSteps < 0) {
                return "--sync-steps must be 0 (a whole epoch) or more, got " + syncSteps;
            }
            return null;
        }
    }

    /** Trains on Spark, starting the context on first use and stopping it at the end. */
    static final class SparkBackend implements TrainCommand.Backend, AutoCloseable {
        private final SparkOptions options;
        private JavaSparkContext sc;

        SparkBackend(SparkOptions options) {
            this.options = options;
        }

        @Override
        public GradientTrainer.Result train(GradientTrainer trainer, Splits split,
                                            GradientTrainer.Checkpointing checkpointing, TrainingListener... listeners) {
            sc = context(options.master);
            int parts = options.partitions != null ? options.partitions : BatchEngine.partsOf(split.train().size());
            try (SparkPass pass = SparkTrainer.rowsFor(sc, split.train(), parts, trainer.config())) {
                return new SparkTrainer(trainer.config(), trainer.engine(), options.syncSteps).train(pass,
                        split.train(), split.validation(), checkpointing, listeners);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) { // SparkException (a job that failed its retries), thrown past Java's checks by Scala
                throw new dev.slope.SlopeException("a Spark job failed: " + firstLine(e));
            }
        }

        /** Where to run may change on resuming; how the rows are cut may not (the run would differ). */
        @Override
        public java.util.Set<String> optionsWithResume() {
            return java.util.Set.of("--master");
        }

        /** --checkpoint may be any Hadoop file system's URI (hdfs://, s3a://, file://) or a local folder. */
        @Override
        public dev.slope.runfiles.CheckpointStore checkpoints(String where) {
            return SparkCheckpoints.store(where, () -> sc != null ? sc.hadoopConfiguration() : hadoopConfiguration());
        }

        @Override
        public void close() {
            if (sc != null) {
                sc.close();
            }
        }
    }

    /** A Spark context for Slope: quiet logs, no UI port unless asked for, the master given or spark-submit's. */
    static JavaSparkContext context(String master) {
        SparkConf conf = new SparkConf().setAppName("slope spark-train");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        forCluster(conf, thisJar(), executorJvmOptions());
        if (!conf.contains("spark.ui.enabled")) {
            conf.set("spark.ui.enabled", "false");
        }
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (Exception e) { // SparkException: a master URL it cannot parse or reach
            throw new dev.slope.SlopeException("cannot start Spark with master '" + conf.get("spark.master") + "': "
                    + firstLine(e) + " (try --master local[2] or spark://host:port)");
        }
        sc.setLogLevel("WARN");
        return sc;
    }

    /**
     * For a standalone cluster ({@code spark://}) started without spark-submit: sends Slope's jar to the executors
     * ({@code spark.jars}) and gives them the JVM options Slope needs ({@code spark.executor.extraJavaOptions}: the
     * Vector API's module, without which they would fall back to the plain-loop kernel and sum in another order, and the
     * opens Spark needs on Java 17). Settings already made (by spark-submit's --conf, spark-defaults) are kept.
     */
    static SparkConf forCluster(SparkConf conf, java.nio.file.Path jar, String jvmOptions) {
        if (!conf.get("spark.master", "").startsWith("spark://")) {
            return conf;
        }
        if (!conf.contains("spark.jars") && jar != null) {
            conf.set("spark.jars", jar.toAbsolutePath().toString());
        }
        if (!conf.contains("spark.executor.extraJavaOptions")) {
            conf.set("spark.executor.extraJavaOptions", jvmOptions);
        }
        return conf;
    }

    /** The jar this class was loaded from (the launcher's slope-spark.jar), or null from a class folder. */
    static java.nio.file.Path thisJar() {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(SparkTrain.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return p.toString().endsWith(".jar") ? p : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** What an executor's JVM needs: the Vector API's module and the opens of the pom's spark.opens. */
    static String executorJvmOptions() {
        String opens = "";
        try (java.io.InputStream in = SparkTrain.class.getResourceAsStream("/slope-spark-jvm.txt")) {
            if (in != null) {
                opens = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim()
                        .replaceAll("\\s+", " ");
            }
        } catch (java.io.IOException e) {
            // the module alone then; Spark's own checks name what is missing
        }
        return ("--add-modules=jdk.incubator.vector " + opens).trim();
    }

    /**
     * Why the slope launcher cannot run this command line's master, with what to do instead; null when it can
     * (local[...], spark://, or none given).
     */
    static String launcherRefuses(String... args) {
        String master = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--master") && i + 1 < args.length) {
                master = args[i + 1];
            } else if (args[i].startsWith("--master=")) {
                master = args[i].substring("--master=".length());
            }
        }
        if (master == null || master.startsWith("local") || master.startsWith("spark://")) {
            return null;
        }
        String needs = master.equals("yarn") ? "Spark's YARN client" : master.startsWith("k8s://")
                ? "Spark's Kubernetes client" : "a cluster manager's client";
        return "--master " + master + " needs " + needs + ", which the slope launcher does not carry; submit Slope's"
                + " jar with your cluster's spark-submit instead: spark-submit --master " + master + " --conf"
                + " spark.driver.extraJavaOptions=--add-modules=jdk.incubator.vector --conf"
                + " spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector slope-spark/target/slope-spark.jar"
                + " --data DIR --out FILE (README, 'Scaling out')";
    }

    /** The first line of an exception's message, or of its cause's (Spark nests the useful one). */
    static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).lines().findFirst().orElse(t.getClass().getSimpleName());
    }

    /**
     * Hadoop's settings as Spark gives them to its jobs ({@code spark.hadoop.*} of spark-submit's --conf and
     * spark-defaults), for a checkpoint read before any Spark context exists.
     */
    static org.apache.hadoop.conf.Configuration hadoopConfiguration() {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        for (scala.Tuple2<String, String> kv : new SparkConf().getAll()) {
            if (kv._1().startsWith("spark.hadoop.")) {
                conf.set(kv._1().substring("spark.hadoop.".length()), kv._2());
            }
        }
        return conf;
    }

    /**
     * Runs {@code spark-train} with these arguments and returns its exit code (for tests and {@link #main}).
     * {@code --data}, {@code --out} and {@code --plots} may be Hadoop URIs ({@link RemotePaths}).
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        RemotePaths remote;
        try {
            remote = RemotePaths.of(args, SparkTrain::hadoopConfiguration);
        } catch (dev.slope.SlopeException e) {
            err.println("slope spark-train: error: " + dev.slope.FieldNames.FLAGS.messageOf(e));
            err.flush();
            return 1;
        }
        try (remote) {
            java.io.StringWriter printed = new java.io.StringWriter();
            int code = runHere(new PrintWriter(printed), err, remote.args());
            if (code == 0) {
                try {
                    remote.publish();
                } catch (dev.slope.SlopeException e) {
                    err.println("slope spark-train: error: " + e.getMessage());
                    code = 1;
                }
            }
            out.print(remote.named(printed.toString()));
            out.flush();
            err.flush();
            return code;
        }
    }

    private static int runHere(PrintWriter out, PrintWriter err, String... args) {
        for (String a : args) {
            if (a.equals("--frame") || a.startsWith("--frame=")) {
                return runOnFrame(out, err, args);
            }
        }
        SparkOptions options = new SparkOptions();
        try (SparkBackend backend = new SparkBackend(options)) {
            CommandLine cl = new CommandLine(new TrainCommand(backend));
            cl.getCommandSpec().name("slope spark-train");
            cl.getCommandSpec().usageMessage().description(
                    "Train a linear classifier by gradient descent on Apache Spark, and save it.", "",
                    "slope train's run with the training rows on a Spark cluster (or local[N] on this machine): the"
                            + " same flags, output and model file. Full batches (--batch-size full) give slope train's"
                            + " model bit for bit; mini-batches run as local SGD with averaging (--sync-steps).", "",
                    "--data, --out and --plots may be Hadoop URIs (hdfs://, s3a://, file://, ...): the data is fetched"
                            + " to the driver first, the model and pictures copied there after a successful run.", "",
                    "Data the cluster should read itself (Parquet, LIBSVM text on hdfs://, s3a://, ...): slope spark-train"
                            + " --frame URI --help.", "");
            cl.getCommandSpec().usageMessage().footer("", "Examples:",
                    "  slope spark-train --master local[2] --data fashion-mnist --json",
                    "  slope spark-train --master local[2] --batch-size full --epochs 100 --update adam",
                    "  spark-submit --master spark://host:7077 slope-spark/target/slope-spark.jar --data DIR --out m.slope",
                    "Then: slope evaluate --model model.slope");
            cl.addMixin("spark", CommandLine.Model.CommandSpec.forAnnotatedObject(options));
            return execute(cl, options, out, err, args);
        }
    }

    /** {@code spark-train --frame URI}: a DataFrame the cluster reads ({@link FrameTrain}). */
    private static int runOnFrame(PrintWriter out, PrintWriter err, String... args) {
        FrameTrain command = new FrameTrain();
        return execute(new CommandLine(command), command.spark, out, err, args);
    }

    /** Runs a spark-train command line with slope's conventions, its Spark options checked before any work. */
    private static int execute(CommandLine cl, SparkOptions options, PrintWriter out, PrintWriter err, String... args) {
        Main.configure(cl, out, err);
        cl.setExecutionStrategy(parsed -> {
            String problem = options.problem();
            if (problem == null && parsed.hasMatchedOption("--checkpoint")
                    && (options.partitions != null || options.syncSteps != 0)) {
                problem = "--checkpoint does not keep --partitions or --sync-steps yet (a resumed run would cut or"
                        + " average the rows otherwise): drop them, or the checkpoint";
            }
            if (problem != null) {
                throw new CommandLine.ParameterException(cl, problem);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * spark-submit's main class: returns when the run succeeded and throws when it did not, as spark-submit and YARN's
     * ApplicationMaster expect of an application (a System.exit would be reported as a failed application). The
     * slope launcher's main, with exit codes 0/1/2, is {@link SparkTrainLauncher}.
     *
     * @throws dev.slope.SlopeException when the run failed (its message was printed first)
     */
    public static void main(String[] args) {
        dev.slope.run.Environment.adopt();
        int code;
        try {
            code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        } catch (OutOfMemoryError e) {
            System.err.println("slope spark-train: error: out of memory; give the driver more, e.g."
                    + " spark-submit --driver-memory 8g ...");
            throw e;
        }
        if (code != 0) {
            throw new dev.slope.SlopeException("slope spark-train failed (exit code " + code + "; the message is above)");
        }
    }
}
