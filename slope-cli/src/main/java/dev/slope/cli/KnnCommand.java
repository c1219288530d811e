package dev.slope.cli;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.knn.Distance;
import dev.slope.knn.KnnLearner;
import dev.slope.linalg.BatchEngine;
import dev.slope.preprocess.Splits;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slope knn}: k nearest neighbours on raw pixels, test accuracy or k-fold cross-validation per k. */
@Command(name = "knn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify by the k nearest training images, as the lecture recalls before linear classifiers.", "",
            "Distances are L2 or L1 on the raw pixels, computed exactly. Each test image gets the class most common"
                + " among its k nearest training images; equal distances go to the earlier training image, equal"
                + " counts to the class of the nearer neighbour. With --cv K the training images are cut into K folds"
                + " and each k is scored on the held-out folds instead (the way to choose k).", ""},
        footer = {"", "Examples:", "  slope knn --k 1,5",
            "  slope knn --k 1,3,5,7,9 --cv 5 --limit 5000", "  slope knn --data fashion-mnist --k 1,5 --json"})
final class KnnCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    DataOption data;

    @Option(names = "--k", paramLabel = "K,...", split = ",", defaultValue = "1,5", description = "Neighbours that vote;"
            + " several values are scored in one pass.")
    List<Integer> ks;

    @Option(names = "--distance", paramLabel = "l2|l1", defaultValue = "l2", description = "How far two images are.")
    Distance distance;

    @Option(names = "--cv", paramLabel = "K", description = "Score each k by K-fold cross-validation on the training"
            + " images instead of on the test images.")
    Integer folds;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N training and N test images.")
    Integer limit;

    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--plots", paramLabel = "DIR", description = "Also draw accuracy against k into DIR/knn.png.")
    java.nio.file.Path plots;

    @Option(names = "--out", paramLabel = "FILE", description = "Save a model with the first k (its training images"
            + " inside, compressed) for slope evaluate and slope predict.")
    java.nio.file.Path out;

    @Override
    public Integer call() {
        int[] k = ks.stream().mapToInt(Integer::intValue).toArray();
        for (int v : k) {
            if (v < 1) {
                throw Cli.usage(spec, "--k must be at least 1, got " + v);
            }
        }
        if (limit != null && limit < 1 || folds != null && folds < 2 || threads < 1) {
            throw Cli.usage(spec, "--limit and --threads must be at least 1, --cv at least 2");
        }
        if (plots != null) {
            Cli.flags(spec, () -> dev.slope.io.Outputs.requireWritableFolder(plots, "--plots"));
        }
        if (out != null) {
            if (folds != null) {
                throw Cli.usage(spec, "--out saves a model trained on the training images; leave out --cv to save one");
            }
            Cli.flags(spec, () -> dev.slope.io.Outputs.requireWritableFile(out, "--out"));
        }
        PrintWriter err = spec.commandLine().getErr();
        ImageData dataset = data.open(err, common.json);
        ImageSet train = limit == null ? dataset.train() : dataset.train().head(limit);
        ImageSet test = limit == null ? dataset.test() : dataset.test().head(limit);
        int kMax = java.util.Arrays.stream(k).max().orElse(1);
        if (kMax > train.size()) {
            throw Cli.usage(spec, "--k " + kMax + " is more than the " + train.size() + " training images");
        }
        long t0 = System.nanoTime();
        double[] accuracy = new double[k.length];
        try (BatchEngine engine = new BatchEngine(threads)) {
            if (folds != null) {
                accuracy = Cli.flags(spec, () -> KnnLearner.crossValidate(train, k, distance, folds, 1, engine));
            } else {
                // hashed, and counting the images used (after --limit)
                DatasetInfo source = DatasetInfo.of(new ImageData(dataset.name(), dataset.source(), dataset.format(), train,
                        test));
                Splits rows = Splits.prepare(source, train, test, KnnLearner.RAW_PIXELS, 0, 1, engine);
                KnnLearner.Several learner = new KnnLearner.Several(k, distance);
                accuracy = learner.validationAccuracies(rows.train(), rows.test(), engine);
                if (out != null) {
                    Map<String, Object> settings = new LinkedHashMap<>();
                    settings.put("k", k[0]);
                    settings.put("distance", distance.name().toLowerCase(Locale.ROOT));
                    dev.slope.io.KnnFile.save(learner.learn(rows.train(), rows.validation()),
                            dev.slope.model.Provenance.now(settings, source, engine.kernel().name()), out);
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String key = folds != null ? "cv_accuracy" : "test_accuracy";
        if (plots != null) {
            dev.slope.runfiles.RunFolder.create(plots);
            double[] x = new double[k.length];
            double[] y = new double[k.length];
            for (int i = 0; i < k.length; i++) {
                x[i] = k[i];
                y[i] = 100 * accuracy[i];
            }
            dev.slope.viz.Png.write(dev.slope.viz.LineChart.render((folds != null ? folds + "-fold cross-validation"
                            : "Test") + " accuracy against k (" + distance.name() + ", " + train.size() + " training images)",
                    "k (neighbours that vote)", "accuracy (%)", List.of(new dev.slope.viz.LineChart.Series(
                            folds != null ? "cv accuracy" : "test accuracy", x, y, dev.slope.viz.LineChart.Style.POINTS)),
                    false, true), plots.resolve("knn.png"));
        }
        if (common.json) {
            List<Map<String, Object>> results = new ArrayList<>();
            for (int i = 0; i < k.length; i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("k", k[i]);
                m.put("distance", distance.name().toLowerCase(Locale.ROOT));
                m.put(key, Cli.round(accuracy[i], 6));
                results.add(m);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("results", results);
            json.put("seconds", Cli.round(seconds, 3));
            json.put("train_count", train.size());
            json.put("test_count", folds != null ? 0 : test.size());
            if (folds != null) {
                json.put("folds", folds);
            }
            if (out != null) {
                json.put("model", out.toAbsolutePath().normalize().toString());
            }
            Cli.printJson(spec.commandLine().getOut(), json);
            return 0;
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "k nearest neighbours (%s) on %s: %d training images, %s%n", distance.name(), dataset.name(),
                train.size(), folds != null ? folds + "-fold cross-validation" : test.size() + " test images");
        printer.printf(Locale.ROOT, "  %4s  %s%n", "k", folds != null ? "cv accuracy" : "test accuracy");
        for (int i = 0; i < k.length; i++) {
            printer.printf(Locale.ROOT, "  %4d  %s%n", k[i], Cli.percent(accuracy[i]));
        }
        printer.printf(Locale.ROOT, "in %.1fs%n", seconds);
        if (out != null) {
            printer.printf(Locale.ROOT, "Model (k = %d) saved to %s; next: slope evaluate --model %s%n", k[0],
                    out.toAbsolutePath().normalize(), out);
        }
        printer.flush();
        return 0;
    }
}
