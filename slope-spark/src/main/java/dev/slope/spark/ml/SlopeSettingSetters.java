package dev.slope.spark.ml;

import org.apache.spark.ml.param.Params;

// Generated from slope-core's settings table (dev.slope.optimize.Settings) by GeneratedParamsTest: do
// not edit; regenerate with mvn test -pl slope-spark -Dtest=GeneratedParamsTest -Dslope.regenerate=true
/**
 * Setters for every setting of a Slope training run, each checking its value as the settings table does
 * (a bad value is refused when it is set, in Params' names).
 *
 * @param <T> the stage, returned for chaining
 */
public interface SlopeSettingSetters<T extends Params> extends SlopeSettings {

    /** Sets {@link #loss()}. */
    default T setLoss(String value) {
        return ParamTable.set(this, "loss", value);
    }

    /** Sets {@link #margin()}. */
    default T setMargin(double value) {
        return ParamTable.set(this, "margin", value);
    }

    /** Sets {@link #squaredHinge()}. */
    default T setSquaredHinge(boolean value) {
        return ParamTable.set(this, "squared_hinge", value);
    }

    /** Sets {@link #regType()}. */
    default T setRegType(String value) {
        return ParamTable.set(this, "reg_type", value);
    }

    /** Sets {@link #reg()}. */
    default T setReg(double value) {
        return ParamTable.set(this, "reg", value);
    }

    /** Sets {@link #elasticBeta()}. */
    default T setElasticBeta(double value) {
        return ParamTable.set(this, "elastic_beta", value);
    }

    /** Sets {@link #penalizeBias()}. */
    default T setPenalizeBias(boolean value) {
        return ParamTable.set(this, "penalize_bias", value);
    }

    /** Sets {@link #pixelScale()}. */
    default T setPixelScale(double value) {
        return ParamTable.set(this, "pixel_scale", value);
    }

    /** Sets {@link #meanImage()}. */
    default T setMeanImage(boolean value) {
        return ParamTable.set(this, "mean_image", value);
    }

    /** Sets {@link #biasTrick()}. */
    default T setBiasTrick(boolean value) {
        return ParamTable.set(this, "bias_trick", value);
    }

    /** Sets {@link #features()}. */
    default T setFeatures(String value) {
        return ParamTable.set(this, "features", value);
    }

    /** Sets {@link #hogCell()}. */
    default T setHogCell(int value) {
        return ParamTable.set(this, "hog_cell", value);
    }

    /** Sets {@link #hogBlock()}. */
    default T setHogBlock(int value) {
        return ParamTable.set(this, "hog_block", value);
    }

    /** Sets {@link #hogBins()}. */
    default T setHogBins(int value) {
        return ParamTable.set(this, "hog_bins", value);
    }

    /** Sets {@link #hogNorm()}. */
    default T setHogNorm(String value) {
        return ParamTable.set(this, "hog_norm", value);
    }

    /** Sets {@link #histBins()}. */
    default T setHistBins(int value) {
        return ParamTable.set(this, "hist_bins", value);
    }

    /** Sets {@link #histSaturationValue()}. */
    default T setHistSaturationValue(boolean value) {
        return ParamTable.set(this, "hist_saturation_value", value);
    }

    /** Sets {@link #bowWords()}. */
    default T setBowWords(int value) {
        return ParamTable.set(this, "bow_words", value);
    }

    /** Sets {@link #bowCell()}. */
    default T setBowCell(int value) {
        return ParamTable.set(this, "bow_cell", value);
    }

    /** Sets {@link #bowAssign()}. */
    default T setBowAssign(String value) {
        return ParamTable.set(this, "bow_assign", value);
    }

    /** Sets {@link #batchSize()}. */
    default T setBatchSize(int value) {
        return ParamTable.set(this, "batch_size", value);
    }

    /** Sets {@link #epochs()}. */
    default T setEpochs(int value) {
        return ParamTable.set(this, "epochs", value);
    }

    /** Sets {@link #update()}. */
    default T setUpdate(String value) {
        return ParamTable.set(this, "update", value);
    }

    /** Sets {@link #lr()}. */
    default T setLr(double value) {
        return ParamTable.set(this, "lr", value);
    }

    /** Sets {@link #momentum()}. */
    default T setMomentum(double value) {
        return ParamTable.set(this, "momentum", value);
    }

    /** Sets {@link #decayRate()}. */
    default T setDecayRate(double value) {
        return ParamTable.set(this, "decay_rate", value);
    }

    /** Sets {@link #beta1()}. */
    default T setBeta1(double value) {
        return ParamTable.set(this, "beta1", value);
    }

    /** Sets {@link #beta2()}. */
    default T setBeta2(double value) {
        return ParamTable.set(this, "beta2", value);
    }

    /** Sets {@link #epsilon()}. */
    default T setEpsilon(double value) {
        return ParamTable.set(this, "epsilon", value);
    }

    /** Sets {@link #lrSchedule()}. */
    default T setLrSchedule(String value) {
        return ParamTable.set(this, "lr_schedule", value);
    }

    /** Sets {@link #lrDecay()}. */
    default T setLrDecay(double value) {
        return ParamTable.set(this, "lr_decay", value);
    }

    /** Sets {@link #lrStepEpochs()}. */
    default T setLrStepEpochs(double value) {
        return ParamTable.set(this, "lr_step_epochs", value);
    }

    /** Sets {@link #warmupSteps()}. */
    default T setWarmupSteps(long value) {
        return ParamTable.set(this, "warmup_steps", value);
    }

    /** Sets {@link #sampling()}. */
    default T setSampling(String value) {
        return ParamTable.set(this, "sampling", value);
    }

    /** Sets {@link #initScale()}. */
    default T setInitScale(double value) {
        return ParamTable.set(this, "init_scale", value);
    }

    /** Sets {@link #maxNorm()}. */
    default T setMaxNorm(double value) {
        return ParamTable.set(this, "max_norm", value);
    }

    /** Sets {@link #seed()}. */
    default T setSeed(long value) {
        return ParamTable.set(this, "seed", value);
    }

    /** Sets {@link #valFraction()}. */
    default T setValFraction(double value) {
        return ParamTable.set(this, "val_fraction", value);
    }

    /** Sets {@link #patience()}. */
    default T setPatience(int value) {
        return ParamTable.set(this, "patience", value);
    }

    /** Sets {@link #monitor()}. */
    default T setMonitor(String value) {
        return ParamTable.set(this, "monitor", value);
    }
}
