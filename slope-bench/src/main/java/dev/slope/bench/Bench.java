package dev.slope.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slope.data.Datasets;
import dev.slope.io.Json;
import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.DenseRows;
import dev.slope.linalg.RowKernel;
import dev.slope.loss.Loss;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.optimize.TrainConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slope bench}: Slope against its peers on the machine it runs on, side by side in one invocation. Every
 * comparison runs in rounds, Slope and its peer one after the other (the order alternating from round to round), and
 * its ratio is the median of the rounds' ratios with their range: on a shared machine whose speed drifts from one
 * minute to the next, one pair of times proves nothing. Slope's pass is timed in this JVM after a warm-up; Slope's
 * training and kNN run as the commands users run ({@code ./slope train}, {@code ./slope knn}, each a fresh JVM, their
 * own reported {@code seconds}); the Python peers run from {@code slope-bench/peers.py} with the machine's
 * old-OpenBLAS variables unset. A peer that cannot run here is named as skipped, with how to install it.
 */
@Command(name = "slope bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = Bench.Version.class,
        description = {"Measures Slope against its peers on this machine, side by side in one run, and prints a table: "
                + "ratios first (peer time / Slope time: above 1 means Slope is faster; the median of the rounds' "
                + "ratios, with their range), then absolute times and accuracies, with the command, the date, the CPU, "
                + "cores, Java, Slope's kernel and the peers' versions.",
                "",
                "What it compares:",
                "  pass    one full-batch loss + gradient pass, 60000 x 785, 10 classes (SVM and softmax): Slope's",
                "          fused pass on uint8 pixel rows, converted on every pass as training reads them, against",
                "          vectorized numpy float32 (two OpenBLAS sgemm calls)",
                "  train   the default './slope train' (softmax, then --loss svm) on the full Fashion-MNIST against",
                "          numpy mini-batch SGD (batch 200, 10 epochs), scikit-learn's LogisticRegression and, in this",
                "          JVM, Tribuo's LinearSGDTrainer (and liblinear with --liblinear)",
                "  batch1  one epoch of batch 1 ('./slope train --batch-size 1 --epochs 1 --lr 0.01', softmax and SVM)",
                "          against scikit-learn's SGDClassifier (log_loss, hinge; its defaults, one epoch) and a",
                "          plain numpy loop over the rows (softmax, lr 0.01)",
                "  knn     './slope knn --k 1,5' against scikit-learn's brute-force kNN (L2, raw pixels)",
                ""},
        footer = {"", "Peers: Debian's python3-numpy, python3-sklearn and python3-threadpoolctl (apt-get install ...); "
                + "the full Fashion-MNIST: apt-get install dataset-fashion-mnist. Without them their rows are skipped.",
                "JMH: 'slope bench jmh [JMH options]' runs the kernel benchmarks (FusedPassBenchmark, TileBenchmark, ...); "
                + "'slope bench jmh -h' lists JMH's options.",
                "", "Examples:", "  slope bench --quick", "  slope bench --only pass,batch1 --rounds 7",
                "  slope bench --only pass --json", "  slope bench jmh FusedPassBenchmark -p kernel=vector"})
public final class Bench implements Callable<Integer> {
    static final List<String> COMPARISONS = List.of("pass", "train", "batch1", "knn");

    @Option(names = "--quick", description = "Fewer rounds (3) and repetitions; no scikit-learn LogisticRegression, "
            + "no Tribuo.")
    boolean quick;

    @Option(names = "--rounds", paramLabel = "R", description = "Rounds of each comparison, Slope and peer one after "
            + "the other in each (default: 5, or 3 with --quick).")
    Integer rounds;

    @Option(names = "--liblinear", description = "Also liblinear (Java port 2.44, L2-regularized logistic regression): "
            + "about 3 minutes of training a round here.")
    boolean liblinear;

    @Option(names = "--json", description = "One JSON object with every figure on stdout instead of the table.")
    boolean json;

    @Option(names = "--only", split = ",", paramLabel = "pass|train|batch1|knn", description = "Only these "
            + "comparisons (default: all).")
    List<String> only = COMPARISONS;

    @Option(names = "--data", paramLabel = "DIR", description = "The full Fashion-MNIST (IDX files) for train, batch1 "
            + "and knn (default: ${DEFAULT-VALUE}).")
    Path data = Datasets.DEBIAN_FASHION_MNIST;

