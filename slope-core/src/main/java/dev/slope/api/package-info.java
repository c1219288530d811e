/**
 * Slope as a library in a few statements: {@link dev.slope.api.Slope} trains a linear classifier on a dataset folder
 * with the defaults of {@code slope train}, evaluates it on the test split and saves it; it loads a saved model and
 * classifies image files. The layer above every other package: it only calls them.
 */
package dev.slope.api;
