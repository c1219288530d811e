package dev.slope.knn;

import dev.slope.InvalidValueException;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.Classifier;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import java.util.Arrays;
import java.util.List;

/**
 * k nearest neighbours: a query is given the class most common among the k training rows nearest to it
 * (L1 or squared L2). Exact on raw pixels (see {@link TileKernel.Mode}). Ties are settled the same way
 * every time:
 * <ul>
 *   <li>two training rows at the same distance: the one that comes first in the training set is nearer;</li>
 *   <li>two classes with the same count among the k: the class of the nearer neighbour wins (so with k = 2
 *       and two classes, the nearest neighbour decides, as with k = 1).</li>
 * </ul>
 * Queries are compared with the training rows in blocks (a block of training rows stays in cache while a
 * block of queries passes over it), on the engine's threads; memory is bounded by the blocks, never
 * queries × training rows. Immutable and thread-safe.
 */
public final class KnnClassifier implements Classifier {
    /**
     * Queries per block (48 rows of 784 floats: 150 KB) and panels per block (1 panel of 32 rows: 100 KB): both stay in
     * L2 while the block's 12 tiles pass over the panel. Measured on Fashion-MNIST: blocks of 24 to 2,500 queries and
     * 1 to 8 panels all ran within the machine's run-to-run noise, except the smallest query blocks (slower).
     */
    static final int QUERY_BLOCK = 48;
    static final int PANEL_BLOCK = 1;

    private final List<String> classNames;
    private final Pipeline pipeline;
    private final Panels panels;
    private final int[] labels;
    private final int n;
    private final int dim;
    private final int k;
    private final Distance distance;
    private final boolean integral;
    /** ‖b‖² of every training row (exact for whole-number rows), padded with zeros to the panels; in int for the dot form. */
    private final int[] norms;

    /**
     * @param k at least 1 and at most the number of training rows
     */
    public KnnClassifier(Dataset train, int k, Distance distance) {
        this(new Panels(train.size(), train.dim(), TileKernel.panelWidth(), (i, out) -> train.rows().copyRow(i, out)),
                train.labelArray().clone(), train.classNames(), train.pipeline(), k, distance);
    }

    /**
     * A classifier from its parts (as read back from a model file).
     *
     * @param rows   N×D training rows, read only
     * @param labels N labels, owned by the classifier
     */
    public KnnClassifier(float[] rows, int[] labels, int dim, List<String> classNames, Pipeline pipeline, int k,
                         Distance distance) {
        this(panels(rows, labels.length, dim), labels, classNames, pipeline, k, distance);
    }

    private static Panels panels(float[] rows, int n, int dim) {
        if ((long) n * dim != rows.length) {
            throw new IllegalArgumentException(n + " training rows of " + dim + " values need " + n * (long) dim
                    + " numbers, got " + rows.length);
        }
        return new Panels(n, dim, TileKernel.panelWidth(), (i, out) -> System.arraycopy(rows, i * dim, out, 0, dim));
    }

    private KnnClassifier(Panels panels, int[] labels, List<String> classNames, Pipeline pipeline, int k,
                          Distance distance) {
        if (panels.dim != pipeline.inputDim()) {
            throw new IllegalArgumentException("training rows of " + panels.dim + " values need a pipeline making "
                    + panels.dim + ", got " + pipeline.inputDim());
        }
        if (k < 1) {
            throw new InvalidValueException(n -> n.name("k") + " must be at least 1, got " + k);
        }
        if (k > labels.length) {
            throw new InvalidValueException(n -> n.name("k") + " " + k + " is more than the " + labels.length + " training images");
        }
        for (int i = 0; i < labels.length; i++) {
            dev.slope.linalg.Checks.requireLabel(labels[i], classNames.size(), i);
        }
        this.classNames = List.copyOf(classNames);
        this.pipeline = pipeline;
        this.n = labels.length;
        this.dim = panels.dim;
        this.panels = panels;
        this.labels = labels;
        this.k = k;
        this.distance = distance;
        this.integral = wholeNumbers(panels.data);
        this.norms = new int[panels.count * panels.width];
        if (integral && dim <= TileKernel.Mode.MAX_DOT_DIM) {
            float[] row = new float[dim];
            for (int i = 0; i < n; i++) {
                panels.row(i, row, 0);
                norms[i] = (int) squaredNorm(row, 0, dim);
            }
        }
    }

