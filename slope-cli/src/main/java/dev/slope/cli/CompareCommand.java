package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.io.Outputs;
import dev.slope.linalg.BatchEngine;
import dev.slope.objective.FusedPass;
import dev.slope.preprocess.Splits;
import dev.slope.optimize.Budget;
import dev.slope.optimize.GradientDescent;
import dev.slope.optimize.RandomLocalSearch;
import dev.slope.optimize.RandomSearch;
import dev.slope.optimize.SearchProblem;
import dev.slope.optimize.Strategy;
import dev.slope.optimize.StrategyReport;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.viz.LineChart;
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

/** {@code slope compare}: the lecture's three strategies side by side under one budget. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Race the lecture's optimization strategies on one budget.", "",
            "Random search (keep the best of many random W), random local search (keep random moves that lower the"
                + " loss), and gradient descent: full batch and mini-batches (default 1, 32, 64, 128, 256). One"
                + " evaluation is the loss over the whole training split, which is also one epoch of gradient descent.", "",
            "Prints a table (strategy, evaluations, seconds, final loss, accuracies) and, with --plots, draws the"
                + " training loss against evaluations and against seconds.", ""},
        footer = {"", "Examples:", "  slope compare --plots compare/",
            "  slope compare --data fashion-mnist --budget 60 --budget-unit seconds --json"})
final class CompareCommand implements Callable<Integer>, SettingsCommand {
    /** A batch size as the settings table reads it: a whole number or 'full'. */
    static final class BatchSizes implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Settings.BATCH_SIZE.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(dev.slope.FieldNames.FLAGS.messageOf(e));
            }
        }
    }

    /**
     * The run's settings but the batch size and epochs (each strategy has its own; the budget counts epochs). One rate
     * and a constant schedule for every batch size, pinned here: slope train's default rate follows the batch size, and
     * the comparison is of the batch sizes at one rate.
     */
    final SettingsOptions settings = SettingsOptions.allBut(Settings.BATCH_SIZE, Settings.EPOCHS)
            .withDefault(Settings.LOSS, "svm").withDefault(Settings.LR, 0.05)
            .withDefault(Settings.LR_SCHEDULE, "constant");

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

    @Option(names = "--budget", paramLabel = "AMOUNT", description = "Work each strategy may spend.")
    double budget = 100;

    @Option(names = "--budget-unit", defaultValue = "evaluations", paramLabel = "evaluations|epochs|seconds", description = "What --budget counts.")
    Budget.Unit unit;

    @Option(names = "--batch-sizes", paramLabel = "B,...", split = ",", converter = BatchSizes.class,
            defaultValue = "full,1,32,64,128,256", description = "Gradient descent batch sizes to run ('full' for the"
            + " whole split).")
    List<Integer> batchSizes;

    @Option(names = "--search-scale", paramLabel = "SIGMA", description = "Random search: W ~ SIGMA * N(0, 1).")
    double searchScale = dev.slope.optimize.RandomSearch.DEFAULT_SCALE;

    @Option(names = "--step-size", paramLabel = "SIGMA", description = "Random local search: each move ~ SIGMA * N(0, 1).")
    double stepSize = dev.slope.optimize.RandomLocalSearch.DEFAULT_STEP;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write loss-vs-evaluations.png and loss-vs-seconds.png"
            + " here.")
    Path plots;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        Budget b = Cli.flags(spec, () -> new Budget(budget, unit));
        TrainConfig config = settings.config(spec);
        long seed = config.seed();
        String loss = config.get(Settings.LOSS);
        List<Strategy> strategies = new ArrayList<>();
        Cli.flags(spec, () -> {
            strategies.add(new RandomSearch(searchScale));
            strategies.add(new RandomLocalSearch(config.get(Settings.INIT_SCALE), stepSize));
            for (int size : batchSizes) {
                if (size < 1) {
                    throw new IllegalArgumentException("--batch-sizes must be at least 1 (or 'full'), got " + size);
                }
                strategies.add(new GradientDescent(size));
            }
            return strategies;
        });
        if (plots != null) {
            Cli.flags(spec, () -> Outputs.requireWritableFolder(plots, "--plots"));
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<StrategyReport> reports = new ArrayList<>();
        SearchProblem problem;
        ImageData dataset;
        try (BatchEngine engine = BatchEngine.allCores()) {
            dataset = data.open(err, quiet, engine);
            problem = new SearchProblem(Splits.prepare(dataset, config.pipelineSpec(), config.valFraction(), seed, engine),
                    config);
            FusedPass pass = problem.pass(engine);
            if (!quiet) {
                err.println("Warming up (so that no strategy's time includes the JVM's compiling)...");
                err.flush();
            }
            Strategy.warmUp(problem, pass);
            for (Strategy s : strategies) {
                if (!quiet) {
                    err.printf(Locale.ROOT, "Running %s for %s...%n", s.name(), b);
                    err.flush();
                }
                StrategyReport r = s.run(problem, b, pass, seed);
                reports.add(r);
                if (!quiet) {
                    err.printf(Locale.ROOT, "  loss %.4f, test accuracy %s, %.1fs%n", r.finalLoss(),
                            Cli.percent(r.testAccuracy()), r.seconds());
                    err.flush();
                }
            }
        }
        if (plots != null) {
            writePlots(reports, b, loss);
        }
        if (common.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StrategyReport r : reports) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("evaluations", Cli.round(r.evaluations(), 3));
                m.put("seconds", Cli.round(r.seconds(), 3));
                m.put("final_loss", r.finalLoss());
                m.put("train_accuracy", Cli.round(r.trainAccuracy(), 6));
                m.put("val_accuracy", Cli.round(r.validationAccuracy(), 6));
                m.put("test_accuracy", Cli.round(r.testAccuracy(), 6));
                rows.add(m);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            Map<String, Object> budgetJson = new LinkedHashMap<>();
            budgetJson.put("amount", b.amount());
            budgetJson.put("unit", b.unit().name().toLowerCase(Locale.ROOT));
            json.put("budget", budgetJson);
            json.put("data", dataset.source().toAbsolutePath().normalize().toString());
            json.put("config", config.applicableJson());
            json.put("chance_accuracy", 1.0 / dataset.train().classCount());
            json.put("strategies", rows);
            if (plots != null) {
                json.put("plots", plots.toAbsolutePath().normalize().toString());
            }
            Cli.printJson(out, json);
            return 0;
        }
        out.printf(Locale.ROOT, "%nStrategies on %s, %s loss, budget %s each (chance accuracy %s)%n", dataset.name(), loss, b,
                Cli.percent(1.0 / dataset.train().classCount()));
        int w = reports.stream().mapToInt(r -> r.name().length()).max().orElse(10);
        out.printf(Locale.ROOT, "%-" + w + "s  %11s  %8s  %10s  %9s  %9s%n", "strategy", "evaluations", "seconds", "final loss",
                "val acc", "test acc");
        for (StrategyReport r : reports) {
            out.printf(Locale.ROOT, "%-" + w + "s  %11.1f  %8.2f  %10.4f  %9s  %9s%n", r.name(), r.evaluations(), r.seconds(),
                    r.finalLoss(), Cli.percent(r.validationAccuracy()), Cli.percent(r.testAccuracy()));
        }
        if (plots != null) {
            out.printf(Locale.ROOT, "Plots: %s, %s%n", plots.resolve("loss-vs-evaluations.png"), plots.resolve("loss-vs-seconds.png"));
        }
        out.flush();
        return 0;
    }

    private void writePlots(List<StrategyReport> reports, Budget b, String loss) {
        dev.slope.runfiles.RunFolder.create(plots);
        Png.write(dev.slope.viz.StrategyCharts.lossByEvaluations("Training loss against work (" + loss + ", budget " + b + ")",
                reports), plots.resolve("loss-vs-evaluations.png"));
        Png.write(dev.slope.viz.StrategyCharts.lossBySeconds("Training loss against time (" + loss + ", budget " + b + ")",
                reports), plots.resolve("loss-vs-seconds.png"));
    }
}
