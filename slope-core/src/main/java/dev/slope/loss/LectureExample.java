package dev.slope.loss;

import java.util.List;

/**
 * The lecture's worked example: three training images (a cat, a car, a frog) and the scores some W
 * gives them over the classes cat, car, frog. On the slide the images are columns; here each image is a
 * row, as everywhere in Slope.
 *
 * <pre>
 *            cat image   car image   frog image
 *   cat         3.2         1.3         2.2
 *   car         5.1         4.9         2.5
 *   frog       −1.7         2.0        −3.1
 * </pre>
 *
 * The SVM losses are 2.9, 0 and 12.9 (mean 5.27); the softmax losses 2.0404, 0.0791 and 6.1565.
 */
public final class LectureExample {
    public static final List<String> CLASSES = List.of("cat", "car", "frog");
    /** N×C = 3×3, one image per row. */
    private static final double[] SCORES = {
        3.2, 5.1, -1.7,
        1.3, 4.9, 2.0,
        2.2, 2.5, -3.1,
    };
    private static final int[] LABELS = {0, 1, 2};

    private LectureExample() {
    }

    public static double[] scores() {
        return SCORES.clone();
    }

    public static int[] labels() {
        return LABELS.clone();
    }
}
