/**
 * Optimization: the {@link dev.slope.learn.Learner} interface every learner implements, the
 * {@link dev.slope.optimize.GradientTrainer} loop (full-batch, stochastic and mini-batch gradient descent)
 * with its {@link dev.slope.optimize.UpdateRule}s and schedules, the lecture's
 * {@link dev.slope.optimize.Strategy}s, hyperparameter search, the sanity checks, and the
 * {@link dev.slope.learn.TrainingListener}s that watch a run (history, early stopping, progress).
 */
package dev.slope.optimize;

import dev.slope.learn.TrainingListener;
import dev.slope.learn.Learner;