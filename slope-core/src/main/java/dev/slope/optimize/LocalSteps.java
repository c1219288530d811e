package dev.slope.optimize;

import dev.slope.linalg.Randoms;
import dev.slope.model.Parameters;
import dev.slope.objective.Objective;
import dev.slope.objective.Pass;
import java.util.SplittableRandom;

/**
 * Gradient descent's steps on one {@link Pass}: each step is one batch's loss and gradient (the rows in a shuffled
 * order, or drawn with replacement, by the second stream of the run's seed), the penalty's gradient, the update rule at
 * the schedule's rate and the max-norm constraint. Full batches read every row in order, so a pass that holds its rows
 * elsewhere (slope-spark's) can run them.
 */
public final class LocalSteps implements Steps {
    private final TrainConfig.Optimizer opt;
    private final Objective objective;
    private final Pass pass;
    private final SplittableRandom batchRandom;
    private final int n;
    private final int batch;
    private final int perEpoch;
    private final long totalSteps;
    private final int[] order;
    private final int[] drawn;
    private Parameters grad;
    private float[][] gradArrays;
    private Parameters arraysOf;
    private float[][] paramArrays;

    /** Steps over the rows of {@code pass} with the config's optimizer, batches drawn from the config's seed. */
    public LocalSteps(TrainConfig config, Pass pass) {
        this.opt = config.optimizer();
        this.objective = config.objective();
        this.pass = pass;
        this.n = pass.rows();
        SplittableRandom random = new SplittableRandom(config.seed());
        random.split(); // the initializer's stream (GradientTrainer.initialParameters)
        this.batchRandom = random.split();
        this.batch = Math.min(opt.batchSize(), n);
        this.perEpoch = (n + batch - 1) / batch;
        this.totalSteps = (long) perEpoch * opt.epochs();
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.drawn = opt.sampling() == TrainConfig.Sampling.REPLACEMENT ? new int[batch] : null;
    }

    @Override
    public int perEpoch() {
        return perEpoch;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public Pass pass() {
        return pass;
    }

    @Override
    public void startEpoch(int epoch) {
        if (drawn == null && batch < n) {
            Randoms.shuffle(order, batchRandom);
        }
    }

    @Override
    public void skipEpoch(int epoch) {
        if (drawn == null) {
            startEpoch(epoch);
        } else {
            for (long k = 0; k < (long) perEpoch * batch; k++) {
                batchRandom.nextInt(n);
            }
        }
    }

    @Override
    public Taken take(int epoch, int step, Parameters params, Parameters lastGood, UpdateRule rule) {
        if (params != arraysOf) { // the loop passes the same parameters every step: their arrays are looked up once
            grad = Parameters.zeros(params.classes(), params.dim(), params.hasSeparateBias(), params.biasInLastColumn());
            gradArrays = grad.arrays();
            paramArrays = params.arrays();
            arraysOf = params;
        }
        Objective.Value value;
        int rows = batch;
        if (drawn != null) {
            for (int k = 0; k < batch; k++) {
                drawn[k] = batchRandom.nextInt(n);
            }
            value = objective.valueAndGradient(pass, params, drawn, 0, batch, grad);
        } else {
            int from = step * batch;
            int to = Math.min(n, from + batch);
            rows = to - from;
            value = objective.valueAndGradient(pass, params, order, from, to, grad);
        }
        long correct = Math.round(value.accuracy() * rows);
        if (!Double.isFinite(value.total())) {
            return new Taken(value, correct, rows, Double.NaN, Double.NaN);
        }
        lastGood.set(params);
        double lr = opt.rate((long) (epoch - 1) * perEpoch + step, perEpoch, totalSteps);
        rule.step(paramArrays, gradArrays, lr);
        if (opt.maxNorm() > 0) {
            GradientTrainer.clipRows(params, opt.maxNorm());
        }
        return new Taken(value, correct, rows, lr, grad.norm());
    }
}
