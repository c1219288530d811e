package dev.slope.learn;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import dev.slope.data.Split;
import dev.slope.linalg.BatchEngine;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Splits;
import java.util.List;
import java.util.Map;

/**
 * k-fold cross-validation of any {@link Learner}, the one place a learner is scored on folds: the images are cut into
 * k folds ({@link Split#kFold}, seeded), each held out once while a pipeline is fitted on the other k - 1 (a pipeline
 * fitted on all of them would leak the held-out fold's mean image) and the learner learns from them; its
 * {@link Learner#validationAccuracies} on the held-out fold are averaged over the folds.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /**
     * The learner's mean validation accuracies over {@code folds} folds of {@code images}: one value per setting it
     * scores.
     *
     * @param spec     the pipeline each fold fits on its training images
     * @param engine   computes the folds' features and scores; owned by the caller
     * @param prepared the folds' preparations by fold number, kept for other calls with the same images, folds, seed
     *                 and spec (a search's trials); null: none kept
     */
    public static double[] score(DatasetInfo source, ImageSet images, int folds, long seed, Pipeline.Spec spec,
                                 Learner<?> learner, BatchEngine engine, Map<Integer, Splits> prepared) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        List<Split> parts = Split.kFold(images, folds, seed);
        double[] sum = null;
        for (int k = 0; k < parts.size(); k++) {
            Split fold = parts.get(k);
            Splits s = prepared == null ? Splits.of(source, fold, spec, engine)
                    : prepared.computeIfAbsent(k, i -> Splits.of(source, fold, spec, engine));
            double[] accuracy = learner.validationAccuracies(s.train(), s.validation(), engine);
            if (sum == null) {
                sum = new double[accuracy.length];
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += accuracy[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= parts.size();
        }
        return sum;
    }
}
