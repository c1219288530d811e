package dev.slope.optimize;

import dev.slope.model.Classifier;
import dev.slope.preprocess.Dataset;

/**
 * Anything that learns a classifier from a {@link Dataset}: gradient descent ({@link GradientTrainer}),
 * the lecture's strategies ({@link Strategy#learner}), and next k-nearest neighbours. The rows of both
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
}
