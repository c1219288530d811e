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
 * {@code slope bench}: Slope against its peers on the machine it runs on, every ratio from a peer run in the same
 * invocation. Slope's pass is timed in this JVM after a warm-up; Slope's training and kNN run as the commands users
 * run ({@code ./slope train}, {@code ./slope knn}, each a fresh JVM, their own reported {@code seconds}); the Python
 * peers run from {@code slope-bench/peers.py} with the machine's old-OpenBLAS variables unset. A peer that cannot run
 * here is named as skipped, with how to install it.
 */
@Command(name = "slope bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = Bench.Version.class,
        description = {"Measures Slope against its peers on this machine, side by side in one run, and prints a table: "
                + "ratios first (peer time / Slope time: above 1 means Slope is faster), then absolute times and "
                + "accuracies, with the CPU, cores, Java, Slope's kernel and the peers' versions.",
                "",
                "What it compares:",
                "  pass   one full-batch loss + gradient pass, 60000 x 785 floats, 10 classes (SVM and softmax):",
                "         Slope's fused pass against vectorized numpy float32 (two OpenBLAS sgemm calls)",
                "  train  the default './slope train' (softmax, then --loss svm) on the full Fashion-MNIST against",
                "         numpy mini-batch SGD (batch 200, 10 epochs), scikit-learn's LogisticRegression and, in this",
                "         JVM, Tribuo's LinearSGDTrainer (and liblinear with --liblinear)",
                "  knn    './slope knn --k 1,5' against scikit-learn's brute-force kNN (L2, raw pixels)",
                ""},
        footer = {"", "Peers: Debian's python3-numpy, python3-sklearn and python3-threadpoolctl (apt-get install ...); "
                + "the full Fashion-MNIST: apt-get install dataset-fashion-mnist. Without them their rows are skipped.",
                "JMH: 'slope bench jmh [JMH options]' runs the kernel benchmarks (FusedPassBenchmark, TileBenchmark, ...); "
                + "'slope bench jmh -h' lists JMH's options.",
                "", "Examples:", "  slope bench --quick", "  slope bench --only pass --json",
                "  slope bench jmh FusedPassBenchmark -p kernel=vector"})
public final class Bench implements Callable<Integer> {
    @Option(names = "--quick", description = "At most about 2 minutes: fewer repetitions, no scikit-learn "
            + "LogisticRegression, no Tribuo.")
    boolean quick;

    @Option(names = "--liblinear", description = "Also liblinear (Java port 2.44, L2-regularized logistic regression): "
            + "about 3 minutes of training here.")
    boolean liblinear;

    @Option(names = "--json", description = "One JSON object with every figure on stdout instead of the table.")
    boolean json;

    @Option(names = "--only", split = ",", paramLabel = "pass|train|knn", description = "Only these comparisons "
            + "(default: all).")
    List<String> only = List.of("pass", "train", "knn");

    @Option(names = "--data", paramLabel = "DIR", description = "The full Fashion-MNIST (IDX files) for train and knn "
            + "(default: ${DEFAULT-VALUE}).")
    Path data = Datasets.DEBIAN_FASHION_MNIST;

