package dev.slope.knn;

import dev.slope.linalg.BatchEngine;
import dev.slope.model.Classifier;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import java.util.Arrays;
import java.util.List;

/**
 * k nearest neighbours: a query is given the class most common among the k training rows nearest to it
 * (L1 or squared L2). Exact on raw pixels (see {@link VectorDistances}). Ties are settled the same way
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
    /** Queries per block and training rows per block: 256 rows of 784 floats is 800 KB, inside L2. */
    static final int QUERY_BLOCK = 32;
    static final int TRAIN_BLOCK = 256;

    private final List<String> classNames;
    private final Pipeline pipeline;
    private final float[] rows;
    private final int[] labels;
    private final int n;
    private final int dim;
    private final int k;
    private final Distance distance;
    private final boolean integral;
    /** ‖b‖² of every training row (exact for whole-number rows). */
    private final double[] norms;

    /**
     * @param k at least 1 and at most the number of training rows
     */
    public KnnClassifier(Dataset train, int k, Distance distance) {
        this(copyRows(train), train.labelArray().clone(), train.dim(), train.classNames(), train.pipeline(), k, distance);
    }

    /**
     * A classifier from its parts (as read back from a model file).
     *
     * @param rows   N×D training rows, owned by the classifier
     * @param labels N labels, owned by the classifier
     */
    public KnnClassifier(float[] rows, int[] labels, int dim, List<String> classNames, Pipeline pipeline, int k,
                         Distance distance) {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be at least 1, got " + k);
        }
        if (k > labels.length) {
            throw new IllegalArgumentException("--k " + k + " is more than the " + labels.length + " training images");
        }
        if ((long) labels.length * dim != rows.length || dim != pipeline.inputDim()) {
            throw new IllegalArgumentException(labels.length + " training rows of " + dim + " values need " + labels.length
                    * (long) dim + " numbers and a pipeline making " + dim + ", got " + rows.length + " and "
                    + pipeline.inputDim());
        }
        for (int i = 0; i < labels.length; i++) {
            dev.slope.linalg.Checks.requireLabel(labels[i], classNames.size(), i);
        }
        this.classNames = List.copyOf(classNames);
        this.pipeline = pipeline;
        this.n = labels.length;
        this.dim = dim;
        this.rows = rows;
        this.labels = labels;
        this.k = k;
        this.distance = distance;
        this.integral = wholeNumbers(rows);
        this.norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = DistanceKernel.dot(rows, i * dim, rows, i * dim, dim);
        }
    }

    private static float[] copyRows(Dataset train) {
        int dim = train.dim();
        float[] rows = new float[Math.multiplyExact(train.size(), dim)];
        float[] row = new float[dim];
        for (int i = 0; i < train.size(); i++) {
            train.rows().copyRow(i, row);
            System.arraycopy(row, 0, rows, i * dim, dim);
        }
        return rows;
    }

    public int k() {
        return k;
    }

    /** The training rows (a copy), N×D. */
    public float[] trainingRows() {
        return rows.clone();
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
        boolean dotForm = distance == Distance.L2 && integral && wholeNumbers(query);
        if (q > 0) {
            engine.run(0, q, Math.max(1, Math.min(engine.threads(), q / 8)), (part, from, to) -> {
                if (dotForm) {
                    searchByDots(DistanceKernel.best(distance), query, from, to, kMax, idx, dist);
                } else {
                    search(DistanceKernel.best(distance), query, from, to, kMax, idx, dist);
                }
            });
        }
        return new Neighbours(kMax, idx, dist);
    }

    private void search(DistanceKernel kernel, float[] query, int from, int to, int kMax, int[] idx, double[] dist) {
        double[] four = new double[4];
        for (int qb = from; qb < to; qb += QUERY_BLOCK) {
            int qe = Math.min(to, qb + QUERY_BLOCK);
            for (int tb = 0; tb < n; tb += TRAIN_BLOCK) {
                int te = Math.min(n, tb + TRAIN_BLOCK);
                for (int i = qb; i < qe; i++) {
                    for (int j = tb; j < te; j += 4) {
                        int j1 = Math.min(j + 1, te - 1);
                        int j2 = Math.min(j + 2, te - 1);
                        int j3 = Math.min(j + 3, te - 1);
                        kernel.four(query, i * dim, rows, j * dim, j1 * dim, j2 * dim, j3 * dim, dim, four);
                        int m = Math.min(4, te - j);
                        for (int r = 0; r < m; r++) {
                            insert(i * kMax, kMax, four[r], j + r, idx, dist);
                        }
                    }
                }
            }
        }
    }

    /**
     * Squared L2 on whole-number rows as ‖a‖² + ‖b‖² − 2a·b: one multiply-add per element for two queries against
     * four training rows at a time. Every term is an integer held exactly, so the distances are the same numbers
     * as Σ(a − b)².
     */
    private void searchByDots(DistanceKernel kernel, float[] query, int from, int to, int kMax, int[] idx, double[] dist) {
        double[] dots = new double[8];
        double[] qn = new double[to - from];
        for (int i = from; i < to; i++) {
            qn[i - from] = DistanceKernel.dot(query, i * dim, query, i * dim, dim);
        }
        for (int qb = from; qb < to; qb += QUERY_BLOCK) {
            int qe = Math.min(to, qb + QUERY_BLOCK);
            for (int tb = 0; tb < n; tb += TRAIN_BLOCK) {
                int te = Math.min(n, tb + TRAIN_BLOCK);
                for (int i = qb; i < qe; i += 2) {
                    int i1 = Math.min(i + 1, qe - 1);
                    for (int j = tb; j < te; j += 4) {
                        int j1 = Math.min(j + 1, te - 1);
                        int j2 = Math.min(j + 2, te - 1);
                        int j3 = Math.min(j + 3, te - 1);
                        kernel.dots(query, i * dim, i1 * dim, rows, j * dim, j1 * dim, j2 * dim, j3 * dim, dim, dots);
                        int m = Math.min(4, te - j);
                        for (int r = 0; r < m; r++) {
                            double nb = norms[j + r];
                            insert(i * kMax, kMax, qn[i - from] + nb - 2 * dots[2 * r], j + r, idx, dist);
                            if (i1 != i) {
                                insert(i1 * kMax, kMax, qn[i1 - from] + nb - 2 * dots[2 * r + 1], j + r, idx, dist);
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

    private static boolean wholeNumbers(float[] values) {
        for (float v : values) {
            if (v < 0 || v > 255 || v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }
}
