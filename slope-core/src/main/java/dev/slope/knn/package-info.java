/**
 * k nearest neighbours: {@link dev.slope.knn.KnnClassifier} (exact on raw pixels, blocked, on all cores), its
 * {@link dev.slope.knn.KnnLearner} behind the same {@link dev.slope.learn.Learner} interface as gradient
 * descent, and the choice of k by cross-validation.
 */
package dev.slope.knn;
