package dev.slope.optimize;

import dev.slope.model.Parameters;
import dev.slope.objective.Objective;
import dev.slope.objective.Pass;

/**
 * Gradient descent's steps on one {@link Pass}: each step is one batch's loss and gradient (the rows in a shuffled
 * order, or drawn with replacement, by the second stream of the run's seed), the penalty's gradient, the update rule at
 * the schedule's rate and the max-norm constraint. Full batches read every row in order, so a pass that holds its rows
 * elsewhere (slope-spark's) can run them.
 */
public final class LocalSteps extends OrderedSteps {
    private final Objective objective;
    private Parameters grad;
    private float[][] gradArrays;
    private Parameters arraysOf;
    private float[][] paramArrays;

    /** Steps over the rows of {@code pass} with the config's optimizer, batches drawn from the config's seed. */
    public LocalSteps(TrainConfig config, Pass pass) {
        super(config, pass);
        this.objective = config.objective();
    }

    @Override
    public Taken take(int epoch, int step, Parameters params, Parameters lastGood, UpdateRule rule) {
        if (params != arraysOf) { // the loop passes the same parameters every step: their arrays are looked up once
            grad = Parameters.zeros(params.classes(), params.dim(), params.hasSeparateBias(), params.biasInLastColumn());
            gradArrays = grad.arrays();
            paramArrays = params.arrays();
            arraysOf = params;
        }
        int[] rows = batches.rows(step);
        int from = batches.from(step);
        int to = batches.to(step);
        Objective.Value value = objective.valueAndGradient(pass(), params, rows, from, to, grad);
        long correct = Math.round(value.accuracy() * (to - from));
        if (!Double.isFinite(value.total())) {
            return new Taken(value, correct, to - from, Double.NaN, Double.NaN);
        }
        lastGood.set(params);
        double lr = rate(epoch, step);
        rule.step(paramArrays, gradArrays, lr);
        if (opt.maxNorm() > 0) {
            GradientTrainer.clipRows(params, opt.maxNorm());
        }
        return new Taken(value, correct, to - from, lr, grad.norm());
    }
}
