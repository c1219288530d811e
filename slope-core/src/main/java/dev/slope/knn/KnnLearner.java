package dev.slope.knn;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import dev.slope.data.Split;
import dev.slope.linalg.BatchEngine;
import dev.slope.optimize.Learner;
import dev.slope.optimize.TrainingListener;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Splits;
import java.util.ArrayList;
import java.util.List;

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
            throw new IllegalArgumentException("--k must be at least 1, got " + k);
        }
    }

    @Override
    public KnnClassifier learn(Dataset train, Dataset validation, TrainingListener... listeners) {
        return new KnnClassifier(train.requireLearnable("the training rows"), k, distance);
    }

    /** The accuracy of each k, averaged over {@code folds} folds of the images (each fold held out once). */
    public static double[] crossValidate(ImageSet images, int[] ks, Distance distance, int folds, long seed,
                                         BatchEngine engine) {
        int kMax = 0;
        for (int k : ks) {
            if (k < 1) {
                throw new IllegalArgumentException("--k must be at least 1, got " + k);
            }
            kMax = Math.max(kMax, k);
        }
        double[] sum = new double[ks.length];
        List<Split> parts = new ArrayList<>(Split.kFold(images, folds, seed));
        DatasetInfo source = DatasetInfo.of("cross-validation", images, images.head(0));
        for (Split fold : parts) {
            Splits s = Splits.of(source, fold, RAW_PIXELS);
            if (kMax > s.train().size()) {
                throw new IllegalArgumentException("--k " + kMax + " is more than the " + s.train().size() + " images a fold"
                        + " trains on (" + images.size() + " images in " + folds + " folds); give a smaller k or fewer folds");
            }
            KnnClassifier knn = new KnnClassifier(s.train(), kMax, distance);
            KnnClassifier.Neighbours nb = knn.neighbours(s.validation(), kMax, engine);
            for (int i = 0; i < ks.length; i++) {
                sum[i] += nb.accuracy(ks[i], s.train().labelArray(), images.classCount(), s.validation().labelArray());
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= folds;
        }
        return sum;
    }
}
