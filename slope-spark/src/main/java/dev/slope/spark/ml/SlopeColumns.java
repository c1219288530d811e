package dev.slope.spark.ml;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Params of Slope's stages that are not training settings: the columns (named and defaulted as MLlib's classifiers
 * name them), the images' shape and local SGD's averaging interval.
 *
 * @param <T> the stage, returned for chaining
 */
public interface SlopeColumns<T extends Params> extends Params {
    /** The features column: binary (uint8 pixels), an array of numbers or an ML Vector; default "features". */
    default Param<String> featuresCol() {
        return ParamTable.string(this, ParamTable.FEATURES_COL);
    }

    default String getFeaturesCol() {
        return getOrDefault(featuresCol());
    }

    default T setFeaturesCol(String value) {
        return ParamTable.setOwn(this, ParamTable.FEATURES_COL, value);
    }

    /** The label column: whole numbers 0..C-1; default "label". */
    default Param<String> labelCol() {
        return ParamTable.string(this, ParamTable.LABEL_COL);
    }

    default String getLabelCol() {
        return getOrDefault(labelCol());
    }

    default T setLabelCol(String value) {
        return ParamTable.setOwn(this, ParamTable.LABEL_COL, value);
    }

    /** The predicted class, a double; default "prediction"; "" adds none. */
    default Param<String> predictionCol() {
        return ParamTable.string(this, ParamTable.PREDICTION_COL);
    }

    default String getPredictionCol() {
        return getOrDefault(predictionCol());
    }

    default T setPredictionCol(String value) {
        return ParamTable.setOwn(this, ParamTable.PREDICTION_COL, value);
    }

    /** The scores Wx + b, an ML Vector of one score per class; default "rawPrediction"; "" adds none. */
    default Param<String> rawPredictionCol() {
        return ParamTable.string(this, ParamTable.RAW_PREDICTION_COL);
    }

    default String getRawPredictionCol() {
        return getOrDefault(rawPredictionCol());
    }

    default T setRawPredictionCol(String value) {
        return ParamTable.setOwn(this, ParamTable.RAW_PREDICTION_COL, value);
    }

    /** The softmax of the scores (loss softmax only); default "probability"; "" adds none. */
    default Param<String> probabilityCol() {
        return ParamTable.string(this, ParamTable.PROBABILITY_COL);
    }

    default String getProbabilityCol() {
        return getOrDefault(probabilityCol());
    }

    default T setProbabilityCol(String value) {
        return ParamTable.setOwn(this, ParamTable.PROBABILITY_COL, value);
    }

    /** The images' shape, HxWxC; unset: the features column's Slope metadata, else 1 x D x 1. */
    default Param<String> imageShape() {
        return ParamTable.string(this, ParamTable.IMAGE_SHAPE);
    }

    /** The shape set, or null. */
    default String getImageShape() {
        return isSet(imageShape()) ? getOrDefault(imageShape()) : null;
    }

    default T setImageShape(String value) {
        dev.slope.spark.SparkFrames.Shape.parse(value, java.util.List.of("0", "1")); // refused now, not at fit
        return ParamTable.setOwn(this, ParamTable.IMAGE_SHAPE, value);
    }

    /** Local SGD: each partition's steps between two averagings (0, the default: a partition's epoch). */
    default IntParam syncSteps() {
        return ParamTable.integer(this, ParamTable.SYNC_STEPS);
    }

    default int getSyncSteps() {
        return (Integer) getOrDefault(syncSteps());
    }

    default T setSyncSteps(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("syncSteps is 0 (a partition's epoch) or more, got " + value);
        }
        return ParamTable.setOwn(this, ParamTable.SYNC_STEPS, value);
    }
}
