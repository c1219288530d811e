/** Evaluation: accuracy, per-class accuracy and the confusion matrix. */
package dev.slope.eval;
