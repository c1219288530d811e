package dev.slope.learn;

import dev.slope.eval.Evaluation;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.Classifier;
import dev.slope.preprocess.Dataset;

/**
 * Anything that learns a classifier from a {@link Dataset}: gradient descent ({@link dev.slope.optimize.GradientTrainer}),
 * the lecture's strategies ({@link dev.slope.optimize.Strategy#learner}) and k-nearest neighbours ({@code knn.KnnLearner}); scored on
 * folds by the one {@link CrossValidation}. The rows of both
 * datasets come from one fitted pipeline, which the classifier keeps.
 *
 * @param <M> the kind of classifier it makes
 */
@FunctionalInterface
public interface Learner<M extends Classifier> {

    /**
     * @param train      the rows to learn from
     * @param validation held-out rows a learner may watch (early stopping); may be empty
     * @param listeners  observe the run (a learner without steps may report none)
     */
    M learn(Dataset train, Dataset validation, TrainingListener... listeners);

    /**
     * How well this learner does on {@code validation} after learning from {@code train}: its accuracy, one value per
     * setting it scores. Most learners score one (learn, then evaluate); a learner that scores several settings in one
     * pass (kNN: every k from one search for the nearest neighbours) returns one value each. What
     * {@link CrossValidation} averages over the folds.
     */
    default double[] validationAccuracies(Dataset train, Dataset validation, BatchEngine engine) {
        return new double[] {Evaluation.of(learn(train, validation), validation, engine).accuracy()};
    }
}
