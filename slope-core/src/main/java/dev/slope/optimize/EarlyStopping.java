package dev.slope.optimize;

import dev.slope.model.Parameters;
import dev.slope.optimize.TrainingListener.EpochReport;

/**
 * Keeps the weights of the best epoch so far by a validation figure, and says when {@code patience}
 * epochs have passed without improving on it. Ties do not count as improvement.
 */
final class EarlyStopping {
    private final int patience;
    private final TrainConfig.Monitor monitor;
    private Parameters best;
    private EpochReport bestReport;
    private int sinceBest;

    EarlyStopping(int patience, TrainConfig.Monitor monitor) {
        this.patience = patience;
        this.monitor = monitor;
    }

    /** Records an epoch; true when the run should stop. */
    boolean stop(EpochReport report, Parameters params) {
        if (bestReport == null || better(report, bestReport)) {
            bestReport = report;
            if (best == null) {
                best = params.copy();
            } else {
                best.set(params);
            }
            sinceBest = 0;
            return false;
        }
        return ++sinceBest >= patience;
    }

    private boolean better(EpochReport a, EpochReport b) {
        return monitor == TrainConfig.Monitor.ACCURACY ? a.validationAccuracy() > b.validationAccuracy()
                : a.validationLoss() < b.validationLoss();
    }

    Parameters best() {
        return best;
    }

    EpochReport bestReport() {
        return bestReport;
    }
}
