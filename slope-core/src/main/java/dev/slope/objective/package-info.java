/**
 * The objective L(W) = data loss + λ·R(W): its fast value and gradient over a batch
 * ({@link dev.slope.objective.FusedPass}), its double-precision reference
 * ({@link dev.slope.objective.ExactObjective}), numerical gradients and the gradient check between them.
 */
package dev.slope.objective;
