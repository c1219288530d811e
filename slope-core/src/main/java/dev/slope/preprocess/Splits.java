package dev.slope.preprocess;

import dev.slope.linalg.BatchEngine;
import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.data.Split;

/**
 * The three datasets of a run, made by one pipeline fitted on the training split only: the rows to fit,
 * the held-out validation rows and the test rows. This is the one place where a run's data is split
 * and its pipeline fitted.
 *
 * @param train      the rows learners fit
 * @param validation held out from the training images (empty when the validation fraction is 0)
 * @param test       the dataset's test images (empty when there are none)
 */
public record Splits(Dataset train, Dataset validation, Dataset test) {

    /**
     * Holds out {@code valFraction} of the dataset's training images with {@code seed}, fits the pipeline on
     * the rest, and applies it to all three splits.
     */
    public static Splits prepare(ImageData data, Pipeline.Spec spec, double valFraction, long seed) {
        return prepare(DatasetInfo.of(data), data.train(), data.test(), spec, valFraction, seed);
    }

    /** As {@link #prepare(ImageData, Pipeline.Spec, double, long)}, computing features (if any) on {@code engine}. */
    public static Splits prepare(ImageData data, Pipeline.Spec spec, double valFraction, long seed, BatchEngine engine) {
        return prepare(DatasetInfo.of(data), data.train(), data.test(), spec, valFraction, seed, engine);
    }

    /**
     * As {@link #prepare(ImageData, Pipeline.Spec, double, long)}, from the training and test images themselves; features
     * (if any) are computed on the calling thread.
     */
    public static Splits prepare(DatasetInfo source, ImageSet train, ImageSet test, Pipeline.Spec spec, double valFraction,
                                 long seed) {
        return prepare(source, train, test, spec, valFraction, seed, BatchEngine.onCaller());
    }

    /** As above, computing features (if any) on {@code engine}, owned by the caller. */
    public static Splits prepare(DatasetInfo source, ImageSet train, ImageSet test, Pipeline.Spec spec, double valFraction,
                                 long seed, BatchEngine engine) {
        Split split = Split.holdOut(train, valFraction, seed);
        Splits s = of(source, split, spec, engine);
        return new Splits(s.train, s.validation, s.pipeline().apply(test, source, "test split", engine));
    }

    /** Fits the pipeline on a split's training images and applies it to both parts (on the calling thread). */
    public static Splits of(DatasetInfo source, Split split, Pipeline.Spec spec) {
        return of(source, split, spec, BatchEngine.onCaller());
    }

    /** Fits the pipeline on a split's training images and applies it to both parts, on {@code engine}; no test set. */
    public static Splits of(DatasetInfo source, Split split, Pipeline.Spec spec, BatchEngine engine) {
        if (split.train().size() == 0) {
            throw new IllegalArgumentException("nothing to train on: the training split is empty");
        }
        Dataset train = spec.fitAndApply(split.train(), source, "training split", engine);
        Pipeline pipeline = train.pipeline();
        return new Splits(train, pipeline.apply(split.validation(), source, "validation split", engine),
                pipeline.apply(split.validation().head(0), source, "no test split", engine));
    }

    /** The fitted pipeline every split was made by. */
    public Pipeline pipeline() {
        return train.pipeline();
    }
}
