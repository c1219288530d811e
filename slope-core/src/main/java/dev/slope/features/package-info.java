/**
 * Image features, computed per image and concatenated by a {@link dev.slope.features.FeatureSet}: the raw
 * {@link dev.slope.features.Pixels} and {@link dev.slope.features.Hog} (histograms of oriented gradients, as
 * scikit-image computes them), then a {@link dev.slope.features.Standardizer} fitted on the training split.
 * The {@link dev.slope.preprocess.Pipeline} runs them. {@link dev.slope.features.BagOfWords} is the one feature that learns:
 * its codebook is found by {@link dev.slope.features.KMeans} (k-means++ start, Lloyd iterations on the engine)
 * when {@link dev.slope.features.FeatureSet#fit} runs on the training split.
 */
package dev.slope.features;
