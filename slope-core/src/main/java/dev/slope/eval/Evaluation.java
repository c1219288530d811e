package dev.slope.eval;

import dev.slope.data.ImageSet;
import dev.slope.model.LinearModel;
import dev.slope.objective.FusedPass;
import java.util.List;

/**
 * How well predictions match labels: accuracy, accuracy per class and the confusion matrix
 * ({@code confusion[true][predicted]} counts).
 */
public record Evaluation(List<String> classNames, int[][] confusion) {

    /** Evaluates a model on labelled images. */
    public static Evaluation of(LinearModel model, ImageSet images, FusedPass pass) {
        if (images.classCount() != model.classCount()) {
            throw new IllegalArgumentException("the model knows " + model.classCount() + " classes but the images have "
                    + images.classCount());
        }
        return of(model.classNames(), images.labels(), model.predict(images, pass));
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