    @Option(names = "--python", paramLabel = "PATH", description = "The Python with numpy that runs the peers "
            + "(default: ${DEFAULT-VALUE}).")
    String python = "/usr/bin/python3";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream err = System.err;
    private final List<String> skipped = new ArrayList<>();
    /** Each series' figure (ms or s) in every round; null where it could not run. */
    private final Map<String, Double[]> series = new LinkedHashMap<>();
    /** What each series measured, from its first round that ran (command, accuracy, settings, ...). */
    private final Map<String, Map<String, Object>> details = new LinkedHashMap<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private int roundCount;
    /** Where the Slope commands write their models; removed at the end. */
    private Path tmp;

    /** How the table names each peer's series. */
    static final Map<String, String> PEERS = Map.ofEntries(
            Map.entry("numpy pass svm", "numpy float32 (two sgemm)"),
            Map.entry("numpy pass softmax", "numpy float32 (two sgemm)"),
            Map.entry("numpy sgd", "numpy mini-batch SGD (batch 200, 10 epochs)"),
            Map.entry("sklearn logreg", "scikit-learn LogisticRegression (lbfgs)"),
            Map.entry("tribuo", "Tribuo LinearSGDTrainer (5 epochs)"),
            Map.entry("liblinear", "liblinear L2R_LR (C 1, eps 0.01)"),
            Map.entry("sklearn SGDClassifier log_loss", "scikit-learn SGDClassifier(log_loss), 1 epoch"),
            Map.entry("sklearn SGDClassifier hinge", "scikit-learn SGDClassifier(hinge), 1 epoch"),
            Map.entry("numpy batch-1 loop", "numpy loop over rows (softmax, lr 0.01)"),
            Map.entry("sklearn knn", "scikit-learn brute-force kNN"));

