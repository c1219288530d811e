package dev.slope.preprocess;

import dev.slope.data.DatasetInfo;
import dev.slope.linalg.DenseRows;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The lecture's reason for features: two classes on concentric rings cannot be split by a line in (x, y),
 * but after the polar transform (r, θ) a line r = constant splits them. Points of class 0 lie at radius
 * 0.2..1, class 1 at 2..3, at uniform angles.
 *
 * @param xy     N×2 points, row-major
 * @param labels N classes, 0 (inner) or 1 (outer)
 */
public record ConcentricCircles(float[] xy, int[] labels) {
    public static final List<String> CLASSES = List.of("inner", "outer");

    /** n points, half on each ring, drawn from the seed. */
    public static ConcentricCircles generate(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double radius = c == 0 ? 0.2 + 0.8 * r.nextDouble() : 2 + r.nextDouble();
            double angle = 2 * Math.PI * r.nextDouble();
            xy[2 * i] = (float) (radius * Math.cos(angle));
            xy[2 * i + 1] = (float) (radius * Math.sin(angle));
            labels[i] = c;
        }
        return new ConcentricCircles(xy, labels);
    }

    /** The same points in polar coordinates: (r, θ) with θ in (−π, π]. */
    public float[] polar() {
        float[] out = new float[xy.length];
        for (int i = 0; i < xy.length; i += 2) {
            out[i] = (float) Math.hypot(xy[i], xy[i + 1]);
            out[i + 1] = (float) Math.atan2(xy[i + 1], xy[i]);
        }
        return out;
    }

    /** Two-number rows with the bias 1 appended, as a dataset a learner takes (the points as 1×2 "images"). */
    public Dataset dataset(float[] twoColumns, String part) {
        int n = labels.length;
        float[] rows = new float[3 * n];
        for (int i = 0; i < n; i++) {
            rows[3 * i] = twoColumns[2 * i];
            rows[3 * i + 1] = twoColumns[2 * i + 1];
            rows[3 * i + 2] = 1f;
        }
        Pipeline points = new Pipeline(1, 2, 1, new Preprocessing(1f, new float[0], true, 2));
        return new Dataset(new DenseRows(rows, n, 3), labels.clone(), CLASSES, points,
                new DatasetInfo("concentric circles", "", "generated", n, 0, ""), part);
    }
}
