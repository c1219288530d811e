package dev.slope.cli;

import dev.slope.learn.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a run on stderr: on a terminal a bar redrawn in place with the running loss, elsewhere (logs,
 * pipes) one line per epoch only.
 */
final class ProgressBar implements TrainingListener {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean terminal;
    private TrainingPlan plan;
    private double runningLoss = Double.NaN;
    private long lastDraw;

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void onStart(TrainingPlan plan) {
        this.plan = plan;
        err.printf(Locale.ROOT, "Training on %d images (%d held out for validation): %d inputs, %d classes, %s of %s"
                        + " (batch %d), kernel %s%n", plan.trainExamples(), plan.validationExamples(), plan.inputDim(),
                plan.classes(), Cli.count(plan.epochs(), "epoch"), Cli.count(plan.stepsPerEpoch(), "step"), plan.batchSize(),
                plan.kernel());
        err.flush();
    }

    @Override
    public void onStep(StepReport r) {
        int epoch = r.epoch();
        int step = r.step();
        double loss = r.value().total();
        runningLoss = Double.isNaN(runningLoss) ? loss : 0.95 * runningLoss + 0.05 * loss;
        long now = System.nanoTime();
        if (!terminal || now - lastDraw < 100_000_000L && step + 1 < plan.stepsPerEpoch()) {
            return;
        }
        lastDraw = now;
        int done = (int) ((long) WIDTH * (step + 1) / plan.stepsPerEpoch());
        err.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %3d%%  loss %.4f ", epoch, plan.epochs(), "#".repeat(done),
                ".".repeat(WIDTH - done), 100 * (step + 1) / plan.stepsPerEpoch(), runningLoss);
        err.flush();
    }

    @Override
    public void onEpoch(EpochReport r) {
        err.printf(Locale.ROOT, "%sepoch %d/%d  loss %.4f  train %s  val %s  (%.1fs)%n", terminal ? "\r\033[K" : "",
                r.epoch(), r.epochs(), r.meanLoss(), Cli.percent(r.trainAccuracy()), Cli.percent(r.validationAccuracy()),
                r.seconds());
        err.flush();
    }
}
