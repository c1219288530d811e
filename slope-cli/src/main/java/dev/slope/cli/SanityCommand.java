package dev.slope.cli;

import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.data.Split;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Objective;
import dev.slope.optimize.TrainConfig;
import dev.slope.optimize.Trainer;
import dev.slope.preprocess.PixelRows;
import dev.slope.preprocess.Preprocessing;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slope sanity}: the lecture's sanity checks before a long run. */
@Command(name = "sanity", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Run the lecture's sanity checks on a dataset and report each as PASS or FAIL with its numbers:",
            "  1. with a small random W every score is about 0, so the loss is C - 1 (SVM) or ln C (softmax);",
            "  2. adding regularization makes the loss go up;",
            "  3. a tiny subset (20 images) can be fitted to 100%% training accuracy.",
            "Exit code 1 when a check fails.", ""},
        footer = {"", "Examples:", "  slope sanity", "  slope sanity --loss svm --json"})
final class SanityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    DataOption data;

    @Option(names = "--loss", paramLabel = "svm|softmax", description = "Data loss.")
    String loss = "softmax";

    @Option(names = "--reg-type", paramLabel = "none|l2|l1|elasticnet", description = "Regularizer of check 2.")
    String regType = "l2";

    @Option(names = "--subset", paramLabel = "N", description = "Images the overfitting check must fit.")
    int subset = 20;

    @Option(names = "--seed", paramLabel = "S", description = "Seed.")
    long seed = 1;

    record Check(String name, boolean passed, String detail, Map<String, Object> numbers) {
    }

    @Override
    public Integer call() {
        TrainConfig base = Cli.flags(spec, () -> TrainConfig.builder().loss(loss).regType(regType).seed(seed).build());
        if (subset < 2) {
            throw Cli.usage(spec, "--subset must be at least 2, got " + subset);
        }
        PrintWriter out = spec.commandLine().getOut();
        ImageData dataset = data.open(spec.commandLine().getErr(), common.json);
        ImageSet train = dataset.train();
        int classes = train.classCount();
        FusedPass pass = FusedPass.shared();
        Preprocessing pre = Preprocessing.fit(train, base.pixelScale(), base.meanImage(), base.biasTrick());
        PixelRows rows = new PixelRows(train, pre);
        int[] y = train.labels();
        Parameters small = Trainer.initialize(classes, pre.inputDim(), !base.biasTrick(), base.biasTrick(), 1e-4,
                new SplittableRandom(seed));
        List<Check> checks = new ArrayList<>();

        Objective plain = Trainer.objective(base.toBuilder().reg(0).build());
        double initial = plain.value(pass, small, rows, y).total();
        double expected = loss.equals("svm") ? classes - 1 : Math.log(classes);
        boolean ok1 = Math.abs(initial - expected) < 0.01 * expected;
        checks.add(new Check("initial loss", ok1, String.format(Locale.ROOT, "%.4f with W ~ 1e-4 N(0,1), expected %s = %.4f",
                initial, loss.equals("svm") ? "C - 1" : "ln C", expected), Map.of("loss", initial, "expected", expected)));

        ImageSet some = train.head(2000);
        Parameters trained = new Trainer(base.toBuilder().epochs(1).valFraction(0).build(), pass).train(some)
                .model().parameters();
        double[] lambdas = {0, 1e-3, 1e-2, 1e-1, 1};
        double[] losses = new double[lambdas.length];
        boolean ok2 = true;
        Preprocessing pre2 = Preprocessing.fit(some, base.pixelScale(), base.meanImage(), base.biasTrick());
        PixelRows rows2 = new PixelRows(some, pre2);
        int[] y2 = some.labels();
        for (int k = 0; k < lambdas.length; k++) {
            Objective o = Trainer.objective(base.toBuilder().reg(lambdas[k]).build());
            losses[k] = o.value(pass, trained, rows2, y2).total();
            ok2 &= k == 0 || losses[k] > losses[k - 1];
        }
        StringBuilder d2 = new StringBuilder();
        for (int k = 0; k < lambdas.length; k++) {
            d2.append(String.format(Locale.ROOT, "%sreg %s: %.4f", k == 0 ? "" : ", ", lambdas[k], losses[k]));
        }
        checks.add(new Check("loss grows with regularization", ok2, d2.toString(), Map.of("reg", lambdas, "loss", losses)));

        ImageSet tiny = Split.holdOut(train, 0, seed).train().head(subset);
        TrainConfig overfit = base.toBuilder().reg(0).batchSize(TrainConfig.FULL_BATCH).epochs(300)
                .lr(loss.equals("svm") ? 0.05 : 0.5).valFraction(0).build();
        Trainer.Result r = new Trainer(overfit, pass).train(tiny);
        boolean ok3 = r.trainAccuracy() == 1.0;
        checks.add(new Check("overfit a tiny subset", ok3, String.format(Locale.ROOT,
                "%d images, no regularization, 300 full-batch steps: training accuracy %s, loss %.4f", tiny.size(),
                Cli.percent(r.trainAccuracy()), r.finalLoss()), Map.of("images", tiny.size(), "train_accuracy",
                r.trainAccuracy(), "loss", r.finalLoss())));

        boolean all = checks.stream().allMatch(Check::passed);
        if (common.json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("check", c.name());
                m.put("passed", c.passed());
                m.put("detail", c.detail());
                m.putAll(c.numbers());
                list.add(m);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("loss", loss);
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
