package dev.slope.optimize;

import dev.slope.data.ImageSet;
import dev.slope.data.Split;
import dev.slope.loss.Losses;
import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Objective;
import dev.slope.optimize.TrainingListener.EpochReport;
import dev.slope.optimize.TrainingListener.StepReport;
import dev.slope.optimize.TrainingListener.TrainingPlan;
import dev.slope.preprocess.PixelRows;
import dev.slope.preprocess.Preprocessing;
import dev.slope.regularize.Regularizers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gradient descent on the {@link Objective}: full batch ({@link TrainConfig#FULL_BATCH}), stochastic (1) or
 * mini-batch (any other size), one {@link UpdateRule} step per batch at the rate its
 * {@link LearningRateSchedule} gives, epochs of shuffled batches (or batches drawn with replacement),
 * optionally a max-norm constraint per class and early stopping on the validation split that restores
 * the best weights. The same seed gives the same run, step for step.
 *
 * <p>When a batch's loss turns NaN or infinite the run stops with a {@link DivergedException} that
 * holds the last parameters whose loss was finite.
 */
public final class Trainer {
    private final TrainConfig config;
    private final FusedPass pass;

    public Trainer(TrainConfig config, FusedPass pass) {
        this.config = config;
        this.pass = pass;
    }

    /**
     * What a run produced. Accuracies are fractions in [0, 1]; NaN where there was nothing to measure.
     *
     * @param bestEpoch the epoch whose weights the model holds (the last, unless early stopping restored an
     *                  earlier one)
     * @param stoppedEarly whether early stopping ended the run before its last epoch
     */
    public record Result(LinearModel model, History history, double finalLoss, double trainAccuracy,
                         double validationAccuracy, double seconds, int bestEpoch, boolean stoppedEarly) {
    }

    /** The objective the config describes. */
    public Objective objective() {
        return objective(config);
    }

    /** The objective a config describes: its loss plus λ times its regularizer. */
    public static Objective objective(TrainConfig config) {
        return new Objective(Losses.of(config.loss(), config.margin(), config.squaredHinge()),
                Regularizers.of(config.regType(), config.elasticBeta()), config.reg(), config.penalizeBias());
    }

    /** Holds out the validation split of {@code all} with the config's seed and fraction, then trains. */
    public Result train(ImageSet all, TrainingListener... listeners) {
        Split split = Split.holdOut(all, config.valFraction(), config.seed());
        return train(split.train(), split.validation(), listeners);
    }

    /** Trains on {@code train}, reporting accuracy on {@code validation} (which may be empty) every epoch. */
    public Result train(ImageSet train, ImageSet validation, TrainingListener... listeners) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("nothing to train on: the training split is empty");
        }
        long started = System.nanoTime();
        History history = new History();
        List<TrainingListener> all = new ArrayList<>(List.of(listeners));
        all.add(0, history);

        Preprocessing pre = Preprocessing.fit(train, config.pixelScale(), config.meanImage(), config.biasTrick());
        PixelRows x = new PixelRows(train, pre);
        int[] y = train.labels();
        PixelRows xVal = new PixelRows(validation, pre);
        int[] yVal = validation.labels();
        int n = train.size();
        int classes = train.classCount();
        SplittableRandom random = new SplittableRandom(config.seed());
        Parameters params = initialize(classes, pre.inputDim(), !config.biasTrick(), config.biasTrick(),
                config.initScale(), random.split());
        Parameters grad = Parameters.zeros(classes, pre.inputDim(), !config.biasTrick(), config.biasTrick());
        Parameters lastGood = params.copy();
        Objective objective = objective();
        UpdateRule rule = UpdateRules.of(config.update(), config.rule());
        EarlyStopping stopping = config.patience() > 0 && validation.size() > 0
                ? new EarlyStopping(config.patience(), config.monitor()) : null;

        int batch = Math.min(config.batchSize(), n);
        int stepsPerEpoch = (n + batch - 1) / batch;
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        TrainingPlan plan = new TrainingPlan(config.epochs(), stepsPerEpoch, batch, n, validation.size(), pre.inputDim(),
                classes, pass.kernelName());
        all.forEach(l -> l.onStart(plan));

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] drawn = config.sampling() == TrainConfig.Sampling.REPLACEMENT ? new int[batch] : null;
        SplittableRandom batchRandom = random.split();
        float[][] paramArrays = arrays(params);
        float[][] gradArrays = arrays(grad);
        long globalStep = 0;
        int[] predicted = new int[Math.max(n, validation.size())];
        int epoch = 1;
        boolean stoppedEarly = false;
        boolean stoppedByListener = false;
        for (; epoch <= config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            if (drawn == null && batch < n) {
                Split.shuffle(order, batchRandom);
            }
            double lossSum = 0;
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
                lastGood.set(params);
                double lr = config.schedule().rate(config.lr(), globalStep, stepsPerEpoch, totalSteps);
                rule.step(paramArrays, gradArrays, lr);
                if (config.maxNorm() > 0) {
                    clipRows(params, config.maxNorm());
                }
                StepReport report = new StepReport(epoch, step, globalStep, value, lr, grad.norm(), params, rows);
                boolean stop = false;
                for (TrainingListener l : all) {
                    l.onStep(report);
                    stop |= l.stopRequested();
                }
                globalStep++;
                if (stop) {
                    stoppedByListener = true;
                    break;
                }
            }
            if (!params.isFinite()) {
                throw diverged(new Objective.Value(Double.NaN, Double.NaN, Double.NaN), epoch, stepsPerEpoch - 1,
                        globalStep - 1, lastGood);
            }
            double trainAcc = accuracy(params, x, y, predicted);
            double valAcc = validation.size() == 0 ? Double.NaN : accuracy(params, xVal, yVal, predicted);
            double valLoss = validation.size() == 0 ? Double.NaN : objective.value(pass, params, xVal, yVal).total();
            EpochReport report = new EpochReport(epoch, config.epochs(), lossSum / stepsRun, trainAcc, valAcc, valLoss,
                    (System.nanoTime() - epochStart) / 1e9);
            all.forEach(l -> l.onEpoch(report));
            if (stoppedByListener) {
                break;
            }
            if (stopping != null && stopping.stop(report, params) && epoch < config.epochs()) {
                stoppedEarly = true;
                break;
            }
        }
        int bestEpoch = Math.min(epoch, config.epochs());
        if (stopping != null) {
            params.set(stopping.best());
            bestEpoch = stopping.bestReport().epoch();
        }
        double finalLoss = objective.value(pass, params, x, y).total();
        LinearModel model = new LinearModel(train.classNames(), train.height(), train.width(), train.channels(), pre,
                params, new LinearModel.LossSpec(config.loss(), config.margin(), config.squaredHinge()), config.toMap());
        EpochReport kept = stopping != null ? stopping.bestReport() : history.epochs().get(history.epochs().size() - 1);
        return new Result(model, history, finalLoss, kept.trainAccuracy(), kept.validationAccuracy(),
                (System.nanoTime() - started) / 1e9, bestEpoch, stoppedEarly);
    }

    /** Scales every class's weight row (without a folded bias) back to norm {@code max} when it is longer. */
    static void clipRows(Parameters p, double max) {
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

    private DivergedException diverged(Objective.Value value, int epoch, int step, long globalStep, Parameters lastGood) {
        return new DivergedException("training diverged: the loss became " + value.total() + " at epoch " + epoch + ", step "
                + (step + 1) + " (learning rate " + config.lr() + "); the steps overshoot, so try a smaller learning rate"
                + " such as --lr " + String.format(java.util.Locale.ROOT, "%.3g", config.lr() / 10), lastGood.copy(), epoch,
                globalStep);
    }

    private double accuracy(Parameters params, PixelRows rows, int[] labels, int[] predicted) {
        if (rows.rows() == 0) {
            return Double.NaN;
        }
        pass.predict(params, rows, 0, rows.rows(), predicted);
        int correct = 0;
        for (int i = 0; i < rows.rows(); i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / rows.rows();
    }

    /** W = scale·N(0, 1) drawn from the random source, b = 0. */
    public static Parameters initialize(int classes, int dim, boolean separateBias, boolean biasInLastColumn, double scale,
                                        SplittableRandom random) {
        Parameters p = Parameters.zeros(classes, dim, separateBias, biasInLastColumn);
        float[] w = p.w();
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (scale * gaussian(random));
        }
        if (biasInLastColumn) {
            for (int c = 0; c < classes; c++) {
                w[c * dim + dim - 1] = 0f;
            }
        }
        return p;
    }

    /** A standard normal draw (Box–Muller; SplittableRandom has no nextGaussian on Java 17). */
    public static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static float[][] arrays(Parameters p) {
        return p.hasSeparateBias() ? new float[][] {p.w(), p.b()} : new float[][] {p.w()};
    }
}
