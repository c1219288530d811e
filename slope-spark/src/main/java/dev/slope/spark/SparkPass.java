package dev.slope.spark;

import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.DenseRows;
import dev.slope.linalg.RowKernel;
import dev.slope.loss.Loss;
import dev.slope.model.Parameters;
import dev.slope.objective.LossAggregator;
import dev.slope.objective.Pass;
import dev.slope.preprocess.Dataset;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.slope.optimize.UpdateRule;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The full-batch loss and gradient pass with the rows on a Spark cluster, equal bit for bit to
 * {@link dev.slope.objective.FusedPass} on one machine. The rows are cut into exactly the parts the local engine
 * cuts them into ({@link BatchEngine#partsOf}), one cached partition each; every pass broadcasts W and b, each
 * partition sums its rows with slope-core's own {@link LossAggregator} (the same kernels), sends back its
 * {@link LossAggregator.Sums}, and the driver merges them in partition order, as the local pass merges its parts.
 * Not {@code treeAggregate}: its combining order is not fixed, and the sums would then depend on the cluster.
 */
public final class SparkPass implements Pass, AutoCloseable {
    /** One partition's rows: float rows of {@code dim} values and their labels. */
    /**
     * A partition's sums on their way to the driver: core's {@link LossAggregator.Sums} is a record, which Kryo 4 (a
     * cluster's {@code spark.serializer=KryoSerializer}) cannot build, and core knows no Kryo; this holder is written
     * with Java serialization under either serializer.
     */
    @com.esotericsoftware.kryo.DefaultSerializer(com.esotericsoftware.kryo.serializers.JavaSerializer.class)
    record PartSums(LossAggregator.Sums sums) implements Serializable {
    }

    // Kryo 4 cannot build records field by field: Java serialization for this one under KryoSerializer
    @com.esotericsoftware.kryo.DefaultSerializer(com.esotericsoftware.kryo.serializers.JavaSerializer.class)
    public record Block(float[] x, int[] y, int dim) implements Serializable {
    }

    private final JavaSparkContext sc;
    private final JavaRDD<Block> blocks;
    private final List<Broadcast<Block>> shipped;
    private final int rows;
    private final int dim;
    private final int[] partRows;

    /** Ships {@code data}'s rows to the cluster (converted to floats once) and caches them there. */
    public SparkPass(JavaSparkContext sc, Dataset data) {
        this(sc, data, BatchEngine.partsOf(data.size()));
    }

    /**
     * Ships {@code data}'s rows into {@code parts} partitions (cut by rows, in order). Only the engine's own count
     * ({@link BatchEngine#partsOf}) gives one machine's sums bit for bit; any other gives them to float rounding.
     */
    public SparkPass(JavaSparkContext sc, Dataset data, int parts) {
        this(sc, data, parts, null);
    }

    /**
     * Ships {@code data}'s rows into {@code parts} partitions in the order {@code order} gives (partition p holds
     * rows {@code order[from..to)}; null: the rows' own order). Local SGD averages partitions that learned apart, so
     * it wants each to look like the whole: {@link SparkTrainer#rowsFor} spreads them by a seeded shuffle.
     */
    public SparkPass(JavaSparkContext sc, Dataset data, int parts, int[] order) {
        if (order != null && order.length != data.size()) {
            throw new IllegalArgumentException("an order of " + order.length + " rows for " + data.size() + " rows");
        }
        if (parts < 1) {
            throw new IllegalArgumentException("the rows need at least one partition, got " + parts);
        }
        this.sc = sc;
        this.rows = data.size();
        this.dim = data.dim();
        List<Block> list = new ArrayList<>(parts);
        this.partRows = new int[parts];
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) rows * p / parts);
            int to = (int) ((long) rows * (p + 1) / parts);
            float[] x = new float[(to - from) * dim];
            float[] row = new float[dim];
            int[] y = new int[to - from];
            for (int i = from; i < to; i++) {
                int r = order == null ? i : order[i];
                data.rows().copyRow(r, row);
                System.arraycopy(row, 0, x, (i - from) * dim, dim);
                y[i - from] = data.label(r);
            }
            list.add(new Block(x, y, dim));
            partRows[p] = to - from;
        }
        // broadcast, not parallelize: a parallelized collection travels inside every task of every job even when
        // cached (tens of MB per task); a broadcast per block reaches the executor that needs it once, and a lost
        // block is rebuilt from it
        List<Broadcast<Block>> each = new ArrayList<>(parts);
        List<Integer> indices = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            each.add(sc.broadcast(list.get(p)));
            indices.add(p);
        }
        this.shipped = each;
        this.blocks = sc.parallelize(indices, parts).map(p -> each.get(p).value()).cache();
    }

    /**
     * A pass over blocks already on the cluster (one per partition, cached by the caller: {@link SparkFrames#prepare}
     * makes them from a DataFrame).
     *
     * @param partRows the rows of each partition's block, in partition order
     */
    public SparkPass(JavaSparkContext sc, JavaRDD<Block> blocks, int[] partRows, int dim) {
        this.sc = sc;
        this.blocks = blocks;
        this.partRows = partRows.clone();
        this.dim = dim;
        long n = 0;
        for (int r : partRows) {
            n += r;
        }
        this.rows = Math.toIntExact(n);
        this.shipped = null;
    }

    /** The rows each partition holds, in partition order. */
    public int[] partitionRows() {
        return partRows.clone();
    }

    /**
     * One job of local SGD ({@link SparkTrainer}): every partition takes steps {@code [firstStep, lastStep)} of its
     * epoch from the same W, b and update-rule state; their results come back in partition order.
     */
    List<SparkTrainer.Local> localSteps(Map<String, Object> settings, long seed, int epoch, int firstStep, int lastStep,
                                        long firstGlobal, int localEpoch, Parameters p, UpdateRule.State ruleState) {
        List<float[]> ruleArrays = ruleState.arrays();
        Broadcast<float[][]> weights = sc.broadcast(new float[][] {p.w(), p.b()});
        Broadcast<float[][]> rule = sc.broadcast(ruleArrays.toArray(new float[0][]));
        String ruleName = ruleState.rule();
        long ruleSteps = ruleState.steps();
        int classes = p.classes();
        int d = dim;
        boolean biasInLastColumn = p.biasInLastColumn();
        try {
            return blocks.mapPartitionsWithIndex((index, it) -> {
                float[][] wb = weights.value();
                Parameters start = new Parameters(classes, d, wb[0], wb[1], biasInLastColumn);
                UpdateRule.State state = new UpdateRule.State(ruleName, ruleSteps, List.of(rule.value()));
                Block block = it.hasNext() ? it.next() : new Block(new float[0], new int[0], d);
                return List.of(SparkTrainer.localSteps(block, index, settings, seed, epoch, firstStep, lastStep,
                        firstGlobal, localEpoch, start, state)).iterator();
            }, true).collect();
        } finally {
            weights.destroy();
            rule.destroy();
        }
    }

    /** Each partition's count of rows per class (one job): [partition][class]. */
    int[][] labelCounts(int classes) {
        return blocks.map(b -> {
            int[] counts = new int[classes];
            for (int y : b.y()) {
                counts[y]++;
            }
            return counts;
        }).collect().toArray(new int[0][]);
    }

    /** How the rows' blocks are kept on the executors. */
    org.apache.spark.storage.StorageLevel storageLevel() {
        return blocks.getStorageLevel();
    }

    /** Partitions the rows live in: one per part of the local engine. */
    public int partitions() {
        return blocks.getNumPartitions();
    }

    @Override
    public int rows() {
        return rows;
    }

    /**
     * The {@link Pass} a trainer calls: full batches only (every row, in order: the rows this pass was built from, which
     * already live on the cluster). A mini-batch is refused with what to do.
     */
    @Override
    public Result lossAndGradient(Loss loss, Parameters p, int[] order, int from, int to, Parameters grad) {
        requireAllRows(order, from, to);
        return sum(loss, p, grad);
    }

    @Override
    public Result loss(Loss loss, Parameters p, int[] order, int from, int to) {
        requireAllRows(order, from, to);
        return sum(loss, p, null);
    }

    @Override
    public String kernelName() {
        return "spark (" + partRows.length + " partitions), " + RowKernel.best().name();
    }

    private void requireAllRows(int[] order, int from, int to) {
        boolean all = from == 0 && to == rows;
        for (int i = 0; all && order != null && i < rows; i++) {
            all = order[i] == i;
        }
        if (!all) {
            throw new IllegalArgumentException("the Spark pass runs full batches (every row, in order); mini-batches"
                    + " on Spark run as local steps per partition: train through SparkTrainer");
        }
    }

    /** One Spark job: the partitions' sums, merged on the driver in partition order; the gradient when grad != null. */
    private Result sum(Loss loss, Parameters p, Parameters grad) {
        if (p.dim() != dim) {
            throw new IllegalArgumentException("W is " + p.classes() + "x" + p.dim() + " but the rows have " + dim
                    + " values");
        }
        double invN = 1.0 / rows;
        boolean gradient = grad != null;
        Broadcast<float[][]> weights = sc.broadcast(new float[][] {p.w(), p.b()});
        int classes = p.classes();
        boolean biasInLastColumn = p.biasInLastColumn();
        try {
            List<PartSums> parts = blocks.map(b -> {
                float[][] wb = weights.value();
                Parameters params = new Parameters(classes, b.dim(), wb[0], wb[1], biasInLastColumn);
                LossAggregator a = new LossAggregator(RowKernel.best()).reset(loss, params, invN, gradient);
                a.add(new DenseRows(b.x(), b.y().length, b.dim()), b.y(), null, 0, b.y().length);
                return new PartSums(a.sums());
            }).collect(); // in partition order
            LossAggregator total = new LossAggregator(RowKernel.best()).reset(loss, p, invN, gradient);
            for (PartSums s : parts) {
                total.merge(s.sums());
            }
            if (!gradient) {
                return new Result(total.lossSum() / rows, total.correct(), rows);
            }
            total.finish(grad);
            return new Result(total.lossSum() * invN, total.correct(), rows);
        } finally {
            weights.destroy();
        }
    }

    /**
     * The confusion matrix of W and b on the rows, counted where they live (one job): row i is predicted as its highest
     * score's class (the first on a tie), by the same kernel the passes use; entry [label][predicted].
     */
    public int[][] confusion(Parameters p, int classes) {
        if (p.dim() != dim || p.classes() != classes) {
            throw new IllegalArgumentException("W is " + p.classes() + "x" + p.dim() + " but the rows have " + dim
                    + " values of " + classes + " classes");
        }
        Broadcast<float[][]> weights = sc.broadcast(new float[][] {p.w(), p.b()});
        try {
            List<int[][]> parts = blocks.map(b -> {
                float[][] wb = weights.value();
                RowKernel kernel = RowKernel.best();
                int[][] counts = new int[classes][classes];
                float[] scores = new float[classes];
                for (int i = 0; i < b.y().length; i++) {
                    kernel.scores(wb[0], classes, b.dim(), b.x(), i * b.dim(), scores, 0);
                    for (int c = 0; c < wb[1].length; c++) {
                        scores[c] += wb[1][c];
                    }
                    counts[b.y()[i]][dev.slope.model.LinearModel.argmax(scores, 0, classes)]++;
                }
                return counts;
            }).collect();
            int[][] total = new int[classes][classes];
            for (int[][] part : parts) {
                for (int a = 0; a < classes; a++) {
                    for (int c = 0; c < classes; c++) {
                        total[a][c] += part[a][c];
                    }
                }
            }
            return total;
        } finally {
            weights.destroy();
        }
    }

    /** Drops the cached rows from the cluster. */
    @Override
    public void close() {
        blocks.unpersist();
        if (shipped != null) {
            shipped.forEach(Broadcast::destroy);
        }
    }
}
