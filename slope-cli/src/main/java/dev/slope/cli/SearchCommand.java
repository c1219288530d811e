package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.io.ModelFile;
import dev.slope.io.Outputs;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.HyperparameterSearch;
import dev.slope.optimize.HyperparameterSearch.Range;
import dev.slope.optimize.HyperparameterSearch.Trial;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.run.Search;
import dev.slope.run.Summary;
import dev.slope.viz.SearchHeatmap;
import dev.slope.viz.Png;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/** {@code slope search}: hyperparameter search by validation accuracy. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Search settings by validation accuracy and save the best model.", "",
            "Searches the learning rate x regularization strength, and any numeric setting given a range: random"
                + " trials (log-uniform in each range) or a grid, on a held-out split or k-fold cross-validation,"
                + " trials in parallel on the cores. Prints the trials ranked, saves the best model, and with --plots"
                + " draws validation accuracy over the two searched settings as a heat-map.", ""},
        footer = {"", "Ranges: every numeric setting takes a value or a range LOW:HIGH, log-spaced when both are > 0"
                + " (LOW:HIGH:lin for linear). Without --lr and --reg, the search covers lr 1e-3:1e0 and reg"
                + " 1e-6:1e-1.", "",
            "Examples:", "  slope search --lr 1e-3:1e0 --reg 1e-6:1e-1 --trials 20",
            "  slope search --update adam --lr 1e-4:1e-1 --reg 1e-5 --grid 7 --folds 3 --plots search/"})
final class SearchCommand implements Callable<Integer>, SettingsCommand {
    /** Ranges searched when neither --lr nor --reg is given. */
    static final String DEFAULT_LR_RANGE = "1e-3:1e0";
    static final String DEFAULT_REG_RANGE = "1e-6:1e-1";

    /** Every setting; a numeric one takes a value or a RANGE to search. Trials are short: 5 epochs. */
    final SettingsOptions settings = SettingsOptions.all().acceptingRanges().withDefault(Settings.EPOCHS, 5);

    @Override
    public SettingsOptions settings() {
        return settings;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    DataOption data;

    @Option(names = "--param", paramLabel = "NAME=RANGE", description = "Another setting to search (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--trials", paramLabel = "N", description = "Random trials.")
    int trials = 20;

    @Option(names = "--grid", paramLabel = "K", description = "Grid search with K points per range instead of random"
            + " trials.")
    int grid;

    @Option(names = "--folds", paramLabel = "K", description = "k-fold cross-validation (0 = the held-out validation"
            + " split).")
    int folds;

    @Option(names = "--threads", paramLabel = "T", description = "Trials at once, one thread each; the best one's refit"
            + " and the test set's scoring use as many (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save the best model.")
    Path out = Path.of("best.slope");

    @Option(names = "--plots", paramLabel = "DIR", description = "Write search.png (validation accuracy heat-map) here.")
    Path plots;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        TrainConfig base = settings.config(spec);
        long seed = base.seed();
        HyperparameterSearch.Plan plan = Cli.flags(spec, () -> {
            List<Range> ranges = new ArrayList<>();
            // lr and reg are searched over their default ranges unless given, as a flag or a --param
            java.util.Set<String> named = new java.util.HashSet<>();
            params.keySet().forEach(k -> named.add(Settings.named(k).name()));
            if (!settings.given(Settings.LR) && !named.contains(Settings.LR.name())) {
                ranges.add(Range.parse("lr", DEFAULT_LR_RANGE));
            }
            if (!settings.given(Settings.REG) && !named.contains(Settings.REG.name())) {
                ranges.add(Range.parse("reg", DEFAULT_REG_RANGE));
            }
            settings.ranges().forEach((setting, text) -> ranges.add(Range.parse(setting.name(), text)));
            params.forEach((k, v) -> ranges.add(Range.parse(k, v)));
            if (grid < 0) {
                throw new IllegalArgumentException("--grid must be >= 1, got " + grid);
            }
            HyperparameterSearch.Plan p = new HyperparameterSearch.Plan(ranges, grid > 0 ? 0 : trials, grid, folds, threads, seed);
            HyperparameterSearch.check(base, p);
            return p;
        });
        Cli.flags(spec, () -> Outputs.requireWritableFile(out, "--out"));
        if (plots != null) {
            Cli.flags(spec, () -> Outputs.requireWritableFolder(plots, "--plots"));
            int varied = SearchHeatmap.axes(plan).size();
            if (varied < 2) {
                throw Cli.usage(spec, "--plots draws validation accuracy over two searched settings, but only " + varied
                        + " varies; give two ranges (e.g. --lr 1e-3:1e0 --reg 1e-6:1e-1) or leave out --plots");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        ImageData dataset;
        try (BatchEngine reading = new BatchEngine(threads)) {
            dataset = data.open(err, quiet, reading);
        }
        int total = HyperparameterSearch.points(plan).size();
        int[] done = {0};
        if (!quiet) {
            err.printf(Locale.ROOT, "Searching %s, %s, %d at a time...%n", Cli.count(total, grid > 0 ? "grid point" : "random trial"),
                    folds >= 2 ? folds + "-fold cross-validation" : "held-out validation", threads);
            err.flush();
        }
        Search.Result result = Search.run(base, dataset, plan, t -> {
            done[0]++;
            if (!quiet) {
                err.printf(Locale.ROOT, "  [%d/%d] %s -> %s%n", done[0], total, describe(t.values()),
                        t.diverged() ? "diverged" : Cli.percent(t.validationAccuracy()));
                err.flush();
            }
        });
        Trial best = result.best();
        ModelFile.save(result.model(), out);
        Summary summary = result.summary().withModel(out);
        double test = summary.testAccuracy();
        if (plots != null) {
            dev.slope.runfiles.RunFolder.create(plots);
            Png.write(SearchHeatmap.render(plan, result.trials()), plots.resolve("search.png"));
        }
        long diverged = result.trials().stream().filter(Trial::diverged).count();
        if (common.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Trial t : result.trials()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("settings", HyperparameterSearch.typed(base, t.values()));
                m.put("val_accuracy", t.diverged() ? null : Cli.round(t.validationAccuracy(), 6));
                m.put("diverged", t.diverged());
                m.put("seconds", Cli.round(t.seconds(), 3));
                rows.add(m);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            // the best settings' run, with every run's keys (its val_accuracy is that run's own: under --folds, the
            // refit's on the config's validation split; the figure the trials were ranked by is best_val_accuracy)
            json.put("best", summary.toJson());
            json.put("best_settings", HyperparameterSearch.typed(base, best.values()));
            json.put("best_val_accuracy", Cli.round(best.validationAccuracy(), 6));
            json.put("model", out.toAbsolutePath().normalize().toString());
            json.put("validation", folds >= 2 ? folds + "-fold cross-validation" : "held-out split");
            json.put("diverged_trials", diverged);
            json.put("config", base.applicableJson());
            json.put("trials", rows);
            Cli.printJson(stdout, json);
            return 0;
        }
        stdout.printf(Locale.ROOT, "%nTrials ranked by validation accuracy%s:%n", folds >= 2 ? " (mean of " + folds + " folds)" : "");
        int rank = 1;
        for (Trial t : result.trials()) {
            stdout.printf(Locale.ROOT, "%3d. %-40s %s%n", rank++, describe(t.values()),
                    t.diverged() ? "diverged" : Cli.percent(t.validationAccuracy()));
        }
        stdout.printf(Locale.ROOT, "Best: %s, validation %s, test %s%n", describe(best.values()),
                Cli.percent(best.validationAccuracy()), Cli.percent(test));
        if (diverged > 0) {
            stdout.printf(Locale.ROOT, "%d trial(s) diverged (their loss became NaN): the upper end of --lr is too high.%n",
                    diverged);
        }
        stdout.printf(Locale.ROOT, "Best model saved to %s%n", out.toAbsolutePath().normalize());
        stdout.flush();
        return 0;
    }

    private static String describe(Map<String, Double> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.3g", v)));
        return sb.toString();
    }
}
