/**
 * Slope: train, check and explain linear image classifiers.
 *
 * <p>Images read by {@link dev.slope.data} become a {@link dev.slope.preprocess.Dataset} through a
 * {@link dev.slope.preprocess.Pipeline} fitted on the training split ({@link dev.slope.preprocess.Splits}).
 * A {@link dev.slope.learn.Learner} (gradient descent, the lecture's strategies) minimizes an
 * {@link dev.slope.objective.Objective} (a {@link dev.slope.loss.Loss} plus λ times a
 * {@link dev.slope.regularize.Regularizer}), computed by the {@link dev.slope.objective.LossAggregator} run
 * over a {@link dev.slope.linalg.BatchEngine}. The result is an immutable {@link dev.slope.model.LinearModel}
 * that keeps its pipeline, evaluated by {@link dev.slope.eval} and stored by {@link dev.slope.io.ModelFile}.
 * See {@code docs/architecture.md} for the map.
 */
package dev.slope;
