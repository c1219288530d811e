package dev.slope.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.slope.objective.ExactObjective;
import dev.slope.objective.GradientCheck;
import dev.slope.objective.NumericalGradient;
import dev.slope.objective.Objective;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import java.util.List;

/**
 * {@code POST /api/playground/step}: the lecture's 2-D linear classifier at the given W and b, computed by the
 * core's double-precision objective ({@link ExactObjective}): scores, per-point losses, data and regularization
 * loss, accuracy, the analytic gradient, one gradient step, and on request the numerical gradient with its
 * relative error. The page never computes a loss or a gradient itself.
 */
final class Playground {
    /** The most points one request may send. */
    static final int MAX_POINTS = 1000;
    /** Classes: 2 to 10 (rows of W). */
    static final int MAX_CLASSES = 10;
    static final List<String> LOSSES = List.of("svm", "ova", "structured", "softmax");
    static final List<String> REGULARIZERS = List.of("none", "l2", "l1", "elasticnet");
    /** The finite-difference step of the live gradient check. */
    static final double H = 1e-5;

    private Playground() {
    }

    static JsonObject step(JsonObject body) {
        Bodies.onlyFields(body, "points", "labels", "W", "b", "loss", "reg_type", "reg", "step_size", "numerical");
        double[][] w = Bodies.matrix(body, "W", 2, MAX_CLASSES, 2);
        int classes = w.length;
        double[] b = Bodies.vector(body, "b", classes);
        double[][] points = Bodies.matrix(body, "points", 1, MAX_POINTS, 2);
        var labelArray = Bodies.array(Bodies.required(body, "labels"), "labels", points.length, points.length);
        int[] labels = new int[points.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Bodies.whole(labelArray.get(i), "labels[" + i + "]", 0, classes - 1);
        }
        String loss = Bodies.choice(body, "loss", LOSSES, "svm");
        String regType = Bodies.choice(body, "reg_type", REGULARIZERS, "l2");
        double reg = Bodies.number(body, "reg", 0, 1e3, 0.1);
        double stepSize = Bodies.number(body, "step_size", 0, 1e3, 0.1);
        boolean numerical = Bodies.flag(body, "numerical");

        Objective objective = TrainConfig.builder().set(Settings.LOSS, loss).set(Settings.REG_TYPE, regType)
                .set(Settings.REG, reg).set(Settings.PENALIZE_BIAS, false).build().objective();
        double[] x = new double[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            x[2 * i] = points[i][0];
            x[2 * i + 1] = points[i][1];
        }
        ExactObjective f = new ExactObjective(objective, x, labels, 2, classes, true, false);
        double[] theta = new double[f.size()];
        for (int c = 0; c < classes; c++) {
            theta[2 * c] = w[c][0];
            theta[2 * c + 1] = w[c][1];
            theta[f.biasOffset() + c] = b[c];
        }
        ExactObjective.Breakdown at = f.breakdown(theta);
        double[] next = theta.clone();
        for (int k = 0; k < next.length; k++) {
            next[k] -= stepSize * at.gradient()[k];
        }
        JsonObject out = new JsonObject();
        out.add("scores", rows(at.scores(), points.length, classes));
        out.add("losses", vector(at.losses(), 0, points.length));
        out.addProperty("data_loss", at.data());
        out.addProperty("reg_loss", at.penalty());
        out.addProperty("total_loss", at.total());
        out.addProperty("accuracy", at.accuracy());
        out.add("grad_W", rows(at.gradient(), classes, 2));
        out.add("grad_b", vector(at.gradient(), f.biasOffset(), classes));
        out.add("next_W", rows(next, classes, 2));
        out.add("next_b", vector(next, f.biasOffset(), classes));
        if (numerical) {
            double[] num = NumericalGradient.full(f, theta, H, NumericalGradient.Difference.CENTRED);
            double[] rel = new double[num.length];
            for (int k = 0; k < num.length; k++) {
                rel[k] = GradientCheck.relativeError(at.gradient()[k], num[k]);
            }
            out.add("num_grad_W", rows(num, classes, 2));
            out.add("num_grad_b", vector(num, f.biasOffset(), classes));
            out.add("rel_error_W", rows(rel, classes, 2));
            out.add("rel_error_b", vector(rel, f.biasOffset(), classes));
        }
        return out;
    }

    /**
     * A starting set of points with W and b: {@code lecture} (9 points, 3 per class, and a W and b that get some of
     * them wrong; documented in docs/api.md), {@code blobs} (3 seeded Gaussian blobs of 10 points), {@code circles}
     * (two rings, the core's {@link dev.slope.preprocess.ConcentricCircles}) and {@code polar} (the same rings in
     * (r, θ), where a line separates them).
     */
    static JsonObject preset(String name, long seed) {
        double[][] points;
        int[] labels;
        double[][] w;
        double[] b;
        switch (name) {
            case "lecture" -> {
                points = new double[][] {{0.5, 0.4}, {0.8, 0.3}, {0.3, 0.8}, {-0.4, 0.3}, {-0.3, 0.7}, {-0.7, 0.2},
                        {0.7, -0.4}, {0.5, -0.6}, {-0.4, -0.5}};
                labels = new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2};
                w = new double[][] {{1, 2}, {2, -4}, {3, -1}};
                b = new double[] {0, 0.5, -0.5};
            }
            case "blobs" -> {
                java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                double[][] centres = {{-1.2, -0.8}, {1.2, -0.8}, {0, 1.2}};
                points = new double[30][];
                labels = new int[30];
                for (int i = 0; i < 30; i++) {
                    int c = i / 10;
                    points[i] = new double[] {centres[c][0] + 0.45 * dev.slope.linalg.Randoms.gaussian(r),
                            centres[c][1] + 0.45 * dev.slope.linalg.Randoms.gaussian(r)};
                    labels[i] = c;
                }
                w = new double[][] {{0.3, -0.1}, {-0.2, 0.4}, {0.1, 0.2}};
                b = new double[] {0, 0, 0};
            }
            case "circles", "polar" -> {
                dev.slope.preprocess.ConcentricCircles rings = dev.slope.preprocess.ConcentricCircles.generate(60, seed);
                float[] xy = name.equals("polar") ? rings.polar() : rings.xy();
                labels = rings.labels();
                points = new double[labels.length][];
                for (int i = 0; i < labels.length; i++) {
                    points[i] = new double[] {xy[2 * i], xy[2 * i + 1]};
                }
                w = new double[][] {{0.5, 0.2}, {-0.3, 0.4}};
                b = new double[] {0, 0};
            }
            default -> throw new ApiError(404, "name", "no preset '" + name + "'; there are lecture, blobs, circles, polar");
        }
        JsonObject o = new JsonObject();
        JsonArray p = new JsonArray();
        for (double[] xy : points) {
            p.add(vector(xy, 0, 2));
        }
        o.add("points", p);
        JsonArray l = new JsonArray();
        for (int y : labels) {
            l.add(y);
        }
        o.add("labels", l);
        JsonArray wr = new JsonArray();
        for (double[] row : w) {
            wr.add(vector(row, 0, 2));
        }
        o.add("W", wr);
        o.add("b", vector(b, 0, b.length));
        return o;
    }

    private static JsonArray rows(double[] values, int rows, int cols) {
        JsonArray a = new JsonArray();
        for (int r = 0; r < rows; r++) {
            a.add(vector(values, r * cols, cols));
        }
        return a;
    }

    private static JsonArray vector(double[] values, int from, int length) {
        JsonArray a = new JsonArray();
        for (int i = 0; i < length; i++) {
            a.add(values[from + i]);
        }
        return a;
    }
}
