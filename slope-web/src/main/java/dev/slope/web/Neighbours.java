package dev.slope.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.slope.knn.Distance;
import dev.slope.knn.PlaneRegions;
import dev.slope.linalg.BatchEngine;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/knn/regions}: the class the core's kNN ({@link PlaneRegions}) gives every cell of a grid over the
 * plane, for 2-D points, a k and a distance (the lecture's 1-NN and 5-NN pictures).
 */
final class Neighbours {
    static final int MAX_GRID = 160;

    private Neighbours() {
    }

    static JsonObject regions(JsonObject body) {
        Bodies.onlyFields(body, "points", "labels", "classes", "k", "distance", "grid", "range");
        double[][] points = Bodies.matrix(body, "points", 1, Playground.MAX_POINTS, 2);
        var labelArray = Bodies.array(Bodies.required(body, "labels"), "labels", points.length, points.length);
        int classes = Bodies.whole(body, "classes", 2, Playground.MAX_CLASSES, 3);
        int[] labels = new int[points.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Bodies.whole(labelArray.get(i), "labels[" + i + "]", 0, classes - 1);
        }
        int k = Bodies.whole(body, "k", 1, points.length, 1);
        Distance distance = Distance.valueOf(Bodies.choice(body, "distance", List.of("l1", "l2"), "l2")
                .toUpperCase(Locale.ROOT));
        int grid = Bodies.whole(body, "grid", 2, MAX_GRID, 64);
        double range = Bodies.number(body, "range", 0.1, 1e3, 3.5);
        float[] train = new float[2 * points.length];
        for (int i = 0; i < points.length; i++) {
            train[2 * i] = (float) points[i][0];
            train[2 * i + 1] = (float) points[i][1];
        }
        int[] predicted;
        try (BatchEngine engine = new BatchEngine(1)) {
            predicted = PlaneRegions.classify(train, labels, classes, k, distance, grid, range, engine);
        }
        JsonObject out = new JsonObject();
        out.addProperty("grid", grid);
        out.addProperty("range", range);
        JsonArray a = new JsonArray();
        for (int p : predicted) {
            a.add(p);
        }
        out.add("classes", a);
        return out;
    }
}
