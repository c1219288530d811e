package dev.slope.learn;

import dev.slope.model.Parameters;
import dev.slope.objective.Objective;
import java.util.function.Supplier;

/**
 * Watches a training run. Progress bars, history, early stopping, budgets and dashboards are listeners;
 * none of them is wired into the loop. The events, in order: {@link #onStart} once, {@link #onStep} after
 * every step, {@link #onEpoch} after every epoch, {@link #onEnd} once. All run on the training thread, so
 * keep them quick.
 */
public interface TrainingListener {

    /** Called once before the first step. */
    default void onStart(TrainingPlan plan) {
    }

    /** Called after every step. */
    default void onStep(StepReport report) {
    }

    /** Called after every epoch, with its accuracies. */
    default void onEpoch(EpochReport report) {
    }

    /**
     * Asked after every step and every epoch: a listener that returns true ends the run there (a time
     * budget, early stopping).
     */
    default boolean stopRequested() {
        return false;
    }

    /**
     * Called once when the loop ends. The end hands over the final weights: a listener may put back
     * better ones it kept (early stopping restores the best epoch's).
     */
    default void onEnd(RunEnd end) {
    }

    /**
     * What a run will do.
     *
     * @param initial    the starting weights (a copy; the listener may keep it)
     * @param classNames the classes, in the order of W's rows
     * @param pipeline   what made the rows (a listener that draws W as images, or makes a model of it, needs it)
     */
    record TrainingPlan(int epochs, int stepsPerEpoch, int batchSize, int trainExamples, int validationExamples,
                        int inputDim, int classes, String kernel, Parameters initial, java.util.List<String> classNames,
                        dev.slope.preprocess.Pipeline pipeline) {
    }

    /**
     * One step.
     *
     * @param epoch        1-based
     * @param step         the step within the epoch, from 0
     * @param globalStep   steps before this one in the run
     * @param value        the loss of the batch just used, before the update
     * @param learningRate the rate the update used
     * @param gradientNorm ‖∂L/∂θ‖ of the batch (W and b together)
     * @param weights      gives the parameters after the update ({@link #parameters}), made only when asked: a step
     *                     may keep W in another form (the fused stochastic step keeps it as a scale times a matrix)
     * @param batchSize    examples in the batch
     */
    record StepReport(int epoch, int step, long globalStep, Objective.Value value, double learningRate,
                      double gradientNorm, Supplier<Parameters> weights, int batchSize) {

        /**
         * The parameters after the update; read only, and only during the call. After an epoch's last step (and
         * whenever the run stops) they are the run's live parameters; between, they may be a copy the step remakes
         * on each call, so a listener that asks at every step pays a pass over W for it.
         */
        public Parameters parameters() {
            return weights.get();
        }
    }

    /**
     * The figures of one finished epoch (1-based); validation figures are NaN without a validation split. The
     * training accuracy and mean loss are those of the epoch's batches, each at the weights before its step, read
     * from the scores the pass computed anyway (for full-batch descent: the accuracy at the epoch's start); the
     * validation figures are at the weights after the epoch, from one pass.
     */
    record EpochReport(int epoch, int epochs, double meanLoss, double trainAccuracy, double validationAccuracy,
                       double validationLoss, double seconds) {
    }

    /**
     * The end of a run.
     *
     * @param epochsRun  epochs finished
     * @param parameters the live final weights; a listener may overwrite them during the call
     */
    record RunEnd(int epochsRun, Parameters parameters) {
    }
}
