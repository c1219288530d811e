package dev.slope.bench;

import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.LinearModel;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.optimize.GradientTrainer;
import dev.slope.preprocess.Splits;
import dev.slope.learn.TrainingListener;
import dev.slope.viz.LineChart;
import dev.slope.viz.Png;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every update rule on one budget: trains each with its tuned learning rate for the same epochs,
 * measures test accuracy after every epoch (not counted in the time), and prints the epochs and
 * seconds each needed to reach the target test accuracy, as a Markdown table; draws the curves.
 *
 * <p>Usage: {@code UpdateRuleRace DATA_DIR EPOCHS TARGET PNG rule=lr [rule=lr ...]}
 */
public final class UpdateRuleRace {
    private UpdateRuleRace() {
    }

    public static void main(String[] args) {
        ImageData data = Datasets.open(Path.of(args[0]));
        int epochs = Integer.parseInt(args[1]);
        double target = Double.parseDouble(args[2]);
        Path png = Path.of(args[3]);
        List<LineChart.Series> curves = new ArrayList<>();
        System.out.printf(Locale.ROOT, "| update rule | lr | epochs to %.0f%% test | seconds to %.0f%% | best test accuracy (epoch) |%n",
                100 * target, 100 * target);
        System.out.println("| --- | --- | --- | --- | --- |");
        try (BatchEngine engine = BatchEngine.allCores()) {
            for (int a = 4; a < args.length; a++) {
                String[] kv = args[a].split("=");
                TrainConfig c = TrainConfig.builder().parse("update", kv[0]).parse("lr", kv[1]).parse("reg", "1e-4")
                        .set(Settings.EPOCHS, epochs).build();
                Splits split = Splits.prepare(data, c.pipelineSpec(), c.valFraction(), c.seed());
                int[] y = split.test().labelArray();
                double[] acc = new double[epochs];
                double[] at = new double[epochs];
                long start = System.nanoTime();
                long[] excluded = {0};
                long[] lastStep = {0};
                int[] stepsPerEpoch = {0};
                TrainingListener probe = new TrainingListener() {
                    @Override
                    public void onStart(TrainingPlan plan) {
                        stepsPerEpoch[0] = plan.stepsPerEpoch();
                    }

                    @Override
                    public void onStep(StepReport r) {
                        if (r.step() == stepsPerEpoch[0] - 1) {
                            long t0 = System.nanoTime();
                            at[r.epoch() - 1] = (t0 - start - excluded[0]) / 1e9;
                            int[] predicted = new LinearModel(split.test().classNames(), split.pipeline(), r.parameters(),
                                    c.objective().loss(), null).predict(split.test(), engine);
                            int ok = 0;
                            for (int i = 0; i < y.length; i++) {
                                ok += predicted[i] == y[i] ? 1 : 0;
                            }
                            acc[r.epoch() - 1] = (double) ok / y.length;
                            excluded[0] += System.nanoTime() - t0;
                        }
                        lastStep[0] = System.nanoTime();
                    }

                    @Override
                    public void onEpoch(EpochReport report) {
                        excluded[0] += System.nanoTime() - lastStep[0]; // the trainer's own accuracy pass is reporting
                    }
                };
                new GradientTrainer(c, engine).train(split.train(), split.validation().head(0), probe);
                int reached = -1;
                int best = 0;
                double[] xs = new double[epochs];
                double[] ys = new double[epochs];
                for (int e = 0; e < epochs; e++) {
                    if (reached < 0 && acc[e] >= target) {
                        reached = e;
                    }
                    if (acc[e] > acc[best]) {
                        best = e;
                    }
                    xs[e] = e + 1;
                    ys[e] = 100 * acc[e];
                }
                curves.add(new LineChart.Series(kv[0] + " (lr " + kv[1] + ")", xs, ys));
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f%% (%d) |%n", kv[0], kv[1],
                        reached < 0 ? "not in " + epochs : Integer.toString(reached + 1),
                        reached < 0 ? "-" : String.format(Locale.ROOT, "%.1f", at[reached]), 100 * acc[best], best + 1);
            }
        }
        Png.write(LineChart.render("Test accuracy per epoch, each update rule at its tuned learning rate", "epoch",
                "test accuracy (%)", curves, false), png);
    }
}
