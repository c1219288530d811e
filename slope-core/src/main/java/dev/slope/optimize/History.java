package dev.slope.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a run went through: the loss of every step and the figures of every epoch. */
public final class History implements TrainingListener {
    private double[] stepLoss = new double[1024];
    private double[] stepPenalty = new double[1024];
    private double[] stepRate = new double[1024];
    private double[] stepGradNorm = new double[1024];
    private int[] stepEpoch = new int[1024];
    private int steps;
    private final List<EpochReport> epochs = new ArrayList<>();

    @Override
    public void onStep(StepReport r) {
        addStep(r.epoch(), r.value().total(), r.value().penalty(), r.learningRate(), r.gradientNorm());
    }

    /** Records one step as {@link #onStep} does: how a checkpoint's history is read back. */
    public void addStep(int epoch, double loss, double penalty, double rate, double gradientNorm) {
        if (steps == stepLoss.length) {
            stepLoss = Arrays.copyOf(stepLoss, steps * 2);
            stepPenalty = Arrays.copyOf(stepPenalty, steps * 2);
            stepRate = Arrays.copyOf(stepRate, steps * 2);
            stepGradNorm = Arrays.copyOf(stepGradNorm, steps * 2);
            stepEpoch = Arrays.copyOf(stepEpoch, steps * 2);
        }
        stepEpoch[steps] = epoch;
        stepLoss[steps] = loss;
        stepPenalty[steps] = penalty;
        stepRate[steps] = rate;
        stepGradNorm[steps] = gradientNorm;
        steps++;
    }

    @Override
    public void onEpoch(EpochReport report) {
        epochs.add(report);
    }

    public int steps() {
        return steps;
    }

    /** The total loss (data + λR) of every step's batch, in order. */
    public double[] stepLosses() {
        return Arrays.copyOf(stepLoss, steps);
    }

    /** The λR part of every step's loss. */
    public double[] stepPenalties() {
        return Arrays.copyOf(stepPenalty, steps);
    }

    /** The (1-based) epoch of every step. */
    public int[] stepEpochs() {
        return Arrays.copyOf(stepEpoch, steps);
    }

    /** The learning rate of every step. */
    public double[] stepRates() {
        return Arrays.copyOf(stepRate, steps);
    }

    /** ‖∂L/∂θ‖ of every step's batch. */
    public double[] stepGradientNorms() {
        return Arrays.copyOf(stepGradNorm, steps);
    }

    public List<EpochReport> epochs() {
        return List.copyOf(epochs);
    }
}
