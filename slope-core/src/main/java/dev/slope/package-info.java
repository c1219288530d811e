/**
 * Slope: train, check and explain linear image classifiers.
 *
 * <p>Data flows from {@link dev.slope.data} (image sets read from IDX or CIFAR-10 files) through
 * {@link dev.slope.preprocess} (scaling, mean image, bias trick) into an
 * {@link dev.slope.objective.Objective} (a {@link dev.slope.loss.Loss} plus λ times a
 * {@link dev.slope.regularize.Regularizer}), which {@link dev.slope.optimize.Trainer} minimizes. The
 * result is an immutable {@link dev.slope.model.LinearModel}, evaluated by {@link dev.slope.eval} and
 * stored by {@link dev.slope.io.ModelFile}.
 */
package dev.slope;
