/**
 * The objective L(W) = data loss + λ·R(W): the per-block {@link dev.slope.objective.LossAggregator} (add a
 * block of rows, merge partial sums in order, finish), the {@link dev.slope.objective.FusedPass} that runs
 * it over a {@link dev.slope.linalg.BatchEngine}, its double-precision reference
 * ({@link dev.slope.objective.ExactObjective}), numerical gradients, the gradient check between them, and
 * the loss landscape around a point.
 */
package dev.slope.objective;
