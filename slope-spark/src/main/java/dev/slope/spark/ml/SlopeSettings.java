package dev.slope.spark.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

// Generated from slope-core's settings table (dev.slope.optimize.Settings) by GeneratedParamsTest: do
// not edit; regenerate with mvn test -pl slope-spark -Dtest=GeneratedParamsTest -Dslope.regenerate=true
/**
 * Every setting of a Slope training run as a Spark ML Param: the Param ({@code reg()}, for a
 * {@code ParamGridBuilder}) and its value ({@code getReg()}: the value set, or Slope's default rule given
 * the others, as on the command line).
 */
public interface SlopeSettings extends Params {

    /**
     * Data loss: multiclass SVM (Weston-Watkins hinge), softmax cross-entropy, one-vs-all SVM (ova: a binary SVM
     * per class) or structured SVM (Crammer-Singer: only the worst wrong class). Unset: softmax.
     */
    default Param<String> loss() {
        return (Param<String>) (Param<?>) getParam("loss");
    }

    /** {@link #loss()}: the value set, or Slope's default. */
    default String getLoss() {
        return ParamTable.resolved(this, "loss", String.class);
    }

    /**
     * SVM margin. Unset: 1.
     */
    default DoubleParam margin() {
        return (DoubleParam) (Param<?>) getParam("margin");
    }

    /** {@link #margin()}: the value set, or Slope's default. */
    default double getMargin() {
        return ParamTable.resolved(this, "margin", Double.class);
    }

    /**
     * SVM: square each hinge term. Unset: false.
     */
    default BooleanParam squaredHinge() {
        return (BooleanParam) (Param<?>) getParam("squaredHinge");
    }

    /** {@link #squaredHinge()}: the value set, or Slope's default. */
    default boolean getSquaredHinge() {
        return ParamTable.resolved(this, "squared_hinge", Boolean.class);
    }

    /**
     * Regularizer R(W). Unset: l2.
     */
    default Param<String> regType() {
        return (Param<String>) (Param<?>) getParam("regType");
    }

    /** {@link #regType()}: the value set, or Slope's default. */
    default String getRegType() {
        return ParamTable.resolved(this, "reg_type", String.class);
    }

    /**
     * Regularization strength. Unset: 1e-4.
     */
    default DoubleParam reg() {
        return (DoubleParam) (Param<?>) getParam("reg");
    }

    /** {@link #reg()}: the value set, or Slope's default. */
    default double getReg() {
        return ParamTable.resolved(this, "reg", Double.class);
    }

    /**
     * Elastic net R(W) = sum(beta W^2 + |W|). Unset: 1.
     */
    default DoubleParam elasticBeta() {
        return (DoubleParam) (Param<?>) getParam("elasticBeta");
    }

    /** {@link #elasticBeta()}: the value set, or Slope's default. */
    default double getElasticBeta() {
        return ParamTable.resolved(this, "elastic_beta", Double.class);
    }

    /**
     * Also regularize the bias. Unset: false.
     */
    default BooleanParam penalizeBias() {
        return (BooleanParam) (Param<?>) getParam("penalizeBias");
    }

    /** {@link #penalizeBias()}: the value set, or Slope's default. */
    default boolean getPenalizeBias() {
        return ParamTable.resolved(this, "penalize_bias", Boolean.class);
    }

    /**
     * Multiplies every pixel (1/255 maps 0..255 to 0..1). Unset: 3.92e-3.
     */
    default DoubleParam pixelScale() {
        return (DoubleParam) (Param<?>) getParam("pixelScale");
    }

    /** {@link #pixelScale()}: the value set, or Slope's default. */
    default double getPixelScale() {
        return ParamTable.resolved(this, "pixel_scale", Double.class);
    }

    /**
     * Subtract the mean training image. Unset: true.
     */
    default BooleanParam meanImage() {
        return (BooleanParam) (Param<?>) getParam("meanImage");
    }

    /** {@link #meanImage()}: the value set, or Slope's default. */
    default boolean getMeanImage() {
        return ParamTable.resolved(this, "mean_image", Boolean.class);
    }

