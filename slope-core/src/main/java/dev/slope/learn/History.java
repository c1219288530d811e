package dev.slope.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a run went through: the loss of every step and the figures of every epoch. The array getters copy (call them
 * once, not in a loop); the indexed ones ({@link #stepLoss(int)}, {@link #epoch(int)}, …) read in place.
 */
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

    /** Records one step as {@link #onStep} does. */
    public void addStep(int epoch, double loss, double penalty, double rate, double gradientNorm) {
        ensure(steps + 1);
        stepEpoch[steps] = epoch;
        stepLoss[steps] = loss;
        stepPenalty[steps] = penalty;
        stepRate[steps] = rate;
        stepGradNorm[steps] = gradientNorm;
        steps++;
    }

    /** Records steps in bulk, the arrays as the getters give them (of one length): how a checkpoint's history is read. */
    public void addSteps(int[] epoch, double[] loss, double[] penalty, double[] rate, double[] gradientNorm) {
        int n = epoch.length;
        if (loss.length != n || penalty.length != n || rate.length != n || gradientNorm.length != n) {
            throw new IllegalArgumentException("the step arrays differ in length");
        }
        ensure(steps + n);
        System.arraycopy(epoch, 0, stepEpoch, steps, n);
        System.arraycopy(loss, 0, stepLoss, steps, n);
        System.arraycopy(penalty, 0, stepPenalty, steps, n);
        System.arraycopy(rate, 0, stepRate, steps, n);
        System.arraycopy(gradientNorm, 0, stepGradNorm, steps, n);
        steps += n;
    }

    private void ensure(int capacity) {
        if (capacity > stepLoss.length) {
            int grown = Math.max(capacity, stepLoss.length * 2);
            stepLoss = Arrays.copyOf(stepLoss, grown);
            stepPenalty = Arrays.copyOf(stepPenalty, grown);
            stepRate = Arrays.copyOf(stepRate, grown);
            stepGradNorm = Arrays.copyOf(stepGradNorm, grown);
            stepEpoch = Arrays.copyOf(stepEpoch, grown);
        }
    }

    @Override
    public void onEpoch(EpochReport report) {
        epochs.add(report);
    }

    /** A copy that records on independently (a resumed run continues the checkpoint's history in its own). */
    public History copy() {
        History h = new History();
        int capacity = Math.max(1024, steps);
        h.stepLoss = Arrays.copyOf(stepLoss, capacity);
        h.stepPenalty = Arrays.copyOf(stepPenalty, capacity);
        h.stepRate = Arrays.copyOf(stepRate, capacity);
        h.stepGradNorm = Arrays.copyOf(stepGradNorm, capacity);
        h.stepEpoch = Arrays.copyOf(stepEpoch, capacity);
        h.steps = steps;
        h.epochs.addAll(epochs);
        return h;
    }

    public int steps() {
        return steps;
    }

    /** Step {@code i}'s total loss (data + λR). */
    public double stepLoss(int i) {
        return stepLoss[Objects.checkIndex(i, steps)];
    }

    /** Step {@code i}'s λR. */
    public double stepPenalty(int i) {
        return stepPenalty[Objects.checkIndex(i, steps)];
    }

    /** Step {@code i}'s (1-based) epoch. */
    public int stepEpoch(int i) {
        return stepEpoch[Objects.checkIndex(i, steps)];
    }

    /** Step {@code i}'s learning rate. */
    public double stepRate(int i) {
        return stepRate[Objects.checkIndex(i, steps)];
    }

    /** Step {@code i}'s ‖∂L/∂θ‖. */
    public double stepGradientNorm(int i) {
        return stepGradNorm[Objects.checkIndex(i, steps)];
    }

    /**
     * Steps {@code from} to {@code to} read in place, without a copy: a history only grows, so these entries never
     * change, and another thread may read them once they were handed to it (as a checkpoint's writer does).
     */
    public StepRange range(int from, int to) {
        Objects.checkFromToIndex(from, to, steps);
        return new StepRange(from, to, stepEpoch, stepLoss, stepPenalty, stepRate, stepGradNorm);
    }

    /** Steps {@code from} (inclusive) to {@code to} of a history, in its arrays: read them, never write. */
    public record StepRange(int from, int to, int[] epochs, double[] losses, double[] penalties, double[] rates,
                            double[] gradientNorms) {
        public int size() {
            return to - from;
        }
    }

    /** Epochs recorded. */
    public int epochCount() {
        return epochs.size();
    }

    /** The report of the {@code i}-th epoch recorded (0-based). */
    public EpochReport epoch(int i) {
        return epochs.get(i);
    }

    /** The last epoch's report, or null before the first. */
    public EpochReport lastEpoch() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** The total loss (data + λR) of every step's batch, in order. */
    public double[] stepLosses() {
        return stepLosses(0, steps);
    }

    /** Steps {@code from} (inclusive) to {@code to} of {@link #stepLosses()}. */
    public double[] stepLosses(int from, int to) {
        Objects.checkFromToIndex(from, to, steps);
        return Arrays.copyOfRange(stepLoss, from, to);
    }

    /** The λR part of every step's loss. */
    public double[] stepPenalties() {
        return stepPenalties(0, steps);
    }

    /** Steps {@code from} (inclusive) to {@code to} of {@link #stepPenalties()}. */
    public double[] stepPenalties(int from, int to) {
        Objects.checkFromToIndex(from, to, steps);
        return Arrays.copyOfRange(stepPenalty, from, to);
    }

    /** The (1-based) epoch of every step. */
    public int[] stepEpochs() {
        return stepEpochs(0, steps);
    }

    /** Steps {@code from} (inclusive) to {@code to} of {@link #stepEpochs()}. */
    public int[] stepEpochs(int from, int to) {
        Objects.checkFromToIndex(from, to, steps);
        return Arrays.copyOfRange(stepEpoch, from, to);
    }

    /** The learning rate of every step. */
    public double[] stepRates() {
        return stepRates(0, steps);
    }

    /** Steps {@code from} (inclusive) to {@code to} of {@link #stepRates()}. */
    public double[] stepRates(int from, int to) {
        Objects.checkFromToIndex(from, to, steps);
        return Arrays.copyOfRange(stepRate, from, to);
    }

    /** ‖∂L/∂θ‖ of every step's batch. */
    public double[] stepGradientNorms() {
        return stepGradientNorms(0, steps);
    }

    /** Steps {@code from} (inclusive) to {@code to} of {@link #stepGradientNorms()}. */
    public double[] stepGradientNorms(int from, int to) {
        Objects.checkFromToIndex(from, to, steps);
        return Arrays.copyOfRange(stepGradNorm, from, to);
    }

    public List<EpochReport> epochs() {
        return List.copyOf(epochs);
    }
}
