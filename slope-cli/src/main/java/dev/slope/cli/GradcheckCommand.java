package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.objective.GradientCheck;
import dev.slope.objective.NumericalGradient;
import dev.slope.objective.Objective;
import dev.slope.optimize.ImageGradientCheck;
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

/** {@code slope gradcheck}: the analytic gradient against a numerical one on a small batch of real images. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Check the analytic gradient dL/dW against finite differences on real images.", "",
            "For each checked weight: numerical (L(W + h) - L(W - h)) / 2h (centred) or (L(W + h) - L(W)) / h"
                + " (forward), relative error |a - n| / max(|a|, |n|), in double precision at a random W. An entry"
                + " agrees when its relative error is below --tolerance or its difference is within what the finite"
                + " difference cannot resolve (rounding, and the O(h) error of forward differences). Exit code 1 when"
                + " an entry disagrees.", ""},
        footer = {"", "Examples:", "  slope gradcheck", "  slope gradcheck --loss svm --reg-type l1 --reg 0.01 --samples 50",
            "  slope gradcheck --difference forward --json"})
final class GradcheckCommand implements Callable<Integer>, SettingsCommand {
    /** The objective, the bias form, the random point's scale and the seed. A larger λ than training's keeps the
     * regularizer's gradient well above the finite difference's resolution, and W ~ 0.01 N(0, 1) keeps every
     * score away from the hinge's kinks. */
    final SettingsOptions settings = SettingsOptions.of(java.util.stream.Stream.concat(
            Settings.group(Setting.Group.OBJECTIVE).stream(),
            java.util.stream.Stream.of(Settings.BIAS_TRICK, Settings.INIT_SCALE, Settings.SEED)).toList())
            .withDefault(Settings.REG, 0.1).withDefault(Settings.INIT_SCALE, 0.01);

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

    @Option(names = "--batch", paramLabel = "N", description = "Images in the batch.")
    int batch = 20;

    @Option(names = "--samples", paramLabel = "K", description = "Weights checked per block (W, b); 0 checks all.")
    int samples = 100;

    @Option(names = "--difference", paramLabel = "centred|forward", defaultValue = "centred",
            description = "Finite-difference formula.")
    NumericalGradient.Difference difference;

    @Option(names = "--step", paramLabel = "H", description = "Finite-difference step h.")
    double step = NumericalGradient.DEFAULT_STEP;

    @Option(names = "--tolerance", paramLabel = "TOL", description = "Largest relative error that passes.")
    double tolerance = 1e-6;

    @Override
    public Integer call() {
        TrainConfig config = settings.config(spec);
        Objective objective = config.objective();
        boolean biasTrick = config.get(Settings.BIAS_TRICK);
        double reg = config.get(Settings.REG);
        ImageGradientCheck.Batch settings = Cli.flags(spec, () -> new ImageGradientCheck.Batch(biasTrick, batch,
                config.get(Settings.INIT_SCALE), difference, step, samples, config.seed()));
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw Cli.usage(spec, "--tolerance must be a finite number > 0, got " + tolerance);
        }
        PrintWriter out = spec.commandLine().getOut();
        ImageData dataset = data.open(spec.commandLine().getErr(), common.json);
        ImageGradientCheck.Report check = ImageGradientCheck.check(objective, dataset.train(), settings);
        GradientCheck.Report r = check.report();
        boolean pass = r.passes(tolerance);
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("max_relative_error", r.maxRelativeError());
            json.put("max_relative_error_beyond_floor", r.maxBeyondFloor());
            json.put("mean_relative_error", r.meanRelativeError());
            json.put("checked", r.checked());
            json.put("passed", pass);
            json.put("tolerance", tolerance);
            json.put("loss", objective.loss().name());
            json.put("reg_type", objective.regularizer().name());
            json.put("reg", reg);
            json.put("difference", difference.name().toLowerCase());
            json.put("step", step);
            json.put("floor", r.floor());
            json.put("batch", check.images());
            List<Map<String, Object>> bl = new ArrayList<>();
            for (GradientCheck.BlockReport b : r.blocks()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", b.name());
                m.put("checked", b.checked());
                m.put("within_floor", b.withinFloor());
                m.put("max_relative_error_beyond_floor", b.maxBeyondFloor());
                m.put("max_relative_error", b.maxRelativeError());
                m.put("mean_relative_error", b.meanRelativeError());
                bl.add(m);
            }
            json.put("blocks", bl);
            Cli.printJson(out, json);
        } else {
            out.printf(Locale.ROOT, "Gradient check: %s + %g * %s on %d images of %s, %s differences, h = %g%n",
                    objective.loss().name(), reg, objective.regularizer().name(), check.images(), dataset.name(),
                    difference.name().toLowerCase(), step);
            out.printf(Locale.ROOT, "  %-5s %8s %14s %14s %13s%n", "block", "checked", "max rel err", "mean rel err",
                    "within floor");
            for (GradientCheck.BlockReport b : r.blocks()) {
                out.printf(Locale.ROOT, "  %-5s %8d %14.3e %14.3e %13d%n", b.name(), b.checked(), b.maxRelativeError(),
                        b.meanRelativeError(), b.withinFloor());
            }
            out.printf(Locale.ROOT, "An entry agrees when its relative error is below %.1e or its difference is within %.1e,"
                    + " what a %s difference of step %g cannot resolve.%n", tolerance, r.floor(),
                    difference.name().toLowerCase(), step);
            if (pass) {
                out.printf(Locale.ROOT, "PASS: every entry agrees (largest relative error %.3e%s)%n", r.maxRelativeError(),
                        r.maxRelativeError() >= tolerance ? ", on a difference within the floor" : "");
            } else {
                out.printf(Locale.ROOT, "FAIL: an entry beyond the floor has relative error %.3e%n", r.maxBeyondFloor());
            }
            if (!pass) {
                out.println(r.maxRelativeError() < 1e-3
                        ? "Hint: errors this small come from a kink (a hinge, |w| at 0) within h of the point, or from"
                        + " forward differences on a curved loss. Try another --seed, --difference centred, or a"
                        + " smaller --step."
                        : "Hint: errors this large mean the analytic gradient and the loss disagree: check the loss's"
                        + " gradient formula for the block named above.");
            }
            out.flush();
        }
        return pass ? 0 : 1;
    }
}