    /**
     * Fold the bias into W as a last column (x gets a 1 appended); off keeps a separate b. Unset: true.
     */
    default BooleanParam biasTrick() {
        return (BooleanParam) (Param<?>) getParam("biasTrick");
    }

    /** {@link #biasTrick()}: the value set, or Slope's default. */
    default boolean getBiasTrick() {
        return ParamTable.resolved(this, "bias_trick", Boolean.class);
    }

    /**
     * What each image becomes, comma-separated: pixels (the classic pipeline when alone: scale and mean image), hog
     * (histograms of oriented gradients), hist (colour histogram), bow (bag of visual words). Features are computed
     * once and standardized on the training split. Unset: pixels.
     */
    default Param<String> features() {
        return (Param<String>) (Param<?>) getParam("features");
    }

    /** {@link #features()}: the value set, or Slope's default. */
    default String getFeatures() {
        return ParamTable.resolved(this, "features", String.class);
    }

    /**
     * HOG: pixels per cell side (8 in the lecture; 4 suits 28x28 images). Unset: 8.
     */
    default IntParam hogCell() {
        return (IntParam) (Param<?>) getParam("hogCell");
    }

    /** {@link #hogCell()}: the value set, or Slope's default. */
    default int getHogCell() {
        return ParamTable.resolved(this, "hog_cell", Integer.class);
    }

    /**
     * HOG: cells per block side; 1 with hogNorm none gives the lecture's plain cell histograms. Unset: 2.
     */
    default IntParam hogBlock() {
        return (IntParam) (Param<?>) getParam("hogBlock");
    }

    /** {@link #hogBlock()}: the value set, or Slope's default. */
    default int getHogBlock() {
        return ParamTable.resolved(this, "hog_block", Integer.class);
    }

    /**
     * HOG: orientation bins over 0..180 degrees. Unset: 9.
     */
    default IntParam hogBins() {
        return (IntParam) (Param<?>) getParam("hogBins");
    }

    /** {@link #hogBins()}: the value set, or Slope's default. */
    default int getHogBins() {
        return ParamTable.resolved(this, "hog_bins", Integer.class);
    }

    /**
     * HOG: how each block is normalized (L2-Hys as Dalal and Triggs, L1, or none). Unset: l2hys.
     */
    default Param<String> hogNorm() {
        return (Param<String>) (Param<?>) getParam("hogNorm");
    }

    /** {@link #hogNorm()}: the value set, or Slope's default. */
    default String getHogNorm() {
        return ParamTable.resolved(this, "hog_norm", String.class);
    }

    /**
     * Colour histogram: bins of hue (intensity for grey images). Unset: 16.
     */
    default IntParam histBins() {
        return (IntParam) (Param<?>) getParam("histBins");
    }

    /** {@link #histBins()}: the value set, or Slope's default. */
    default int getHistBins() {
        return ParamTable.resolved(this, "hist_bins", Integer.class);
    }

    /**
     * Colour histogram: also histograms of saturation and value. Unset: false.
     */
    default BooleanParam histSaturationValue() {
        return (BooleanParam) (Param<?>) getParam("histSaturationValue");
    }

    /** {@link #histSaturationValue()}: the value set, or Slope's default. */
    default boolean getHistSaturationValue() {
        return ParamTable.resolved(this, "hist_saturation_value", Boolean.class);
    }

    /**
     * Bag of visual words: codewords, found by k-means (k-means++ start, seed) on the training cells. Unset: 100.
     */
    default IntParam bowWords() {
        return (IntParam) (Param<?>) getParam("bowWords");
    }

    /** {@link #bowWords()}: the value set, or Slope's default. */
    default int getBowWords() {
        return ParamTable.resolved(this, "bow_words", Integer.class);
    }

    /**
     * Bag of visual words: pixels per cell side; each cell's 9-bin orientation histogram is one descriptor. Unset:
     * 4.
     */
    default IntParam bowCell() {
        return (IntParam) (Param<?>) getParam("bowCell");
    }

    /** {@link #bowCell()}: the value set, or Slope's default. */
    default int getBowCell() {
        return ParamTable.resolved(this, "bow_cell", Integer.class);
    }

