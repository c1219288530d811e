package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.SanityChecks;
import dev.slope.optimize.SanityChecks.Check;
import dev.slope.optimize.Setting;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
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

/** {@code slope sanity}: the lecture's sanity checks before a long run. */
@Command(name = "sanity", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Run the lecture's sanity checks before a long run.", "",
            "Each check is reported as PASS or FAIL with its numbers:",
            "  1. with a small random W every score is about 0, so the loss is C - 1 (SVM) or ln C (softmax);",
            "  2. adding regularization makes the loss go up;",
            "  3. a tiny subset (20 images) can be fitted to 100%% training accuracy.",
            "Exit code 1 when a check fails.", ""},
        footer = {"", "Examples:", "  slope sanity", "  slope sanity --loss svm --json"})
final class SanityCommand implements Callable<Integer>, SettingsCommand {
    /** The objective, the preprocessing and the seed: what the checks depend on. */
    final SettingsOptions settings = SettingsOptions.of(java.util.stream.Stream.of(
            Settings.group(Setting.Group.OBJECTIVE), Settings.group(Setting.Group.PREPROCESSING),
            List.<Setting<?>>of(Settings.SEED)).flatMap(List::stream).toList());

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

    @Option(names = "--subset", paramLabel = "N", description = "Images the overfitting check must fit.")
    int subset = 20;

    @Override
    public Integer call() {
        TrainConfig base = settings.config(spec);
        String loss = base.get(Settings.LOSS);
        if (subset < 2) {
            throw Cli.usage(spec, "--subset must be at least 2, got " + subset);
        }
        PrintWriter out = spec.commandLine().getOut();
        ImageData dataset = data.open(spec.commandLine().getErr(), common.json);
        List<Check> checks;
        try (BatchEngine engine = BatchEngine.allCores()) {
            checks = SanityChecks.run(dataset.train(), base, subset, engine);
        }
        boolean all = checks.stream().allMatch(Check::passed);
        if (common.json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("passed", c.passed());
                m.put("detail", c.detail());
                m.putAll(c.numbers());
                list.add(m);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("config", base.applicableJson());
            json.put("passed", all);
            json.put("checks", list);
            Cli.printJson(out, json);
        } else {
            out.printf(Locale.ROOT, "Sanity checks, %s loss, on %s%n", loss, dataset.name());
            for (Check c : checks) {
                out.printf(Locale.ROOT, "  %s  %-32s %s%n", c.passed() ? "PASS" : "FAIL", c.name(), c.detail());
            }
            out.flush();
        }
        return all ? 0 : 1;
    }
}
