/**
 * Classifiers: the {@link dev.slope.model.Classifier} every learner produces, the linear one
 * ({@link dev.slope.model.LinearModel}: W, b, its pipeline and loss), its trainable
 * {@link dev.slope.model.Parameters} and their seeded {@link dev.slope.model.Initializer}. Predictions are
 * thread-safe and run on a caller's {@link dev.slope.linalg.BatchEngine}.
 */
package dev.slope.model;