    /**
     * Bag of visual words: count each cell for its nearest word (hard) or spread it over all words by distance
     * (soft). Unset: hard.
     */
    default Param<String> bowAssign() {
        return (Param<String>) (Param<?>) getParam("bowAssign");
    }

    /** {@link #bowAssign()}: the value set, or Slope's default. */
    default String getBowAssign() {
        return ParamTable.resolved(this, "bow_assign", String.class);
    }

    /**
     * Examples per step: 1 = stochastic, 32..512 = mini-batch, 'full' = the whole training split. Unset: 200.
     */
    default IntParam batchSize() {
        return (IntParam) (Param<?>) getParam("batchSize");
    }

    /** {@link #batchSize()}: the value set, or Slope's default. */
    default int getBatchSize() {
        return ParamTable.resolved(this, "batch_size", Integer.class);
    }

    /**
     * Passes over the training split. Unset: 8; 200 for batches over 2,048 and the full batch.
     */
    default IntParam epochs() {
        return (IntParam) (Param<?>) getParam("epochs");
    }

    /** {@link #epochs()}: the value set, or Slope's default. */
    default int getEpochs() {
        return ParamTable.resolved(this, "epochs", Integer.class);
    }

    /**
     * Update rule. Unset: sgd.
     */
    default Param<String> update() {
        return (Param<String>) (Param<?>) getParam("update");
    }

    /** {@link #update()}: the value set, or Slope's default. */
    default String getUpdate() {
        return ParamTable.resolved(this, "update", String.class);
    }

    /**
     * Learning rate. Unset: at batch 200 by update rule, softmax: sgd 1, momentum 0.1, nesterov 0.1, adagrad 0.05,
     * rmsprop 3e-3, adam 5e-3; svm: sgd 0.3, momentum 0.03, nesterov 0.03, adagrad 0.05, rmsprop 3e-3, adam 5e-3;
     * times sqrt(B / 200) for batch B (B at most 4,096; the full batch counts as 4,096).
     */
    default DoubleParam lr() {
        return (DoubleParam) (Param<?>) getParam("lr");
    }

    /** {@link #lr()}: the value set, or Slope's default. */
    default double getLr() {
        return ParamTable.resolved(this, "lr", Double.class);
    }

    /**
     * Momentum and Nesterov: velocity decay. Unset: 0.9.
     */
    default DoubleParam momentum() {
        return (DoubleParam) (Param<?>) getParam("momentum");
    }

    /** {@link #momentum()}: the value set, or Slope's default. */
    default double getMomentum() {
        return ParamTable.resolved(this, "momentum", Double.class);
    }

    /**
     * RMSProp: decay of the running mean of g^2. Unset: 0.99.
     */
    default DoubleParam decayRate() {
        return (DoubleParam) (Param<?>) getParam("decayRate");
    }

    /** {@link #decayRate()}: the value set, or Slope's default. */
    default double getDecayRate() {
        return ParamTable.resolved(this, "decay_rate", Double.class);
    }

    /**
     * Adam: decay of the first moment. Unset: 0.9.
     */
    default DoubleParam beta1() {
        return (DoubleParam) (Param<?>) getParam("beta1");
    }

    /** {@link #beta1()}: the value set, or Slope's default. */
    default double getBeta1() {
        return ParamTable.resolved(this, "beta1", Double.class);
    }

    /**
     * Adam: decay of the second moment. Unset: 0.999.
     */
    default DoubleParam beta2() {
        return (DoubleParam) (Param<?>) getParam("beta2");
    }

    /** {@link #beta2()}: the value set, or Slope's default. */
    default double getBeta2() {
        return ParamTable.resolved(this, "beta2", Double.class);
    }

    /**
     * AdaGrad, RMSProp, Adam: added to the root. Unset: 1e-8.
     */
    default DoubleParam epsilon() {
        return (DoubleParam) (Param<?>) getParam("epsilon");
    }

    /** {@link #epsilon()}: the value set, or Slope's default. */
    default double getEpsilon() {
        return ParamTable.resolved(this, "epsilon", Double.class);
    }