    /** One row of the table: Slope's series against a peer's. */
    record Comparison(String what, String slope, String peer, String unit) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"slope bench, Java " + System.getProperty("java.version") + ", kernel "
                    + RowKernel.best().name()};
        }
    }

    @Override
    public Integer call() throws Exception {
        for (String o : only) {
            if (!COMPARISONS.contains(o)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--only: '" + o
                        + "' is not a comparison; choose from " + String.join(", ", COMPARISONS));
            }
        }
        roundCount = rounds != null ? rounds : quick ? 3 : 5;
        if (roundCount < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1, got " + roundCount);
        }
        String command = "slope bench" + (spec.commandLine().getParseResult().originalArgs().isEmpty() ? ""
                : " " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        String date = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString();
        Path home = home();
        Path peers = home.resolve("slope-bench/peers.py");
        JsonObject peerInfo = peers(peers, List.of("info"), 60);
        Map<String, Object> machine = machine(peerInfo);
        if (!json) {
            err.println(command + ": " + machine.get("cpu") + ", " + machine.get("cores") + " cores; " + roundCount
                    + " rounds of each comparison, Slope and its peer one after the other");
        }
        if (only.contains("pass")) {
            pass(peers);
        }
        List<String> onData = only.stream().filter(o -> !o.equals("pass")).toList();
        boolean full = Files.isRegularFile(data.resolve("train-images-idx3-ubyte.gz"));
        if (!onData.isEmpty() && !full) {
            skipped.add(String.join(", ", onData) + ": no Fashion-MNIST IDX files in " + data
                    + " (apt-get install dataset-fashion-mnist, or --data DIR)");
        } else if (!onData.isEmpty()) {
            Path slope = home.resolve("slope");
            if (!Files.isExecutable(slope)) {
                skipped.add(String.join(", ", onData) + ": the slope launcher is not at " + slope
                        + " (run this as ./slope bench)");
            } else {
                run(List.of(slope.toString(), "--version"), 900); // builds slope-cli if needed, outside any timing
                tmp = Files.createTempDirectory("slope-bench");
                try {
                    if (only.contains("train")) {
                        train(slope, peers);
                    }
                    if (only.contains("batch1")) {
                        batch1(slope, peers);
                    }
                    if (only.contains("knn")) {
                        knn(slope, peers);
                    }
                } finally {
                    deleteTree(tmp);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", command);
        out.put("date", date);
        out.put("rounds", roundCount);
        out.put("machine", machine);
        out.put("quick", quick);
        out.put("rows", rows());
        out.put("skipped", skipped);
        if (json) {
            System.out.println(Json.COMPACT.toJson(out));
        } else {
            System.out.print(table(command, date, machine));
        }
        return 0;
    }

    /** Records {@code value} for {@code name} in {@code round}; the first round that ran gives the details. */
    private void record(String name, int round, double value, Map<String, Object> detail) {
        series.computeIfAbsent(name, k -> new Double[roundCount])[round] = value;
        details.putIfAbsent(name, detail);
    }

    /** Adds a row once (the first round adds them). */
    private void compare(String what, String slope, String peer, String unit) {
        Comparison c = new Comparison(what, slope, peer, unit);
        if (!comparisons.contains(c)) {
            comparisons.add(c);
        }
    }

    /**
     * The rounds of one comparison: in each, Slope's side and the peer's one after the other (the peer first in odd
     * rounds, so a machine slowing down or speeding up favours neither), each given the round's index.
     */
    private void inRounds(String what, java.util.function.IntConsumer slopeSide, java.util.function.IntConsumer peerSide) {
        for (int round = 0; round < roundCount; round++) {
            if (round % 2 == 0) {
                slopeSide.accept(round);
                peerSide.accept(round);
            } else {
                peerSide.accept(round);
                slopeSide.accept(round);
            }
            if (!json) {
                err.println("  " + what + ": round " + (round + 1) + " of " + roundCount + " done");
            }
        }
    }

    /** Where the project is: the launcher says so (-Dslope.home); else this folder or its parent (a module's tests). */
    static Path home() {
        String set = System.getProperty("slope.home");
        if (set != null) {
            return Path.of(set);
        }
        return Files.isDirectory(Path.of("slope-bench")) ? Path.of(".") : Path.of("..");
    }

    /** CPU, cores, Java, Slope's kernel and the peers' versions (as peers.py reports them). */
    private Map<String, Object> machine(JsonObject peerInfo) {
        Map<String, Object> m = new LinkedHashMap<>();
        String cpu = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim() + cpu;
                } else if (line.startsWith("cpu family") && !cpu.contains("family")) {
                    cpu = " (family " + line.substring(line.indexOf(':') + 1).trim() + ")";
                }
                if (line.isEmpty()) {
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: the CPU stays unnamed
        }
        m.put("cpu", cpu.isEmpty() || cpu.startsWith(" ") ? "unknown CPU" + cpu : cpu);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("kernel", RowKernel.best().name());
        m.put("java_peers", JavaPeers.versions());
        if (peerInfo != null) {
            m.put("peers", Json.COMPACT.fromJson(peerInfo, Map.class));
        }
        return m;
    }

    private void pass(Path peers) {
        int reps = quick ? 10 : 20;
        try (PassTimer timer = new PassTimer()) {
            timer.warm(quick ? 2 : 5);
            inRounds("pass", r -> {
                for (String loss : List.of("svm", "softmax")) {
                    Map<String, Object> m = timer.time(loss, reps);
                    record("slope pass " + loss, r, (double) m.get("median_ms"), m);
                }
            }, r -> {
                JsonObject numpy = peers(peers, List.of("pass", "--reps", Integer.toString(reps)), 600);
                if (numpy != null) {
                    for (String loss : List.of("svm", "softmax")) {
                        JsonObject p = numpy.getAsJsonObject(loss);
                        Map<String, Object> m = new LinkedHashMap<>(Json.COMPACT.fromJson(p, Map.class));
                        m.put("gemms_only_ms", numpy.getAsJsonObject("gemms_only").get("median_ms").getAsDouble());
                        record("numpy pass " + loss, r, p.get("median_ms").getAsDouble(), m);
                    }
                }
            });
        }
        for (String loss : List.of("svm", "softmax")) {
            compare("fused pass, " + loss + " (60000 x 785 uint8 rows)", "slope pass " + loss,
                    "numpy pass " + loss, "ms");
        }
    }

    /**
     * Slope's full-batch pass on the shapes of peers.py (60000 x 785, 10 classes), on uint8 pixel rows as training
     * reads them ({@link PassData#pixels}), in this JVM on all cores: warmed up once, then timed a round at a time.
     */
    static final class PassTimer implements AutoCloseable {
        private final int n = 60000;
        private final PassData data = PassData.pixels(n, 785, 10, 42);
        private final Parameters grad = Parameters.zeros(10, 785, false, true);
        private final BatchEngine engine = new BatchEngine(Runtime.getRuntime().availableProcessors());
        private final FusedPass pass = new FusedPass(engine, data.x(), data.y());

        /** Runs both losses' passes for {@code seconds}: the JIT compiles the kernels. */
        void warm(double seconds) {
            long until = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < until) {
                for (String loss : List.of("svm", "softmax")) {
                    pass.lossAndGradient(loss(loss), data.w(), grad);
                }
            }
        }

        /** {@code reps} timed passes: their median, min and max in ms. */
        Map<String, Object> time(String lossName, int reps) {
            Loss loss = loss(lossName);
            double[] ms = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                pass.lossAndGradient(loss, data.w(), grad);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("median_ms", median(ms));
            m.put("min_ms", ms[0]);
            m.put("max_ms", ms[reps - 1]);
            m.put("reps", reps);
            m.put("kernel", engine.kernel().name());
            m.put("threads", engine.threads());
            return m;
        }

        private static Loss loss(String name) {
            return TrainConfig.builder().parse("loss", name).build().objective().loss();
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    /** The median of sorted values. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Runs {@code ./slope train ARGS --json}: its seconds, accuracy, epochs, memory and the command's wall time. */
    private Map<String, Object> slopeTrain(Path slope, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(slope.toString(), "train", "--data", data.toString(), "--json",
                "--quiet", "--out", tmp.resolve("m.slope").toString()));
        cmd.addAll(args);
        long t0 = System.nanoTime();
        JsonObject s = parse(run(cmd, 900));
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("command", String.join(" ", cmd.subList(1, cmd.size())).replace(tmp.toString(), "TMP"));
        mine.put("seconds", s.get("seconds").getAsDouble());
        mine.put("whole_command_seconds", wall);
        mine.put("test_accuracy", s.get("test_accuracy").getAsDouble());
        mine.put("epochs", s.get("epochs_run").getAsInt());
        mine.put("peak_rss_mib", s.get("peak_rss_mib").getAsLong());
        return mine;
    }

    /** A peers.py training peer into {@code name} for {@code round} (nothing when it cannot run). */
    private void peerTrain(Path peers, String name, int round, List<String> args, int timeout) {
        JsonObject r = peers(peers, args, timeout);
        if (r != null) {
            recordRun(name, round, Json.COMPACT.fromJson(r, Map.class));
        }
    }

    private void train(Path slope, Path peers) {
        if (quick) {
            skipped.add("scikit-learn LogisticRegression and Tribuo (10 to 20 s of fitting a round each): run without"
                    + " --quick");
        }
        if (!liblinear) {
            skipped.add("liblinear (about 3 minutes of fitting a round): add --liblinear");
        }
        dev.slope.data.ImageData d = !quick || liblinear ? Datasets.open(data) : null;
        inRounds("train", r -> {
            recordRun("slope train softmax", r, slopeTrain(slope, List.of()));
            recordRun("slope train svm", r, slopeTrain(slope, List.of("--loss", "svm")));
        }, r -> {
            peerTrain(peers, "numpy sgd", r, List.of("sgd", data.toString()), 600);
            if (!quick) {
                peerTrain(peers, "sklearn logreg", r, List.of("logreg", data.toString()), 1800);
                recordRun("tribuo", r, JavaPeers.tribuo(d.train(), d.test(), 5));
            }
            if (liblinear) {
                recordRun("liblinear", r, JavaPeers.liblinear(d.train(), d.test(), 1, 0.01));
            }
        });
        String softmax = "train softmax (defaults), full Fashion-MNIST";
        compare(softmax, "slope train softmax", "numpy sgd", "s");
        compare(softmax, "slope train softmax", "sklearn logreg", "s");
        compare(softmax, "slope train softmax", "tribuo", "s");
        compare(softmax, "slope train softmax", "liblinear", "s");
        compare("train svm (defaults), full Fashion-MNIST", "slope train svm", "numpy sgd", "s");
    }

    /** Records a run whose details hold its {@code seconds}. */
    private void recordRun(String name, int round, Map<String, Object> run) {
        record(name, round, (double) run.get("seconds"), run);
    }

    private void batch1(Path slope, Path peers) {
        // the numpy loop's rate, constant as there (slope train's default for batch 1 is 0.0707, cosine)
        List<String> one = List.of("--batch-size", "1", "--epochs", "1", "--lr", "0.01", "--lr-schedule", "constant");
        List<String> svm = new ArrayList<>(one);
        svm.addAll(List.of("--loss", "svm"));
        inRounds("batch1", r -> {
            recordRun("slope batch1 softmax", r, slopeTrain(slope, one));
            recordRun("slope batch1 svm", r, slopeTrain(slope, svm));
        }, r -> {
            peerTrain(peers, "sklearn SGDClassifier log_loss", r, List.of("sgdclassifier", data.toString(),
                    "log_loss"), 600);
            peerTrain(peers, "sklearn SGDClassifier hinge", r, List.of("sgdclassifier", data.toString(),
                    "hinge"), 600);
            peerTrain(peers, "numpy batch-1 loop", r, List.of("sgd1", data.toString(), "--lr", "0.01"), 600);
        });
        String softmax = "one epoch of batch 1, softmax, lr 0.01";
        compare(softmax, "slope batch1 softmax", "sklearn SGDClassifier log_loss", "s");
        compare(softmax, "slope batch1 softmax", "numpy batch-1 loop", "s");
        compare("one epoch of batch 1, svm, lr 0.01", "slope batch1 svm", "sklearn SGDClassifier hinge", "s");
    }

    private void knn(Path slope, Path peers) {
        List<String> cmd = new ArrayList<>(List.of(slope.toString(), "knn", "--data", data.toString(), "--k", "1,5",
                "--json"));
        inRounds("knn", r -> {
            JsonObject s = parse(run(cmd, 1800));
            Map<String, Object> mine = new LinkedHashMap<>();
            mine.put("command", String.join(" ", cmd.subList(1, cmd.size())));
            mine.put("seconds", s.get("seconds").getAsDouble());
            Map<String, Double> acc = new LinkedHashMap<>();
            for (JsonElement e : s.getAsJsonArray("results")) {
                acc.put(e.getAsJsonObject().get("k").getAsString(),
                        e.getAsJsonObject().get("test_accuracy").getAsDouble());
            }
            mine.put("test_accuracy", acc);
            mine.put("train", s.get("train_count").getAsInt());
            mine.put("test", s.get("test_count").getAsInt());
            recordRun("slope knn", r, mine);
        }, r -> peerTrain(peers, "sklearn knn", r, List.of("knn", data.toString(), "1,5"), 1800));
        compare("knn k=1,5, 10000 x 60000 images (L2)", "slope knn", "sklearn knn", "s");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The table's rows: each comparison whose sides both ran in some round, and Slope's rows that have no peer here. */
    private List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (Comparison c : comparisons) {
            Double[] mine = series.get(c.slope());
            Double[] theirs = series.get(c.peer());
            if (mine == null || theirs == null) {
                continue;
            }
            List<Double> ratios = new ArrayList<>();
            for (int k = 0; k < roundCount; k++) {
                if (mine[k] != null && theirs[k] != null) {
                    ratios.add(theirs[k] / mine[k]);
                }
            }
            if (ratios.isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("what", c.what());
            row.put("peer", PEERS.getOrDefault(c.peer(), c.peer()));
            double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            row.put("ratio", median(sorted));
            row.put("ratio_min", sorted[0]);
            row.put("ratio_max", sorted[sorted.length - 1]);
            row.put("rounds", ratios.size());
            row.put("unit", c.unit());
            row.put("slope", side(c.slope()));
            row.put("peer_result", side(c.peer()));
            rows.add(row);
            shown.add(c.slope());
        }
        for (Comparison c : comparisons) {
            if (!shown.contains(c.slope()) && series.containsKey(c.slope())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("what", c.what());
                row.put("unit", c.unit());
                row.put("slope", side(c.slope()));
                rows.add(row);
                shown.add(c.slope());
            }
        }
        return rows;
    }

    /** A series: its median, min and max over the rounds that ran, every round's figure, and what it measured. */
    private Map<String, Object> side(String name) {
        double[] v = Arrays.stream(series.get(name)).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue)
                .toArray();
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", median(sorted));
        m.put("min", sorted[0]);
        m.put("max", sorted[sorted.length - 1]);
        m.put("each_round", v);
        m.put("details", details.get(name));
        return m;
    }

    /** Runs peers.py with the old-OpenBLAS variables unset; null (and a skipped line) when it cannot. */
    private JsonObject peers(Path script, List<String> args, int timeoutSeconds) {
        if (!Files.isRegularFile(script)) {
            noteSkipped("Python peers: " + script + " not found");
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of("env", "-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", python,
                script.toString()));
        cmd.addAll(args);
        try {
            return parse(run(cmd, timeoutSeconds));
        } catch (RuntimeException e) {
            noteSkipped("Python peer '" + String.join(" ", args) + "': " + e.getMessage()
                    + " (the peers need numpy and scikit-learn: apt-get install python3-numpy python3-sklearn"
                    + " python3-threadpoolctl, or --python PATH)");
            return null;
        }
    }

    private void noteSkipped(String why) {
        if (!skipped.contains(why)) {
            skipped.add(why);
        }
    }

    private static JsonObject parse(String out) {
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        try {
            return JsonParser.parseString(out.strip().startsWith("{") ? out.strip() : last).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalStateException("did not print JSON: " + last);
        }
    }

    /** Runs a command, returns its stdout; stderr goes to a file named in the error when it fails. */
    private String run(List<String> cmd, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile("slope-bench", ".log");
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("took more than " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                List<String> tail = Files.readAllLines(log);
                throw new IllegalStateException("exit " + p.exitValue() + ": "
                        + String.join(" / ", tail.subList(Math.max(0, tail.size() - 3), tail.size())));
            }
            Files.deleteIfExists(log);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** The command and date, ratios first, then the absolute figures, then the machine and what was skipped. */
    private String table(String command, String date, Map<String, Object> machine) {
        List<Map<String, Object>> rows = rows();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n%s   (%s, %d rounds)%n", command, date, roundCount));
        b.append(String.format(Locale.ROOT, "Slope against its peers: ratio = peer time / Slope time, the median of the "
                + "rounds' ratios (min to max); above 1: Slope is faster%n%n"));
        b.append(String.format(Locale.ROOT, "  %-22s %-46s %s%n", "ratio (range)", "what", "peer"));
        for (Map<String, Object> row : rows) {
            String ratio = row.containsKey("ratio") ? String.format(Locale.ROOT, "%.2fx (%.2f-%.2f)",
                    num(row.get("ratio")), num(row.get("ratio_min")), num(row.get("ratio_max"))) : "-";
            b.append(String.format(Locale.ROOT, "  %-22s %-46s %s%n", ratio, row.get("what"),
                    row.getOrDefault("peer", "(no peer ran)")));
        }
        b.append(String.format(Locale.ROOT, "%n  %-46s %-36s %s%n", "what (median, min to max)", "Slope", "peer"));
        for (Map<String, Object> row : rows) {
            String unit = (String) row.get("unit");
            b.append(String.format(Locale.ROOT, "  %-46s %-36s %s%n", row.get("what"), figures(row.get("slope"), unit),
                    row.containsKey("peer_result") ? figures(row.get("peer_result"), unit) : "-"));
        }
        b.append(String.format(Locale.ROOT, "%nmachine: %s, %s cores, %s, Slope kernel %s; Java peers %s%n",
                machine.get("cpu"), machine.get("cores"), machine.get("java"), machine.get("kernel"),
                machine.get("java_peers")));
        if (machine.get("peers") instanceof Map<?, ?> p) {
            b.append(String.format(Locale.ROOT, "peers:   Python %s, numpy %s, scikit-learn %s, BLAS %s%n", p.get("python"),
                    p.get("numpy"), p.get("sklearn"), p.get("blas")));
        }
        for (String s : skipped) {
            b.append("skipped: ").append(s).append('\n');
        }
        return b.toString();
    }

    /** "21.3 ms (20.1-24.0)" for a pass, "1.52 s (1.49-1.60), 84.10%" for a training or kNN result. */
    @SuppressWarnings("unchecked")
    private static String figures(Object o, String unit) {
        Map<String, Object> m = (Map<String, Object>) o;
        String time = String.format(Locale.ROOT, unit.equals("ms") ? "%.1f ms (%.1f-%.1f)" : "%.2f s (%.2f-%.2f)",
                num(m.get("median")), num(m.get("min")), num(m.get("max")));
        Map<String, Object> d = (Map<String, Object>) m.get("details");
        if (d == null || !d.containsKey("test_accuracy")) {
            return time;
        }
        String acc;
        if (d.get("test_accuracy") instanceof Map<?, ?> perK) {
            StringBuilder s = new StringBuilder();
            perK.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "k=%s %.2f%%", k,
                    100 * num(v))));
            acc = s.toString();
        } else {
            acc = String.format(Locale.ROOT, "%.2f%%", 100 * num(d.get("test_accuracy")));
        }
        return time + ", " + acc;
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
