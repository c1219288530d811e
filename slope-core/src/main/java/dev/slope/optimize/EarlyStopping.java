package dev.slope.optimize;

import dev.slope.learn.TrainingListener;
import dev.slope.model.Parameters;

/**
 * Early stopping as a listener: keeps the weights of the best epoch so far by a validation figure, asks
 * the run to stop when {@code patience} epochs have passed without improving on it, and at the end puts
 * the best weights back. Ties do not count as improvement. One per run.
 */
public final class EarlyStopping implements TrainingListener {
    private final int patience;
    private final TrainConfig.Monitor monitor;
    private int epochs;
    private Parameters live;
    private Parameters best;
    private EpochReport bestReport;
    private int sinceBest;
    private boolean stop;
    private boolean stoppedEarly;

    /** @param patience epochs without a better figure before stopping, at least 1 */
    public EarlyStopping(int patience, TrainConfig.Monitor monitor) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        this.patience = patience;
        this.monitor = monitor;
    }

    @Override
    public void onStart(TrainingPlan plan) {
        epochs = plan.epochs();
    }

    @Override
    public void onStep(StepReport report) {
        live = report.parameters();
    }

    @Override
    public void onEpoch(EpochReport report) {
        if (bestReport == null || better(report, bestReport)) {
            bestReport = report;
            if (best == null) {
                best = live.copy();
            } else {
                best.set(live);
            }
            sinceBest = 0;
            return;
        }
        if (++sinceBest >= patience && report.epoch() < epochs) {
            stop = true;
            stoppedEarly = true;
        }
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    @Override
    public void onEnd(RunEnd end) {
        if (best != null) {
            end.parameters().set(best);
        }
    }

    private boolean better(EpochReport a, EpochReport b) {
        return monitor == TrainConfig.Monitor.ACCURACY ? a.validationAccuracy() > b.validationAccuracy()
                : a.validationLoss() < b.validationLoss();
    }

    /**
     * What early stopping knows after an epoch, kept in a checkpoint so a resumed run stops where the uninterrupted one
     * would have and ends with the same best weights.
     *
     * @param bestReport the best epoch's report
     * @param best       that epoch's weights
     * @param sinceBest  epochs run since it without improving on it
     */
    public record State(EpochReport bestReport, Parameters best, int sinceBest) {
    }

    /** Its state after the last epoch (a copy), or null before the first epoch. */
    public State state() {
        return bestReport == null ? null : new State(bestReport, best.copy(), sinceBest);
    }

    /** Continues from a checkpoint's {@link #state()}. */
    public void restore(State state) {
        bestReport = state.bestReport();
        best = state.best().copy();
        sinceBest = state.sinceBest();
    }

    /** The best epoch's report, or null before the first epoch. */
    public EpochReport bestReport() {
        return bestReport;
    }

    /** Whether it ended the run before its last epoch. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }
}
