/**
 * Optimization: the {@link dev.slope.optimize.Trainer} loop (full-batch, stochastic and mini-batch
 * gradient descent), {@link dev.slope.optimize.UpdateRule}s, and the
 * {@link dev.slope.optimize.TrainingListener}s that watch a run.
 */
package dev.slope.optimize;
