package dev.slope.knn;

import dev.slope.data.DatasetInfo;
import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.DenseRows;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import java.util.ArrayList;
import java.util.List;

/**
 * kNN on points of the plane: the class k nearest neighbours give the centre of every cell of a grid over
 * [−range, range]², the lecture's 1-NN and 5-NN pictures (`slope lecture knn`, the kNN page of `slope serve`).
 */
public final class PlaneRegions {
    /** Two numbers per row, as they are (no scaling, no bias). */
    private static final Pipeline TWO_NUMBERS = new Pipeline(1, 2, 1, new Preprocessing(1f, new float[0], false, 2));

    private PlaneRegions() {
    }

    /**
     * @param xy     N points, x and y interleaved
     * @param labels N classes in 0..classes-1
     * @return grid × grid classes, row by row from the top left (y = range) to the bottom right
     */
    public static int[] classify(float[] xy, int[] labels, int classes, int k, Distance distance, int grid, double range,
                                 BatchEngine engine) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }
        float[] cells = new float[2 * grid * grid];
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                int i = r * grid + c;
                cells[2 * i] = (float) (-range + (c + 0.5) * 2 * range / grid);
                cells[2 * i + 1] = (float) (range - (r + 0.5) * 2 * range / grid);
            }
        }
        KnnClassifier knn = new KnnClassifier(xy.clone(), labels.clone(), 2, names, TWO_NUMBERS, k, distance);
        Dataset queries = new Dataset(new DenseRows(cells, grid * grid, 2), new int[grid * grid], names, TWO_NUMBERS,
                new DatasetInfo("grid", "", "generated", grid * grid, 0, ""), "grid");
        return knn.predict(queries, engine);
    }
}
