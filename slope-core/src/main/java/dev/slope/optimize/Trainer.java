package dev.slope.optimize;

import dev.slope.data.ImageSet;
import dev.slope.data.Split;
import dev.slope.loss.Losses;
import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Objective;
import dev.slope.optimize.TrainingListener.EpochReport;
import dev.slope.optimize.TrainingListener.TrainingPlan;
import dev.slope.preprocess.PixelRows;
import dev.slope.preprocess.Preprocessing;
import dev.slope.regularize.Regularizers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gradient descent on the {@link Objective}: full batch ({@link TrainConfig#FULL_BATCH}), stochastic (1) or
 * mini-batch (any other size), one {@link UpdateRule} step per batch, epochs of shuffled batches (or
 * batches drawn with replacement). The same seed gives the same run, step for step.
 *
 * <p>When a batch's loss turns NaN or infinite the run stops with a {@link DivergedException} that
 * holds the last parameters whose loss was finite.
 */
public final class Trainer {
    private final TrainConfig config;
    private final FusedPass pass;
    private final UpdateRule rule;

    public Trainer(TrainConfig config, FusedPass pass) {
        this(config, pass, new Sgd());
    }

    public Trainer(TrainConfig config, FusedPass pass, UpdateRule rule) {
        this.config = config;
        this.pass = pass;
        this.rule = rule;
    }

    /** What a run produced. Accuracies are fractions in [0, 1]; NaN where there was nothing to measure. */
    public record Result(LinearModel model, History history, double finalLoss, double trainAccuracy,
                         double validationAccuracy, double seconds) {
    }

    /** The objective the config describes. */
    public Objective objective() {
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

        int batch = Math.min(config.batchSize(), n);
        int stepsPerEpoch = (n + batch - 1) / batch;
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
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            if (drawn == null && batch < n) {
                Split.shuffle(order, batchRandom);
            }
            double lossSum = 0;
            for (int step = 0; step < stepsPerEpoch; step++) {
                Objective.Value value;
                if (drawn != null) {
                    for (int k = 0; k < batch; k++) {
                        drawn[k] = batchRandom.nextInt(n);
                    }
                    value = objective.valueAndGradient(pass, params, x, y, drawn, 0, batch, grad);
                } else {
                    int from = step * batch;
                    int to = Math.min(n, from + batch);
                    value = objective.valueAndGradient(pass, params, x, y, order, from, to, grad);
                }
                if (!Double.isFinite(value.total())) {
                    throw diverged(value, epoch, step, globalStep, lastGood);
                }
                lossSum += value.total();
                lastGood.set(params);
                rule.step(paramArrays, gradArrays, config.lr());
                for (TrainingListener l : all) {
                    l.onStep(epoch, step, globalStep, value);
                }
                globalStep++;
            }
            if (!params.isFinite()) {
                throw diverged(new Objective.Value(Double.NaN, Double.NaN, Double.NaN), epoch, stepsPerEpoch - 1,
                        globalStep - 1, lastGood);
            }
            double trainAcc = accuracy(params, x, y, predicted);
            double valAcc = validation.size() == 0 ? Double.NaN : accuracy(params, xVal, yVal, predicted);
            EpochReport report = new EpochReport(epoch, config.epochs(), lossSum / stepsPerEpoch, trainAcc, valAcc,
                    (System.nanoTime() - epochStart) / 1e9);
            all.forEach(l -> l.onEpoch(report));
        }
        double finalLoss = objective.value(pass, params, x, y).total();
        LinearModel model = new LinearModel(train.classNames(), train.height(), train.width(), train.channels(), pre,
                params, new LinearModel.LossSpec(config.loss(), config.margin(), config.squaredHinge()), config.toMap());
        List<EpochReport> epochs = history.epochs();
        EpochReport last = epochs.get(epochs.size() - 1);
        return new Result(model, history, finalLoss, last.trainAccuracy(), last.validationAccuracy(),
                (System.nanoTime() - started) / 1e9);
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
