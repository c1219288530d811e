package dev.slope.optimize;

import dev.slope.loss.Losses;
import dev.slope.model.Initializer;
import dev.slope.model.LinearModel;
import dev.slope.objective.Objective;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import dev.slope.regularize.Regularizers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides a training run, with the defaults in one place ({@link #DEFAULTS}). Each field
 * is one long flag of {@code slope train} (camelCase here, kebab-case there, snake_case in JSON and model
 * files). The defaults give a good softmax model on the shipped Fashion-MNIST subset.
 *
 * @param loss          "softmax" or "svm"
 * @param margin        the SVM margin Δ
 * @param squaredHinge  the SVM's squared hinge
 * @param regType       "none", "l2", "l1" or "elasticnet"
 * @param reg           λ, the regularization strength
 * @param elasticBeta   β of the elastic net Σ(βW² + |W|)
 * @param penalizeBias  also regularize the bias
 * @param lr            the learning rate η of {@code W −= η·∂L/∂W}
 * @param batchSize     examples per step: 1 is stochastic, 32..512 mini-batch, {@link #FULL_BATCH} (or any size
 *                      at least the training split's) is batch gradient descent
 * @param epochs        passes over the training split
 * @param seed          makes the run repeat exactly (initial W, split, batch order)
 * @param sampling      how batches are drawn
 * @param valFraction   share of the training images held out for validation
 * @param initScale     the initial W is initScale·N(0, 1)
 * @param biasTrick     fold the bias into W as a last column (x gets a 1 appended) instead of a separate b
 * @param meanImage     subtract the mean training image
 * @param pixelScale    multiplies every pixel before the mean is subtracted
 * @param update        the update rule, one of {@link UpdateRules#NAMES}
 * @param rule          the update rules' own settings (momentum, decay rate, Adam's betas, ε)
 * @param schedule      how the learning rate changes over the run
 * @param patience      early stopping: epochs without a better validation figure before stopping, and
 *                      the best weights restored; 0 turns it off
 * @param monitor       the validation figure early stopping watches
 * @param maxNorm       if above 0, every class's weight row (bias excluded) is scaled back to this
 *                      Euclidean norm after each step when it grows past it
 */
public record TrainConfig(String loss, double margin, boolean squaredHinge, String regType, double reg, double elasticBeta,
                          boolean penalizeBias, double lr, int batchSize, int epochs, long seed, Sampling sampling,
                          double valFraction, double initScale, boolean biasTrick, boolean meanImage, float pixelScale,
                          String update, UpdateRules.Settings rule, LearningRateSchedule schedule, int patience,
                          Monitor monitor, double maxNorm) {

    /** What early stopping watches on the validation split. */
    public enum Monitor {
        /** stop when validation accuracy has not risen for {@code patience} epochs */
        ACCURACY,
        /** stop when the validation loss has not fallen for {@code patience} epochs */
        LOSS
    }

    /** How each epoch's batches are drawn. */
    public enum Sampling {
        /** a fresh permutation per epoch, cut into consecutive batches: every example once per epoch */
        SHUFFLE,
        /** each batch drawn uniformly with replacement */
        REPLACEMENT
    }

    /** The batch size that means "the whole training split": batch gradient descent. */
    public static final int FULL_BATCH = Integer.MAX_VALUE;

    public static final TrainConfig DEFAULTS = new TrainConfig("softmax", 1.0, false, "l2", 1e-4,
            Regularizers.DEFAULT_BETA, false, 0.3, 200, 20, 1, Sampling.SHUFFLE, 0.1, 0.001, true, true,
            Preprocessing.DEFAULT_SCALE, "sgd", UpdateRules.Settings.DEFAULTS, LearningRateSchedule.CONSTANT, 0,
            Monitor.ACCURACY, 0);

    public TrainConfig {
        Losses.of(loss, margin, squaredHinge);
        Regularizers.of(regType, elasticBeta);
        if (!Double.isFinite(reg) || reg < 0) {
            throw new IllegalArgumentException("--reg must be a finite number >= 0, got " + reg);
        }
        if (!Double.isFinite(lr) || lr <= 0) {
            throw new IllegalArgumentException("--lr must be a finite number > 0, got " + lr);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1 (or 'full' for the whole training split),"
                    + " got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + valFraction);
        }
        if (!Double.isFinite(initScale) || initScale < 0) {
            throw new IllegalArgumentException("--init-scale must be a finite number >= 0, got " + initScale);
        }
        if (!Float.isFinite(pixelScale) || pixelScale <= 0) {
            throw new IllegalArgumentException("--pixel-scale must be a finite number > 0, got " + pixelScale);
        }
        if (sampling == null) {
            throw new IllegalArgumentException("sampling must be shuffle or replacement");
        }
        UpdateRules.of(update, rule);
        if (schedule == null || monitor == null) {
            throw new IllegalArgumentException("a schedule and a monitor are required");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("--patience must be >= 0 (0 turns early stopping off), got " + patience);
        }
        if (!Double.isFinite(maxNorm) || maxNorm < 0) {
            throw new IllegalArgumentException("--max-norm must be a finite number >= 0 (0 turns it off), got " + maxNorm);
        }
    }

    /** The objective: the loss plus λ times the regularizer. */
    public Objective objective() {
        return new Objective(Losses.of(loss, margin, squaredHinge), Regularizers.of(regType, elasticBeta), reg, penalizeBias);
    }

    /** The loss as a model file records it. */
    public LinearModel.LossSpec lossSpec() {
        return new LinearModel.LossSpec(loss, margin, squaredHinge);
    }

    /** How the starting W is drawn. */
    public Initializer initializer() {
        return new Initializer(initScale);
    }

    /** The preprocessing settings, to be fitted on a training split. */
    public Pipeline.Spec pipelineSpec() {
        return new Pipeline.Spec(pixelScale, meanImage, biasTrick);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** The settings as flag name → value, in snake_case: what a model file records. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("margin", Double.toString(margin));
        m.put("squared_hinge", Boolean.toString(squaredHinge));
        m.put("reg_type", regType);
        m.put("reg", Double.toString(reg));
        m.put("elastic_beta", Double.toString(elasticBeta));
        m.put("penalize_bias", Boolean.toString(penalizeBias));
        m.put("lr", Double.toString(lr));
        m.put("batch_size", batchSize == FULL_BATCH ? "full" : Integer.toString(batchSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("seed", Long.toString(seed));
        m.put("sampling", sampling.name().toLowerCase());
        m.put("val_fraction", Double.toString(valFraction));
        m.put("init_scale", Double.toString(initScale));
        m.put("bias_trick", Boolean.toString(biasTrick));
        m.put("mean_image", Boolean.toString(meanImage));
        m.put("pixel_scale", Float.toString(pixelScale));
        m.put("update", update);
        m.put("momentum", Double.toString(rule.momentum()));
        m.put("decay_rate", Double.toString(rule.decay()));
        m.put("beta1", Double.toString(rule.beta1()));
        m.put("beta2", Double.toString(rule.beta2()));
        m.put("epsilon", Double.toString(rule.epsilon()));
        m.put("lr_schedule", schedule.kind());
        m.put("lr_decay", Double.toString(schedule.decay()));
        m.put("lr_step_epochs", Double.toString(schedule.stepEpochs()));
        m.put("warmup_steps", Long.toString(schedule.warmupSteps()));
        m.put("patience", Integer.toString(patience));
        m.put("monitor", monitor.name().toLowerCase());
        m.put("max_norm", Double.toString(maxNorm));
        return m;
    }

    /** Builds a config from the defaults, one field at a time. */
    public static final class Builder {
        private String loss;
        private double margin;
        private boolean squaredHinge;
        private String regType;
        private double reg;
        private double elasticBeta;
        private boolean penalizeBias;
        private double lr;
        private int batchSize;
        private int epochs;
        private long seed;
        private Sampling sampling;
        private double valFraction;
        private double initScale;
        private boolean biasTrick;
        private boolean meanImage;
        private float pixelScale;
        private String update;
        private UpdateRules.Settings rule;
        private LearningRateSchedule schedule;
        private int patience;
        private Monitor monitor;
        private double maxNorm;

        private Builder(TrainConfig c) {
            loss = c.loss;
            margin = c.margin;
            squaredHinge = c.squaredHinge;
            regType = c.regType;
            reg = c.reg;
            elasticBeta = c.elasticBeta;
            penalizeBias = c.penalizeBias;
            lr = c.lr;
            batchSize = c.batchSize;
            epochs = c.epochs;
            seed = c.seed;
            sampling = c.sampling;
            valFraction = c.valFraction;
            initScale = c.initScale;
            biasTrick = c.biasTrick;
            meanImage = c.meanImage;
            pixelScale = c.pixelScale;
            update = c.update;
            rule = c.rule;
            schedule = c.schedule;
            patience = c.patience;
            monitor = c.monitor;
            maxNorm = c.maxNorm;
        }

        public Builder loss(String v) { loss = v; return this; }
        public Builder margin(double v) { margin = v; return this; }
        public Builder squaredHinge(boolean v) { squaredHinge = v; return this; }
        public Builder regType(String v) { regType = v; return this; }
        public Builder reg(double v) { reg = v; return this; }
        public Builder elasticBeta(double v) { elasticBeta = v; return this; }
        public Builder penalizeBias(boolean v) { penalizeBias = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder sampling(Sampling v) { sampling = v; return this; }
        public Builder valFraction(double v) { valFraction = v; return this; }
        public Builder initScale(double v) { initScale = v; return this; }
        public Builder biasTrick(boolean v) { biasTrick = v; return this; }
        public Builder meanImage(boolean v) { meanImage = v; return this; }
        public Builder pixelScale(float v) { pixelScale = v; return this; }
        public Builder update(String v) { update = v; return this; }
        public Builder rule(UpdateRules.Settings v) { rule = v; return this; }
        public Builder schedule(LearningRateSchedule v) { schedule = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder monitor(Monitor v) { monitor = v; return this; }
        public Builder maxNorm(double v) { maxNorm = v; return this; }

        public TrainConfig build() {
            return new TrainConfig(loss, margin, squaredHinge, regType, reg, elasticBeta, penalizeBias, lr, batchSize,
                    epochs, seed, sampling, valFraction, initScale, biasTrick, meanImage, pixelScale, update, rule, schedule,
                    patience, monitor, maxNorm);
        }
    }
}
