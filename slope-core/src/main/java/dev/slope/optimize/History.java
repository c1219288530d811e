package dev.slope.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a run went through: the loss of every step and the figures of every epoch. */
public final class History implements TrainingListener {
    private double[] stepLoss = new double[1024];
    private double[] stepPenalty = new double[1024];
    private int steps;
    private final List<EpochReport> epochs = new ArrayList<>();

    @Override
    public void onStep(int epoch, int step, long globalStep, dev.slope.objective.Objective.Value value) {
        if (steps == stepLoss.length) {
            stepLoss = Arrays.copyOf(stepLoss, steps * 2);
            stepPenalty = Arrays.copyOf(stepPenalty, steps * 2);
        }
        stepLoss[steps] = value.total();
        stepPenalty[steps] = value.penalty();
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

    public List<EpochReport> epochs() {
        return List.copyOf(epochs);
    }
}
