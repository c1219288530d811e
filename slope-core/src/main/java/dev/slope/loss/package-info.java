/**
 * Data losses: {@link dev.slope.loss.MulticlassSvm} (Weston–Watkins hinge, optionally squared) and
 * {@link dev.slope.loss.SoftmaxCrossEntropy}. Each maps one example's scores and label to a loss and
 * the gradient with respect to the scores.
 */
package dev.slope.loss;
