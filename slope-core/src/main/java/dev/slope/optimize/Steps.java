package dev.slope.optimize;

import dev.slope.linalg.BatchEngine;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Objective;
import dev.slope.objective.Pass;
import dev.slope.preprocess.Dataset;

/**
 * How a run of {@link GradientTrainer}'s one loop takes its steps: the part of gradient descent that may run
 * elsewhere. The loop owns the epochs, the listeners, history, early stopping, checkpoints, resuming and the model it
 * ends with; a step owns the update of the parameters. {@link LocalSteps}: one batch's loss and gradient on a
 * {@link Pass} (this machine's engine, or every row on a cluster), then the update rule. slope-spark's local SGD: one
 * round of steps on every partition, averaged.
 */
public interface Steps {
    /** The loop's steps in one epoch. */
    int perEpoch();

    /** The examples one step reads (for the run's plan). */
    int batchSize();

    /** A pass over every training row: the run's final loss and the kernel its model names. */
    Pass pass();

    /** The pass the loop validates with, over {@code validation}'s rows, run by {@code engine}. */
    default Pass validationPass(BatchEngine engine, Dataset validation) {
        return new FusedPass(engine, validation);
    }

    /** Called before each epoch's first step (a local run shuffles its rows here). */
    default void startEpoch(int epoch) {
    }

    /**
     * Called, in order, for each epoch a resumed run has already done: whatever {@link #startEpoch} draws is drawn again,
     * so the next epoch's batches are those of the run that was never stopped.
     */
    default void skipEpoch(int epoch) {
    }

    /**
     * Takes step {@code step} (from 0) of epoch {@code epoch} (from 1): updates {@code params} and {@code rule} in place.
     * {@code lastGood} holds weights whose loss was finite, for the loop to end a diverged run with: the general step
     * copies {@code params} there before each update, the fused stochastic step at each epoch's start. A step whose loss
     * is not finite may leave {@code params} as they are.
     */
    Taken take(int epoch, int step, Parameters params, Parameters lastGood, UpdateRule rule);

    /**
     * The weights after the latest step, for a listener that asks: {@code params} itself, unless the steps keep W in
     * another form between an epoch's steps, when it is made from that form on each call (and may be one buffer,
     * remade each time).
     */
    default Parameters current(Parameters params) {
        return params;
    }

    /**
     * Called after each epoch's steps (also when a listener stopped the epoch early): from here on {@code params} must
     * hold the weights, which the loop validates, checkpoints and ends with.
     */
    default void settle(Parameters params) {
    }

    /**
     * What a step saw and did.
     *
     * @param value        the loss of the rows it read, before its update (NaN or infinite: the run diverged)
     * @param correct      of those rows, how many had their label's score highest
     * @param rows         the rows it read
     * @param learningRate the rate of its (last) update
     * @param gradientNorm ‖∂L/∂θ‖ of its batch (the mean of its updates' when it took several)
     */
    record Taken(Objective.Value value, long correct, int rows, double learningRate, double gradientNorm) {
    }

    /** Makes a run's steps once the run's training rows are known. */
    @FunctionalInterface
    interface Maker {
        Steps make(TrainConfig config, Dataset train);
    }
}
