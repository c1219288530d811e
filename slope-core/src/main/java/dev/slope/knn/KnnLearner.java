package dev.slope.knn;

import dev.slope.InvalidValueException;
import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import dev.slope.linalg.BatchEngine;
import dev.slope.learn.CrossValidation;
import dev.slope.learn.Learner;
import dev.slope.learn.TrainingListener;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;

/**
 * Learns a {@link KnnClassifier}: it keeps the training rows. Behind the same interface as gradient descent,
 * so evaluation and the commands treat both alike.
 *
 * @param k        neighbours that vote
 * @param distance L1 or (squared) L2
 */
public record KnnLearner(int k, Distance distance) implements Learner<KnnClassifier> {
    /** The pipeline kNN reads: the raw pixels 0..255, so its distances are exact. */
    public static final Pipeline.Spec RAW_PIXELS = new Pipeline.Spec(1f, false, false);

    public KnnLearner {
        if (k < 1) {
            throw new InvalidValueException(n -> n.name("k") + " must be at least 1, got " + k);
        }
    }

    @Override
    public KnnClassifier learn(Dataset train, Dataset validation, TrainingListener... listeners) {
        return new KnnClassifier(train.requireLearnable("the training rows"), k, distance);
    }

    /**
     * Several k at once: it learns the first k's classifier, and scores every k on a validation set by one search for
     * the nearest neighbours (the largest k's), each k's vote read from them.
     */
    public record Several(int[] ks, Distance distance) implements Learner<KnnClassifier> {
        public Several {
            if (ks.length == 0) {
                throw new IllegalArgumentException("give at least one k");
            }
            for (int k : ks) {
                if (k < 1) {
                    throw new InvalidValueException(n -> n.name("k") + " must be at least 1, got " + k);
                }
            }
            ks = ks.clone();
        }

        @Override
        public KnnClassifier learn(Dataset train, Dataset validation, TrainingListener... listeners) {
            return new KnnLearner(ks[0], distance).learn(train, validation, listeners);
        }

        /** Each k's accuracy on {@code validation}, from one search for the largest k's neighbours. */
        @Override
        public double[] validationAccuracies(Dataset train, Dataset validation, BatchEngine engine) {
            int kMax = java.util.Arrays.stream(ks).max().getAsInt();
            if (kMax > train.size()) {
                throw new InvalidValueException(n -> n.name("k") + " " + kMax + " is more than the " + train.size() + " images a fold"
                        + " trains on; give a smaller k or fewer folds");
            }
            KnnClassifier knn = new KnnClassifier(train.requireLearnable("the training rows"), kMax, distance);
            KnnClassifier.Neighbours nb = knn.neighbours(validation, kMax, engine);
            double[] accuracy = new double[ks.length];
            for (int i = 0; i < ks.length; i++) {
                accuracy[i] = nb.accuracy(ks[i], train.labelArray(), train.classCount(), validation.labelArray());
            }
            return accuracy;
        }
    }

    /** The accuracy of each k, averaged over {@code folds} folds of the images (each fold held out once). */
    public static double[] crossValidate(ImageSet images, int[] ks, Distance distance, int folds, long seed,
                                         BatchEngine engine) {
        return CrossValidation.score(DatasetInfo.of("cross-validation", images, images.head(0)), images, folds, seed,
                RAW_PIXELS, new Several(ks, distance), engine, null);
    }
}
