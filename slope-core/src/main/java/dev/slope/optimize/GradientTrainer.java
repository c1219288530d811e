package dev.slope.optimize;

import dev.slope.learn.History;
import dev.slope.learn.TrainingListener;
import dev.slope.learn.Learner;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.model.Provenance;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Pass;
import dev.slope.objective.Objective;
import dev.slope.learn.TrainingListener.EpochReport;
import dev.slope.learn.TrainingListener.RunEnd;
import dev.slope.learn.TrainingListener.StepReport;
import dev.slope.learn.TrainingListener.TrainingPlan;
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
    private final Steps.Maker steps;
    private final Pass validationPass;

    /** @param engine runs the passes; owned by the caller */
    public GradientTrainer(TrainConfig config, BatchEngine engine) {
        this(config, engine, (c, train) -> StochasticSteps.applies(c, train) ? new StochasticSteps(c, engine, train)
                : new LocalSteps(c, new FusedPass(engine, train)));
    }

    private GradientTrainer(TrainConfig config, BatchEngine engine, Steps.Maker steps) {
        this(config, engine, steps, null);
    }

    private GradientTrainer(TrainConfig config, BatchEngine engine, Steps.Maker steps, Pass validationPass) {
        this.config = config;
        this.engine = engine;
        this.steps = steps;
        this.validationPass = validationPass;
    }

    /**
     * This trainer with the training rows' batches (and the final training loss) computed by {@code pass} (slope-spark's
     * {@code SparkPass}: the rows on a cluster), the validation rows still on this machine's engine.
     */
    public GradientTrainer withTrainingPass(Pass pass) {
        return withSteps((c, train) -> new LocalSteps(c, pass));
    }

    /**
     * This trainer with its steps taken by {@code steps} (slope-spark's local SGD: a round of steps on every partition),
     * the validation rows still on this machine's engine. The same loop runs: schedules, update rules, history, early
     * stopping, checkpoints, resuming.
     */
    public GradientTrainer withSteps(Steps.Maker steps) {
        return new GradientTrainer(config, engine, steps, validationPass);
    }

    /**
     * This trainer with the validation rows scored by {@code pass} (slope-spark's {@code SparkPass}: validation rows
     * that live on a cluster, split from a DataFrame), which must hold exactly the validation rows the run is given.
     */
    public GradientTrainer withValidationPass(Pass pass) {
        return new GradientTrainer(config, engine, steps, pass);
    }

    public TrainConfig config() {
        return config;
    }

    /**
     * Whether a run of {@code config} on rows held here takes the fused stochastic step (batch 1, any update rule, L2 or
     * no penalty), which reads one row at a time and uses the block kernels only for its validation and final passes.
     */
    public static boolean takesFusedSteps(TrainConfig config) {
        return StochasticSteps.applies(config);
    }

    /**
     * Compiles what a run of {@code config} on Fashion-MNIST-sized pixel rows (785 columns with the bias, 10 classes)
     * calls most, on a background thread, so it can overlap the reading of the data: the data's SHA-256 (its
     * provenance), then the fused stochastic step's methods (a short run of it on random images) when the run takes it,
     * else the pass's block kernels ({@link FusedPass#warmUpNow}). Returns the thread; join it before the run.
     */
    public static Thread warmUp(TrainConfig config) {
        Runnable steps = takesFusedSteps(config) ? () -> StochasticSteps.warmUpNow(config)
                : () -> FusedPass.warmUpNow(dev.slope.linalg.RowKernel.best(), config.objective().loss(), 785, 10);
        return FusedPass.warmUp(() -> {
            dev.slope.data.DatasetInfo.warmUp(); // the run hashes its data first
            steps.run();
        });
    }

    /** The engine the local passes (the validation rows', and the training rows' unless another pass is given) run on. */
    public BatchEngine engine() {
        return engine;
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
     * How a run meets checkpoints: the one it continues (null: a new run from {@link #initialParameters}) and where it
     * hands a new one every {@code every} epochs (null: nowhere).
     */
    public record Checkpointing(Checkpoint from, int every, CheckpointSink sink) {
        /** A new run that saves no checkpoint. */
        public static final Checkpointing NONE = new Checkpointing(null, 0, null);
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
     * Continues a run from {@code checkpointing.from()} (null: a new run from {@link #initialParameters}), handing a
     * checkpoint to its sink after every {@code every} epochs (no sink: none). The rows and config must be the
     * checkpoint's run's: the same seed and split give the same batches.
     */
    public Result train(Dataset train, Dataset validation, Checkpointing checkpointing, TrainingListener... listeners) {
        Checkpoint from = checkpointing.from();
        return train(train, validation, from == null ? initialParameters(train) : from.parameters(), from,
                checkpointing.every(), checkpointing.sink(), listeners);
    }

    private Result train(Dataset train, Dataset validation, Parameters initial, Checkpoint resume, int every,
                         CheckpointSink sink, TrainingListener... listeners) {
        requireRunnable(train, validation, initial, resume, every, sink);
        long started = System.nanoTime();
        // the creation time is read first, so a malformed SOURCE_DATE_EPOCH fails before the work, not after
        String created = Provenance.creationTime();
        Watchers watchers = Watchers.of(config, resume, validation, listeners);
        History history = watchers.history();
        List<TrainingListener> all = watchers.all();
        EarlyStopping stopping = watchers.stopping();
        TrainConfig.Optimizer opt = config.optimizer();

        Steps steps = this.steps.make(config, train);
        if (steps.pass().rows() != train.size()) {
            throw new IllegalArgumentException("the steps' pass holds " + steps.pass().rows() + " rows but the training"
                    + " set has " + train.size());
        }
        Parameters params = initial.copy();
        Parameters lastGood = params.copy();
        Objective objective = config.objective();
        UpdateRule rule = opt.update().copy();
        rule.start(params.arrays());
        if (resume != null) {
            if (resume.epochsDone() >= opt.epochs()) {
                throw new IllegalArgumentException("the checkpoint is after epoch " + resume.epochsDone() + " of "
                        + opt.epochs() + ": the run had already ended");
            }
            rule.restore(resume.rule());
        }
        int perEpoch = steps.perEpoch();
        // a checkpoint counts the schedule's steps (batches), whoever took them, so any trainer may resume it
        int n = train.size();
        long batchesPerEpoch = (n + Math.min(opt.batchSize(), n) - 1) / Math.min(opt.batchSize(), n);
        TrainingPlan plan = new TrainingPlan(opt.epochs(), perEpoch, steps.batchSize(), n, validation.size(),
                train.dim(), train.classCount(), steps.pass().kernelName(), initial.copy(), train.classNames(),
                train.pipeline());
        all.forEach(l -> l.onStart(plan));
        Pass validating = validation.isEmpty() ? null : validationPass != null ? validationPass
                : steps.validationPass(engine, validation);
        if (validating != null && validating.rows() != validation.size()) {
            throw new IllegalArgumentException("the validation pass holds " + validating.rows() + " rows but the"
                    + " validation set has " + validation.size());
        }

        long globalStep = 0;
        int epoch = 1;
        if (resume != null) {
            // the batches of the epochs done, drawn again from the seed: the next epoch's are the same
            for (int e = 1; e <= resume.epochsDone(); e++) {
                steps.skipEpoch(e);
            }
            epoch = resume.epochsDone() + 1;
            globalStep = (long) resume.epochsDone() * perEpoch;
        }
        boolean stopped = false;
        // what each step's report gives a listener that asks for the weights: made once, not per step
        java.util.function.Supplier<Parameters> weights = () -> steps.current(params);
        for (; epoch <= opt.epochs() && !stopped; epoch++) {
            long epochStart = System.nanoTime();
            steps.startEpoch(epoch);
            double lossSum = 0;
            long right = 0;
            long rowsSeen = 0;
            int stepsRun = 0;
            for (int step = 0; step < perEpoch; step++) {
                stepsRun++;
                Steps.Taken taken = steps.take(epoch, step, params, lastGood, rule);
                if (!Double.isFinite(taken.value().total())) {
                    throw diverged(taken.value(), epoch, step, globalStep, lastGood);
                }
                lossSum += taken.value().total();
                right += taken.correct();
                rowsSeen += taken.rows();
                StepReport report = new StepReport(epoch, step, globalStep, taken.value(), taken.learningRate(),
                        taken.gradientNorm(), weights, taken.rows());
                for (TrainingListener l : all) {
                    l.onStep(report);
                }
                globalStep++;
                if (stopRequested(all)) {
                    stopped = true;
                    break;
                }
            }
            steps.settle(params);
            if (!params.isFinite()) {
                throw diverged(new Objective.Value(Double.NaN, Double.NaN, Double.NaN), epoch, perEpoch - 1,
                        globalStep - 1, lastGood);
            }
            // the epoch's batches, each scored at the weights before its step: read from the pass, no extra pass
            double trainAcc = (double) right / rowsSeen;
            Objective.Value val = validating == null ? null : objective.value(validating, params);
            double valAcc = val == null ? Double.NaN : val.accuracy();
            double valLoss = val == null ? Double.NaN : val.total();
            EpochReport report = new EpochReport(epoch, opt.epochs(), lossSum / stepsRun, trainAcc, valAcc, valLoss,
                    (System.nanoTime() - epochStart) / 1e9);
            all.forEach(l -> l.onEpoch(report));
            stopped |= stopRequested(all);
            if (sink != null && epoch % every == 0 && epoch < opt.epochs() && !stopped) {
                sink.save(watchers.checkpoint(epoch, epoch * batchesPerEpoch, params, rule));
            }
        }
        int epochsRun = epoch - 1;
        RunEnd end = new RunEnd(epochsRun, params);
        all.forEach(l -> l.onEnd(end));
        Objective.Value last = objective.value(steps.pass(), params);
        double finalLoss = last.total();
        LinearModel model = new LinearModel(train.classNames(), train.pipeline(), params, objective.loss(),
                new Provenance(config.toJson(), train.source(), Provenance.currentVersion(), steps.pass().kernelName(),
                        created));
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
        double lr = config.optimizer().lr();
        String suggested = Settings.shortNumber(suggestedRate());
        return new DivergedException(n -> "training diverged: the loss became " + value.total() + " at epoch " + epoch
                + ", step " + (step + 1) + " (learning rate " + lr + "); the steps overshoot, so try a smaller"
                + " learning rate such as " + n.name("lr") + " " + suggested,
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
