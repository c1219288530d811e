package dev.slope.optimize;

import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.Randoms;
import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.model.Provenance;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Pass;
import dev.slope.objective.Objective;
import dev.slope.optimize.TrainingListener.EpochReport;
import dev.slope.optimize.TrainingListener.RunEnd;
import dev.slope.optimize.TrainingListener.StepReport;
import dev.slope.optimize.TrainingListener.TrainingPlan;
import dev.slope.preprocess.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gradient descent on the {@link Objective}: full batch ({@link TrainConfig#FULL_BATCH}), stochastic (1) or
 * mini-batch (any other size), one {@link UpdateRule} step per batch at the rate its
 * {@link LearningRateSchedule} gives, epochs of shuffled batches (or batches drawn with replacement) and
 * optionally a max-norm constraint per class. History, early stopping (when the config asks for it) and
 * the caller's listeners observe the loop. The same seed gives the same run, step for step.
 *
 * <p>When a batch's loss turns NaN or infinite the run stops with a {@link DivergedException} that
 * holds the last parameters whose loss was finite.
 */
public final class GradientTrainer implements Learner<LinearModel> {
    private final TrainConfig config;
    private final BatchEngine engine;
    private final Pass trainingPass;

    /** @param engine runs the passes; owned by the caller */
    public GradientTrainer(TrainConfig config, BatchEngine engine) {
        this(config, engine, null);
    }

    private GradientTrainer(TrainConfig config, BatchEngine engine, Pass trainingPass) {
        this.config = config;
        this.engine = engine;
        this.trainingPass = trainingPass;
    }

    /**
     * This trainer with the training rows' batches (and the final training loss) computed by {@code pass} (slope-spark's
     * {@code SparkPass}: the rows on a cluster), the validation rows still on this machine's engine. The same loop
     * runs: schedules, update rules, history, checkpoints.
     */
    public GradientTrainer withTrainingPass(Pass pass) {
        return new GradientTrainer(config, engine, pass);
    }

    public TrainConfig config() {
        return config;
    }

    /**
     * What a run produced. Accuracies are fractions in [0, 1]; NaN where there was nothing to measure.
     *
     * @param bestEpoch    the epoch whose weights the model holds (the last, unless early stopping restored an
     *                     earlier one)
     * @param stoppedEarly whether early stopping ended the run before its last epoch
     */
    public record Result(LinearModel model, History history, double finalLoss, double trainAccuracy,
                         double validationAccuracy, double seconds, int bestEpoch, boolean stoppedEarly) {
    }

    /**
     * Where a run stood after an epoch: enough to continue it and end with the same weights, bit for bit, as the run
     * that was never stopped (the batch order is replayed from the seed, the rate follows from the step).
     *
     * @param epochsDone epochs finished
     * @param globalStep steps taken
     * @param history    every step and epoch so far (the run's own: it goes on recording; a history only grows, so a
     *                   reader of the steps before {@code history.steps()} at the save sees them unchanged)
     * @param stopping   early stopping's state, or null when the run has none
     */
    public record Checkpoint(int epochsDone, long globalStep, Parameters parameters, UpdateRule.State rule,
                             History history, EarlyStopping.State stopping) {
    }

    /** Receives a {@link Checkpoint} every few epochs; the run goes on when it returns. */
    @FunctionalInterface
    public interface CheckpointSink {
        void save(Checkpoint checkpoint);
    }

    /**
     * The weights a run on {@code train} starts from: the config's initializer, drawn from the first stream
     * split off the seed (the batches use the second), so the same seed always starts from the same W.
     */
    public Parameters initialParameters(Dataset train) {
        SplittableRandom random = new SplittableRandom(config.seed());
        return config.optimizer().initializer().draw(train.classCount(), train.dim(), train.pipeline().biasTrick(),
                random.split());
    }

    @Override
    public LinearModel learn(Dataset train, Dataset validation, TrainingListener... listeners) {
        return train(train, validation, listeners).model();
    }

    /** Trains from {@link #initialParameters}, reporting accuracy on {@code validation} (may be empty) every epoch. */
    public Result train(Dataset train, Dataset validation, TrainingListener... listeners) {
        return train(train, validation, initialParameters(train), listeners);
    }

    /**
     * Trains from the given weights.
     *
     * @param initial the starting W and b, shaped for {@code train}; not modified
     */
    public Result train(Dataset train, Dataset validation, Parameters initial, TrainingListener... listeners) {
        return train(train, validation, initial, null, 0, null, listeners);
    }

    /**
     * Continues a run from a checkpoint (null: a new run from {@link #initialParameters}), handing a checkpoint to
     * {@code sink} after every {@code every} epochs (no sink: none). The rows and config must be the checkpoint's
     * run's: the same seed and split give the same batches.
     */
    public Result train(Dataset train, Dataset validation, Checkpoint from, int every, CheckpointSink sink,
                        TrainingListener... listeners) {
        return train(train, validation, from == null ? initialParameters(train) : from.parameters(), from, every, sink,
                listeners);
    }

    private Result train(Dataset train, Dataset validation, Parameters initial, Checkpoint resume, int every,
                         CheckpointSink sink, TrainingListener... listeners) {
        requireRunnable(train, validation, initial, resume, every, sink);
        long started = System.nanoTime();
        // the creation time is read first, so a malformed SOURCE_DATE_EPOCH fails before the work, not after
        String created = Provenance.creationTime(System.getenv("SOURCE_DATE_EPOCH"));
        Watchers watchers = Watchers.of(config, resume, validation, listeners);
        History history = watchers.history();
        List<TrainingListener> all = watchers.all();
        EarlyStopping stopping = watchers.stopping();
        TrainConfig.Optimizer opt = config.optimizer();

        FusedPass local = new FusedPass(engine);
        Pass pass = trainingPass != null ? trainingPass : local;
        var x = train.rows();
        int[] y = train.labelArray();
        int n = train.size();
        SplittableRandom random = new SplittableRandom(config.seed());
        random.split(); // the initializer's stream (see initialParameters)
        SplittableRandom batchRandom = random.split();
        Parameters params = initial.copy();
        Parameters grad = Parameters.zeros(params.classes(), params.dim(), params.hasSeparateBias(), params.biasInLastColumn());
        Parameters lastGood = params.copy();
        Objective objective = config.objective();
        float[][] paramArrays = params.arrays();
        float[][] gradArrays = grad.arrays();
        UpdateRule rule = opt.update().copy();
        rule.start(paramArrays);
        if (resume != null) {
            if (resume.epochsDone() >= opt.epochs()) {
                throw new IllegalArgumentException("the checkpoint is after epoch " + resume.epochsDone() + " of "
                        + opt.epochs() + ": the run had already ended");
            }
            rule.restore(resume.rule());
        }

        int batch = Math.min(opt.batchSize(), n);
        int stepsPerEpoch = (n + batch - 1) / batch;
        long totalSteps = (long) stepsPerEpoch * opt.epochs();
        TrainingPlan plan = new TrainingPlan(opt.epochs(), stepsPerEpoch, batch, n, validation.size(), train.dim(),
                train.classCount(), pass.kernelName(), initial.copy());
        all.forEach(l -> l.onStart(plan));

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] drawn = opt.sampling() == TrainConfig.Sampling.REPLACEMENT ? new int[batch] : null;
        long globalStep = 0;
        int epoch = 1;
        if (resume != null) {
            // the batches of the epochs done, drawn again from the seed: the next epoch's order is the same
            for (int e = 1; e <= resume.epochsDone(); e++) {
                if (drawn == null && batch < n) {
                    Randoms.shuffle(order, batchRandom);
                } else if (drawn != null) {
                    for (long k = 0; k < (long) stepsPerEpoch * batch; k++) {
                        batchRandom.nextInt(n);
                    }
                }
            }
            epoch = resume.epochsDone() + 1;
            globalStep = resume.globalStep();
        }
        boolean stopped = false;
        for (; epoch <= opt.epochs() && !stopped; epoch++) {
            long epochStart = System.nanoTime();
            if (drawn == null && batch < n) {
                Randoms.shuffle(order, batchRandom);
            }
            double lossSum = 0;
            double rightSum = 0;
            long rowsSeen = 0;
            int stepsRun = 0;
            for (int step = 0; step < stepsPerEpoch; step++) {
                stepsRun++;
                Objective.Value value;
                int rows = batch;
                if (drawn != null) {
                    for (int k = 0; k < batch; k++) {
                        drawn[k] = batchRandom.nextInt(n);
                    }
                    value = objective.valueAndGradient(pass, params, x, y, drawn, 0, batch, grad);
                } else {
                    int from = step * batch;
                    int to = Math.min(n, from + batch);
                    rows = to - from;
                    value = objective.valueAndGradient(pass, params, x, y, order, from, to, grad);
                }
                if (!Double.isFinite(value.total())) {
                    throw diverged(value, epoch, step, globalStep, lastGood);
                }
                lossSum += value.total();
                rightSum += value.accuracy() * rows;
                rowsSeen += rows;
                lastGood.set(params);
                double lr = opt.rate(globalStep, stepsPerEpoch, totalSteps);
                rule.step(paramArrays, gradArrays, lr);
                if (opt.maxNorm() > 0) {
                    clipRows(params, opt.maxNorm());
                }
                StepReport report = new StepReport(epoch, step, globalStep, value, lr, grad.norm(), params, rows);
                for (TrainingListener l : all) {
                    l.onStep(report);
                }
                globalStep++;
                if (stopRequested(all)) {
                    stopped = true;
                    break;
                }
            }
            if (!params.isFinite()) {
                throw diverged(new Objective.Value(Double.NaN, Double.NaN, Double.NaN), epoch, stepsPerEpoch - 1,
                        globalStep - 1, lastGood);
            }
            // the epoch's batches, each scored at the weights before its step: read from the pass, no extra pass
            double trainAcc = rightSum / rowsSeen;
            Objective.Value val = validation.isEmpty() ? null
                    : objective.value(local, params, validation.rows(), validation.labelArray());
            double valAcc = val == null ? Double.NaN : val.accuracy();
            double valLoss = val == null ? Double.NaN : val.total();
            EpochReport report = new EpochReport(epoch, opt.epochs(), lossSum / stepsRun, trainAcc, valAcc, valLoss,
                    (System.nanoTime() - epochStart) / 1e9);
            all.forEach(l -> l.onEpoch(report));
            stopped |= stopRequested(all);
            if (sink != null && epoch % every == 0 && epoch < opt.epochs() && !stopped) {
                sink.save(watchers.checkpoint(epoch, globalStep, params, rule));
            }
        }
        int epochsRun = epoch - 1;
        RunEnd end = new RunEnd(epochsRun, params);
        all.forEach(l -> l.onEnd(end));
        Objective.Value last = objective.value(pass, params, x, y);
        double finalLoss = last.total();
        LinearModel model = new LinearModel(train.classNames(), train.pipeline(), params, objective.loss(),
                new Provenance(config.toJson(), train.source(), Provenance.currentVersion(), pass.kernelName(), created));
        EpochReport kept = stopping != null ? stopping.bestReport() : history.lastEpoch();
        // the final training accuracy is the model's own (one scores pass, shared with the final loss); an epoch's
        // figure is its batches' accuracy before each step
        return new Result(model, history, finalLoss, last.accuracy(), kept.validationAccuracy(),
                (System.nanoTime() - started) / 1e9, kept.epoch(), stopping != null && stopping.stoppedEarly());
    }

    private static boolean stopRequested(List<TrainingListener> listeners) {
        return Watchers.stopRequested(listeners);
    }

    /**
     * Refuses a run that cannot go as asked, before any work: the training rows no learner can fit, a checkpoint
     * interval below 1, validation rows of another pipeline, a starting W (given, or a
     * checkpoint's) of another shape than the data's.
     */
    public void requireRunnable(Dataset train, Dataset validation, Parameters initial, Checkpoint resume, int every,
                                CheckpointSink sink) {
        train.requireLearnable("the training rows");
        if (sink != null && every < 1) {
            throw new IllegalArgumentException("a checkpoint every " + every + " epochs: give 1 or more");
        }
        if (!validation.isEmpty() && !validation.pipeline().equals(train.pipeline())) {
            throw new IllegalArgumentException("the validation rows were made by another pipeline than the training rows");
        }
        if (initial.classes() != train.classCount() || initial.dim() != train.dim()
                || initial.biasInLastColumn() != train.pipeline().biasTrick()) {
            throw new IllegalArgumentException("the " + (resume != null ? "checkpoint's" : "initial") + " W is "
                    + initial.classes() + "x" + initial.dim() + " but the data needs " + train.classCount() + "x"
                    + train.dim() + (resume != null ? ": it is another model's" : ""));
        }
    }

    /**
     * What watches a run: its history (continuing a checkpoint's), early stopping when the config asks for it and there
     * are validation rows (continuing a checkpoint's state), then the caller's listeners; every trainer's loop reports
     * to {@link #all} and makes its checkpoints with {@link #checkpoint}.
     */
    public record Watchers(History history, EarlyStopping stopping, List<TrainingListener> all) {
        public static Watchers of(TrainConfig config, Checkpoint resume, Dataset validation,
                                  TrainingListener... listeners) {
            History history = resume != null ? resume.history().copy() : new History();
            List<TrainingListener> all = new ArrayList<>();
            all.add(history);
            all.addAll(List.of(listeners));
            TrainConfig.Stopping stop = config.stopping();
            EarlyStopping stopping = stop.patience() > 0 && !validation.isEmpty()
                    ? new EarlyStopping(stop.patience(), stop.monitor()) : null;
            if (stopping != null) {
                all.add(stopping);
                if (resume != null && resume.stopping() != null) {
                    stopping.restore(resume.stopping());
                }
            }
            return new Watchers(history, stopping, all);
        }

        /** Where the run stands after {@code epochsDone} epochs: copies of the weights and the rule's state. */
        public Checkpoint checkpoint(int epochsDone, long globalStep, Parameters params, UpdateRule rule) {
            return new Checkpoint(epochsDone, globalStep, params.copy(), rule.state(), history,
                    stopping == null ? null : stopping.state());
        }

        /** True when a listener asks the run to stop. */
        public boolean stopRequested() {
            return stopRequested(all);
        }

        static boolean stopRequested(List<TrainingListener> listeners) {
            boolean stop = false;
            for (TrainingListener l : listeners) {
                stop |= l.stopRequested();
            }
            return stop;
        }
    }

    /** Scales every class's weight row (without a folded bias) back to norm {@code max} when it is longer. */
    public static void clipRows(Parameters p, double max) {
        float[] w = p.w();
        int dim = p.dim();
        int cols = p.biasInLastColumn() ? dim - 1 : dim;
        for (int c = 0; c < p.classes(); c++) {
            double sq = 0;
            for (int j = 0, o = c * dim; j < cols; j++) {
                sq += (double) w[o + j] * w[o + j];
            }
            double norm = Math.sqrt(sq);
            if (norm > max) {
                float f = (float) (max / norm);
                for (int j = 0, o = c * dim; j < cols; j++) {
                    w[o + j] *= f;
                }
            }
        }
    }

    /** The error a run that diverged at this step ends with: where, and the rate to try instead. */
    public DivergedException diverged(Objective.Value value, int epoch, int step, long globalStep, Parameters lastGood) {
        return new DivergedException("training diverged: the loss became " + value.total() + " at epoch " + epoch + ", step "
                + (step + 1) + " (learning rate " + config.optimizer().lr() + "); the steps overshoot, so try a smaller"
                + " learning rate such as --lr " + Settings.shortNumber(suggestedRate()),
                lastGood.copy(), epoch,
                globalStep);
    }

    /**
     * A rate to try after a divergence: this rule's default for this loss when it is smaller than the rate that
     * diverged, else a tenth of that rate.
     */
    double suggestedRate() {
        double lr = config.optimizer().lr();
        double dflt = Settings.defaultLr(config);
        return dflt < lr / 2 ? dflt : lr / 10;
    }

}