    /**
     * How the rate changes: step (lr * lrDecay^floor(epoch / lrStepEpochs)), exponential (lr * e^(-lrDecay *
     * epoch)), inverse (lr / (1 + lrDecay * epoch)), cosine (to 0 at the end). Unset: cosine.
     */
    default Param<String> lrSchedule() {
        return (Param<String>) (Param<?>) getParam("lrSchedule");
    }

    /** {@link #lrSchedule()}: the value set, or Slope's default. */
    default String getLrSchedule() {
        return ParamTable.resolved(this, "lr_schedule", String.class);
    }

    /**
     * Decay of the step, exponential and inverse schedules. Unset: 0.5.
     */
    default DoubleParam lrDecay() {
        return (DoubleParam) (Param<?>) getParam("lrDecay");
    }

    /** {@link #lrDecay()}: the value set, or Slope's default. */
    default double getLrDecay() {
        return ParamTable.resolved(this, "lr_decay", Double.class);
    }

    /**
     * Epochs between drops of the step schedule. Unset: 5.
     */
    default DoubleParam lrStepEpochs() {
        return (DoubleParam) (Param<?>) getParam("lrStepEpochs");
    }

    /** {@link #lrStepEpochs()}: the value set, or Slope's default. */
    default double getLrStepEpochs() {
        return ParamTable.resolved(this, "lr_step_epochs", Double.class);
    }

    /**
     * Ramp the rate up linearly over the first W steps. Unset: 0.
     */
    default LongParam warmupSteps() {
        return (LongParam) (Param<?>) getParam("warmupSteps");
    }

    /** {@link #warmupSteps()}: the value set, or Slope's default. */
    default long getWarmupSteps() {
        return ParamTable.resolved(this, "warmup_steps", Long.class);
    }

    /**
     * Batches from a shuffled epoch, or drawn with replacement. Unset: shuffle.
     */
    default Param<String> sampling() {
        return (Param<String>) (Param<?>) getParam("sampling");
    }

    /** {@link #sampling()}: the value set, or Slope's default. */
    default String getSampling() {
        return ParamTable.resolved(this, "sampling", String.class);
    }

    /**
     * Initial W ~ SIGMA * N(0, 1). Unset: 1e-3.
     */
    default DoubleParam initScale() {
        return (DoubleParam) (Param<?>) getParam("initScale");
    }

    /** {@link #initScale()}: the value set, or Slope's default. */
    default double getInitScale() {
        return ParamTable.resolved(this, "init_scale", Double.class);
    }

    /**
     * Scale each class's weight row back to norm R when it grows past it (0 = off). Unset: 0.
     */
    default DoubleParam maxNorm() {
        return (DoubleParam) (Param<?>) getParam("maxNorm");
    }

    /** {@link #maxNorm()}: the value set, or Slope's default. */
    default double getMaxNorm() {
        return ParamTable.resolved(this, "max_norm", Double.class);
    }

    /**
     * Seed: the same seed repeats a run exactly (split, initial W, batches). Unset: 1.
     */
    default LongParam seed() {
        return (LongParam) (Param<?>) getParam("seed");
    }

    /** {@link #seed()}: the value set, or Slope's default. */
    default long getSeed() {
        return ParamTable.resolved(this, "seed", Long.class);
    }

    /**
     * Share of the training images held out for validation. Unset: 0.1.
     */
    default DoubleParam valFraction() {
        return (DoubleParam) (Param<?>) getParam("valFraction");
    }

    /** {@link #valFraction()}: the value set, or Slope's default. */
    default double getValFraction() {
        return ParamTable.resolved(this, "val_fraction", Double.class);
    }

    /**
     * Early stopping: stop after P epochs without a better validation figure and keep the best weights (0 = off).
     * Unset: 0.
     */
    default IntParam patience() {
        return (IntParam) (Param<?>) getParam("patience");
    }

    /** {@link #patience()}: the value set, or Slope's default. */
    default int getPatience() {
        return ParamTable.resolved(this, "patience", Integer.class);
    }

    /**
     * What early stopping watches on the validation split. Unset: accuracy.
     */
    default Param<String> monitor() {
        return (Param<String>) (Param<?>) getParam("monitor");
    }

    /** {@link #monitor()}: the value set, or Slope's default. */
    default String getMonitor() {
        return ParamTable.resolved(this, "monitor", String.class);
    }
}