    @Option(names = "--python", paramLabel = "PATH", description = "The Python with numpy that runs the peers "
            + "(default: ${DEFAULT-VALUE}).")
    String python = "/usr/bin/python3";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream err = System.err;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

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
            if (!List.of("pass", "train", "knn").contains(o)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--only: '" + o
                        + "' is not a comparison; choose from pass, train, knn");
            }
        }
        Path home = home();
        Path peers = home.resolve("slope-bench/peers.py");
        JsonObject peerInfo = peers(peers, List.of("info"), 60);
        Map<String, Object> machine = machine(peerInfo);
        if (!json) {
            err.println("slope bench" + (quick ? " --quick" : "") + ": " + machine.get("cpu") + ", "
                    + machine.get("cores") + " cores; each row runs Slope and its peer one after the other");
        }
        if (only.contains("pass")) {
            pass(peers);
        }
        boolean full = Files.isRegularFile(data.resolve("train-images-idx3-ubyte.gz"));
        if ((only.contains("train") || only.contains("knn")) && !full) {
            skipped.add("train and knn: no Fashion-MNIST IDX files in " + data
                    + " (apt-get install dataset-fashion-mnist, or --data DIR)");
        } else if (only.contains("train") || only.contains("knn")) {
            Path slope = home.resolve("slope");
            if (!Files.isExecutable(slope)) {
                skipped.add("train and knn: the slope launcher is not at " + slope + " (run this as ./slope bench)");
            } else {
                run(List.of(slope.toString(), "--version"), 900); // builds slope-cli if needed, outside any timing
                if (only.contains("train")) {
                    train(slope, peers);
                }
                if (only.contains("knn")) {
                    knn(slope, peers);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine", machine);
        out.put("quick", quick);
        out.put("rows", rows);
        out.put("skipped", skipped);
        if (json) {
            System.out.println(Json.COMPACT.toJson(out));
        } else {
            System.out.print(table(machine));
        }
        return 0;
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
        int reps = quick ? 10 : 30;
        JsonObject numpy = peers(peers, List.of("pass", "--reps", Integer.toString(reps)), 600);
        for (String loss : List.of("svm", "softmax")) {
            Map<String, Object> slope = timePass(loss, reps, quick ? 2 : 5);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("what", "fused pass, " + loss + " (60000 x 785, 10 classes)");
            row.put("slope", slope);
            if (numpy != null) {
                JsonObject p = numpy.getAsJsonObject(loss);
                row.put("peer", "numpy " + numpy.get("shape") + " two sgemm");
                row.put("peer_ms", Map.of("median_ms", p.get("median_ms").getAsDouble(), "min_ms",
                        p.get("min_ms").getAsDouble(), "max_ms", p.get("max_ms").getAsDouble()));
                row.put("ratio", p.get("median_ms").getAsDouble() / (double) slope.get("median_ms"));
                row.put("floor_numpy_gemms_ms", numpy.getAsJsonObject("gemms_only").get("median_ms").getAsDouble());
            }
            rows.add(row);
        }
    }

    /** Slope's full-batch pass on the shapes of peers.py: a warm-up of {@code warmSeconds}, then {@code reps} timed calls. */
    static Map<String, Object> timePass(String lossName, int reps, double warmSeconds) {
        int n = 60000;
        int d = 785;
        int c = 10;
        PassData data = PassData.synthetic(n, d, c, 42);
        DenseRows x = data.x();
        int[] y = data.y();
        Parameters w = data.w();
        Parameters grad = Parameters.zeros(c, d, false, true);
        Loss loss = TrainConfig.builder().parse("loss", lossName).build().objective().loss();
        try (BatchEngine engine = new BatchEngine(Runtime.getRuntime().availableProcessors())) {
            FusedPass pass = new FusedPass(engine);
            long until = System.nanoTime() + (long) (warmSeconds * 1e9);
            while (System.nanoTime() < until) {
                pass.lossAndGradient(loss, w, x, y, null, 0, n, grad);
            }
            double[] ms = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                pass.lossAndGradient(loss, w, x, y, null, 0, n, grad);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("median_ms", reps % 2 == 1 ? ms[reps / 2] : (ms[reps / 2 - 1] + ms[reps / 2]) / 2);
            m.put("min_ms", ms[0]);
            m.put("max_ms", ms[reps - 1]);
            m.put("reps", reps);
            m.put("kernel", engine.kernel().name());
            m.put("threads", engine.threads());
            return m;
        }
    }

    private void train(Path slope, Path peers) throws IOException {
        Path tmp = Files.createTempDirectory("slope-bench");
        try {
            JsonObject sgd = peers(peers, List.of("sgd", data.toString()), 600);
            JsonObject logreg = quick ? null : peers(peers, List.of("logreg", data.toString()), 1800);
            if (quick) {
                skipped.add("scikit-learn LogisticRegression and Tribuo (10 to 20 s of fitting each): run without --quick");
            }
            if (!liblinear) {
                skipped.add("liblinear (about 3 minutes of fitting): add --liblinear");
            }
            for (String loss : List.of("softmax", "svm")) {
                List<String> cmd = new ArrayList<>(List.of(slope.toString(), "train", "--data", data.toString(), "--json",
                        "--quiet", "--out", tmp.resolve("m.slope").toString()));
                if (loss.equals("svm")) {
                    cmd.addAll(List.of("--loss", "svm"));
                }
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
                addTrainRow("train " + loss + " (defaults), full Fashion-MNIST", mine, "numpy mini-batch SGD softmax", sgd);
                if (loss.equals("softmax") && logreg != null) {
                    addTrainRow("train softmax (defaults), full Fashion-MNIST", mine,
                            "scikit-learn LogisticRegression", logreg);
                }
                if (loss.equals("softmax") && (!quick || liblinear)) {
                    dev.slope.data.ImageData d = Datasets.open(data);
                    if (!quick) {
                        addTrainRow("train softmax (defaults), full Fashion-MNIST", mine, "Tribuo LinearSGDTrainer",
                                Json.COMPACT.toJsonTree(JavaPeers.tribuo(d.train(), d.test(), 5)).getAsJsonObject());
                    }
                    if (liblinear) {
                        addTrainRow("train softmax (defaults), full Fashion-MNIST", mine, "liblinear L2R_LR",
                                Json.COMPACT.toJsonTree(JavaPeers.liblinear(d.train(), d.test(), 1, 0.01))
                                        .getAsJsonObject());
                    }
                }
            }
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void addTrainRow(String what, Map<String, Object> mine, String peerName, JsonObject peer) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("what", what);
        row.put("slope", mine);
        if (peer != null) {
            row.put("peer", peerName);
            row.put("peer_result", Json.COMPACT.fromJson(peer, Map.class));
            row.put("ratio", peer.get("seconds").getAsDouble() / (double) mine.get("seconds"));
        }
        rows.add(row);
    }

    private void knn(Path slope, Path peers) {
        List<String> cmd = new ArrayList<>(List.of(slope.toString(), "knn", "--data", data.toString(), "--k", "1,5",
                "--json"));
        List<String> peerArgs = new ArrayList<>(List.of("knn", data.toString(), "1,5"));
        JsonObject peer = peers(peers, peerArgs, 1800);
        JsonObject s = parse(run(cmd, 1800));
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("command", String.join(" ", cmd.subList(1, cmd.size())));
        mine.put("seconds", s.get("seconds").getAsDouble());
        Map<String, Double> acc = new LinkedHashMap<>();
        for (JsonElement e : s.getAsJsonArray("results")) {
            acc.put(e.getAsJsonObject().get("k").getAsString(), e.getAsJsonObject().get("test_accuracy").getAsDouble());
        }
        mine.put("test_accuracy", acc);
        mine.put("train", s.get("train_count").getAsInt());
        mine.put("test", s.get("test_count").getAsInt());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("what", "knn k=1,5, " + mine.get("test") + " x " + mine.get("train") + " images (L2)");
        row.put("slope", mine);
        if (peer != null) {
            row.put("peer", "scikit-learn brute-force kNN");
            row.put("peer_result", Json.COMPACT.fromJson(peer, Map.class));
            row.put("ratio", peer.get("seconds").getAsDouble() / (double) mine.get("seconds"));
        }
        rows.add(row);
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

    /** Ratios first, then the absolute figures, then the machine and what was skipped. */
    private String table(Map<String, Object> machine) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nSlope against its peers%s (ratio = peer time / Slope time; above 1: Slope "
                + "is faster)%n%n", quick ? ", quick run" : ""));
        b.append(String.format(Locale.ROOT, "  %-9s %-50s %s%n", "ratio", "what", "peer"));
        for (Map<String, Object> row : rows) {
            Object ratio = row.get("ratio");
            b.append(String.format(Locale.ROOT, "  %-9s %-50s %s%n", ratio == null ? "-" : String.format(Locale.ROOT,
                    "%.2fx", (double) ratio), row.get("what"), row.getOrDefault("peer", "(no peer)")));
        }
        b.append(String.format(Locale.ROOT, "%n  %-50s %-34s %s%n", "what", "Slope", "peer"));
        for (Map<String, Object> row : rows) {
            b.append(String.format(Locale.ROOT, "  %-50s %-34s %s%n", row.get("what"), figures(row.get("slope")),
                    row.containsKey("peer_ms") ? figures(row.get("peer_ms"))
                            : row.containsKey("peer_result") ? figures(row.get("peer_result")) : "-"));
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

    /** "21.3 ms (20.1 to 24.0)" for a timing, "1.52 s, 84.10%" for a training or kNN result. */
    @SuppressWarnings("unchecked")
    private static String figures(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        if (m.containsKey("median_ms")) {
            return String.format(Locale.ROOT, "%.1f ms (%.1f to %.1f)", num(m.get("median_ms")), num(m.get("min_ms")),
                    num(m.get("max_ms")));
        }
        String acc;
        if (m.get("test_accuracy") instanceof Map<?, ?> perK) {
            StringBuilder s = new StringBuilder();
            perK.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "k=%s %.2f%%", k,
                    100 * num(v))));
            acc = s.toString();
        } else {
            acc = String.format(Locale.ROOT, "%.2f%%", 100 * num(m.get("test_accuracy")));
        }
        return String.format(Locale.ROOT, "%.2f s, %s", num(m.get("seconds")), acc);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
