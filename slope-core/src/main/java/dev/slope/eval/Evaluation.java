package dev.slope.eval;

import dev.slope.linalg.BatchEngine;
import dev.slope.model.Classifier;
import dev.slope.preprocess.Dataset;
import java.util.List;

/**
 * How well predictions match labels: accuracy, accuracy per class and the confusion matrix
 * ({@code confusion[true][predicted]} counts).
 */
public record Evaluation(List<String> classNames, int[][] confusion) {

    /** Evaluates a classifier on labelled rows made by its own pipeline. */
    public static Evaluation of(Classifier model, Dataset rows, BatchEngine engine) {
        model.requireCompatible(rows);
        return of(model.classNames(), rows.labelArray(), model.predict(rows, engine));
    }

    /** Evaluates predictions against labels. */
    public static Evaluation of(List<String> classNames, int[] labels, int[] predicted) {
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predicted.length + " predictions");
        }
        int c = classNames.size();
        int[][] confusion = new int[c][c];
        for (int i = 0; i < labels.length; i++) {
            confusion[labels[i]][predicted[i]]++;
        }
        return new Evaluation(List.copyOf(classNames), confusion);
    }

    public int total() {
        int n = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    public int correct() {
        int n = 0;
        for (int k = 0; k < confusion.length; k++) {
            n += confusion[k][k];
        }
        return n;
    }

    /** Fraction correct, in [0, 1]; NaN for no images. */
    public double accuracy() {
        int total = total();
        return total == 0 ? Double.NaN : (double) correct() / total;
    }

    /** Recall of each class: correct predictions of it over its images (NaN for a class with none). */
    public double[] perClassAccuracy() {
        double[] acc = new double[confusion.length];
        for (int k = 0; k < confusion.length; k++) {
            int n = 0;
            for (int v : confusion[k]) {
                n += v;
            }
            acc[k] = n == 0 ? Double.NaN : (double) confusion[k][k] / n;
        }
        return acc;
    }
}