    public int k() {
        return k;
    }

    /** The training rows (a copy), N×D. */
    public float[] trainingRows() {
        return panels.rows();
    }

    /** The training labels (a copy). */
    public int[] trainingLabels() {
        return labels.clone();
    }

    public int dim() {
        return dim;
    }

    public Distance distance() {
        return distance;
    }

    /** True when every training value is a whole number 0..255 (raw pixels), where distances are exact. */
    public boolean exact() {
        return integral;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    /** The share of the k nearest neighbours voting for each class. */
    @Override
    public float[] outputs(Dataset queries, BatchEngine engine) {
        return shares(neighbours(queries, k, engine), queries.size());
    }

    private float[] shares(Neighbours nb, int q) {
        int classes = classNames.size();
        float[] out = new float[q * classes];
        for (int i = 0; i < q; i++) {
            for (int r = 0; r < k; r++) {
                out[i * classes + labels[nb.indices()[i * k + r]]] += 1f / k;
            }
        }
        return out;
    }

    /** The vote (ties to the nearer neighbour) and the vote shares from one neighbour search. */
    @Override
    public Classified classify(Dataset queries, BatchEngine engine) {
        Neighbours nb = neighbours(queries, k, engine);
        return new Classified(nb.vote(k, labels, classNames.size()), shares(nb, queries.size()));
    }

    @Override
    public String outputName() {
        return "vote share";
    }

    @Override
    public int[] predict(Dataset queries, BatchEngine engine) {
        return neighbours(queries, k, engine).vote(k, labels, classNames.size());
    }

    /**
     * The nearest training rows of every query, nearest first.
     *
     * @param indices   queries × K training-row indices
     * @param distances the matching distances
     */
    public record Neighbours(int kMax, int[] indices, double[] distances) {
        /** The share of queries whose vote of their k nearest ({@link #vote}) is their true label. */
        public double accuracy(int k, int[] trainLabels, int classes, int[] queryLabels) {
            int[] predicted = vote(k, trainLabels, classes);
            int correct = 0;
            for (int q = 0; q < predicted.length; q++) {
                correct += predicted[q] == queryLabels[q] ? 1 : 0;
            }
            return predicted.length == 0 ? Double.NaN : (double) correct / predicted.length;
        }

        /** The predicted class of every query by a vote of its k nearest (k ≤ kMax). */
        public int[] vote(int k, int[] trainLabels, int classes) {
            if (k < 1 || k > kMax) {
                throw new IllegalArgumentException("k must be in 1.." + kMax + ", got " + k);
            }
            int q = indices.length / kMax;
            int[] out = new int[q];
            int[] counts = new int[classes];
            for (int i = 0; i < q; i++) {
                Arrays.fill(counts, 0);
                int most = 0;
                for (int r = 0; r < k; r++) {
                    most = Math.max(most, ++counts[trainLabels[indices[i * kMax + r]]]);
                }
                for (int r = 0; r < k; r++) {
                    int c = trainLabels[indices[i * kMax + r]];
                    if (counts[c] == most) {
                        out[i] = c; // the nearest neighbour among the most common classes
                        break;
                    }
                }
            }
            return out;
        }
    }

    /** The {@code kMax} nearest training rows of every query (ties to the earlier training row). */
    public Neighbours neighbours(Dataset queries, int kMax, BatchEngine engine) {
        requireCompatible(queries);
        if (kMax < 1 || kMax > n) {
            throw new IllegalArgumentException("k must be between 1 and the " + n + " training images, got " + kMax);
        }
        int q = queries.size();
        float[] query = new float[Math.multiplyExact(q, dim)];
        float[] row = new float[dim];
        for (int i = 0; i < q; i++) {
            queries.rows().copyRow(i, row);
            System.arraycopy(row, 0, query, i * dim, dim);
        }
        int[] idx = new int[Math.multiplyExact(q, kMax)];
        double[] dist = new double[idx.length];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Arrays.fill(idx, Integer.MAX_VALUE);
        TileKernel.Mode mode = TileKernel.Mode.of(distance, integral && wholeNumbers(query), dim);
        double[] queryNorms = new double[q];
        if (mode == TileKernel.Mode.DOT) {
            for (int i = 0; i < q; i++) {
                queryNorms[i] = squaredNorm(query, i * dim, dim);
            }
        }
        if (q > 0) {
            engine.run(0, q, Math.max(1, Math.min(engine.threads(), q / 8)), (part, from, to) ->
                    search(TileKernel.best(panels, mode, queryNorms, norms), query, from, to, kMax, idx, dist));
        }
        return new Neighbours(kMax, idx, dist);
    }

    /**
     * Queries {@code from..to} against every panel: a block of queries passes over a block of panels (both stay in
     * cache), one tile of queries × one panel at a time; each distance then goes into its query's sorted list.
     */
    private void search(TileKernel kernel, float[] query, int from, int to, int kMax, int[] idx, double[] dist) {
        int w = panels.width;
        int tq = kernel.queries();
        int groups = (QUERY_BLOCK + tq - 1) / tq;
        int[][] tileQueries = new int[groups][tq];
        float[] packed = new float[groups * tq * dim];
        double[] worst = new double[tq];
        int[] lane = new int[tq * w];
        double[] near = new double[tq * w];
        for (int qb = from; qb < to; qb += QUERY_BLOCK) {
            int qe = Math.min(to, qb + QUERY_BLOCK);
            for (int g = 0, t = qb; t < qe; g++, t += tq) {
                for (int r = 0; r < tq; r++) {
                    tileQueries[g][r] = Math.min(t + r, qe - 1);
                }
                TileKernel.pack(query, dim, tileQueries[g], packed, g * tq * dim);
            }
            for (int pb = 0; pb < panels.count; pb += PANEL_BLOCK) {
                int pe = Math.min(panels.count, pb + PANEL_BLOCK);
                for (int g = 0, t = qb; t < qe; g++, t += tq) {
                    int rows = Math.min(tq, qe - t);
                    for (int p = pb; p < pe; p++) {
                        for (int r = 0; r < tq; r++) {
                            worst[r] = dist[tileQueries[g][r] * kMax + kMax - 1];
                        }
                        int found = kernel.tile(packed, g * tq * dim, tileQueries[g], p, worst, lane, near);
                        for (int c = 0; c < found; c++) {
                            int r = lane[c] / w;
                            int j = p * w + lane[c] % w;
                            if (r < rows && j < n) {
                                insert((t + r) * kMax, kMax, near[c], j, idx, dist);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Keeps the list at {@code o} sorted by (distance, index); a row no nearer than the last is dropped. */
    private static void insert(int o, int kMax, double d, int j, int[] idx, double[] dist) {
        if (d > dist[o + kMax - 1] || (d == dist[o + kMax - 1] && j > idx[o + kMax - 1])) {
            return;
        }
        int p = kMax - 1;
        while (p > 0 && (dist[o + p - 1] > d || (dist[o + p - 1] == d && idx[o + p - 1] > j))) {
            dist[o + p] = dist[o + p - 1];
            idx[o + p] = idx[o + p - 1];
            p--;
        }
        dist[o + p] = d;
        idx[o + p] = j;
    }

    private static double squaredNorm(float[] a, int o, int dim) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
            s += (double) a[o + j] * a[o + j];
        }
        return s;
    }

    private static boolean wholeNumbers(float[] values) {
        for (float v : values) {
            if (v < 0 || v > 255 || v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }
}
