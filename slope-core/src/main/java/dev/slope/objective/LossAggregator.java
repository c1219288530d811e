package dev.slope.objective;

import dev.slope.linalg.RowBlock;
import dev.slope.linalg.RowKernel;
import dev.slope.linalg.RowSource;
import dev.slope.loss.Loss;
import dev.slope.model.Parameters;
import java.util.Arrays;

/**
 * Sums a data loss and its gradient over blocks of rows, the unit of work every engine folds: the
 * {@link FusedPass} runs one aggregator per thread, a distributed trainer one per partition. For each
 * added row x_i with label y_i:
 *
 * <pre>
 *   s      = W·x_i + b                         scores (C)
 *   L_i, g = loss(s, y_i), weight · ∂L_i/∂s    per-example loss and its weighted score gradient
 *   ∂W    += g · x_iᵀ,  ∂b += g                 chain rule, accumulated in place
 * </pre>
 *
 * The life cycle: {@link #reset} (parameters, weight, gradient or not), any number of {@link #add} calls,
 * {@link #merge} of other aggregators in a fixed order (so a result never depends on which thread finished
 * first), then {@link #finish}. The weight is usually 1/N for a batch of N rows, making the gradient that
 * of the mean loss; the loss itself is summed unweighted ({@link #lossSum()}).
 *
 * <p>The gradient is accumulated in a float buffer, flushed into double totals every
 * {@value #FLUSH_ROWS} rows so long sums keep their precision. Buffers are kept between resets: once
 * grown, an aggregator allocates nothing. Not thread-safe: one per thread.
 */
public final class LossAggregator {
    /** Rows accumulated in float before they are added to the double totals. */
    public static final int FLUSH_ROWS = 256;
    private static final int B = RowKernel.BLOCK;

    private final RowKernel kernel;
    private final RowBlock block = new RowBlock();
    private Loss loss;
    private Parameters params;
    private double weight;
    private boolean gradient;
    private int classes;
    private int dim;
    private float[] g = new float[0];
    private double[] sd = new double[0];
    private double[] dsd = new double[0];
    private float[] partialW = new float[0];
    private double[] totalW = new double[0];
    private double[] totalB = new double[0];
    private boolean totalsUsed;
    private int sinceFlush;
    private double lossSum;
    private long count;
    private long correct;

    public LossAggregator(RowKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Starts a new sum.
     *
     * @param p        W and b; read only, and must not change until {@link #finish}
     * @param weight   multiplies every row's score gradient (1/N for the gradient of the mean over N rows)
     * @param gradient false to sum the loss only (one scores pass, no gradient work)
     */
    public LossAggregator reset(Loss loss, Parameters p, double weight, boolean gradient) {
        this.loss = loss;
        this.params = p;
        this.weight = weight;
        this.gradient = gradient;
        this.classes = p.classes();
        this.dim = p.dim();
        if (sd.length != classes) {
            g = new float[B * classes];
            sd = new double[classes];
            dsd = new double[classes];
            totalB = new double[classes];
        }
        if (gradient) {
            if (partialW.length != classes * dim) {
                partialW = new float[classes * dim];
                totalW = new double[classes * dim];
            } else {
                Arrays.fill(partialW, 0f);
            }
            totalsUsed = false;
            Arrays.fill(totalB, 0);
        }
        sinceFlush = 0;
        lossSum = 0;
        count = 0;
        correct = 0;
        return this;
    }

    /**
     * Adds rows {@code order[from..to)} of x (rows from..to when order is null).
     *
     * @param labels one label per row of x; read only
     */
    public void add(RowSource x, int[] labels, int[] order, int from, int to) {
        if (x.cols() != dim) {
            throw new IllegalArgumentException("W is " + classes + "x" + dim + " but x has " + x.cols() + " features");
        }
        // two loops, so that the hot one has no branch on the mode and stays small enough to inline the loss
        lossSum += gradient ? addWithGradient(x, labels, order, from, to) : addLossOnly(x, labels, order, from, to);
        count += to - from;
    }

    private double addLossOnly(RowSource x, int[] labels, int[] order, int from, int to) {
        Loss loss = this.loss;
        RowKernel kernel = this.kernel;
        RowBlock block = this.block;
        int classes = this.classes;
        float[] w = params.w();
        float[] b = params.b();
        double[] sd = this.sd;
        double sum = 0;
        long right = 0;
        for (int k = from; k < to; k += B) {
            int rows = Math.min(B, to - k);
            block.score(kernel, w, b, classes, x, order, k, rows);
            float[] s = block.scores();
            for (int r = 0; r < rows; r++) {
                int y = label(labels, block.ids[r], classes);
                for (int c = 0; c < classes; c++) {
                    sd[c] = s[r * classes + c];
                }
                right += top(s, r * classes, classes) == y ? 1 : 0;
                sum += loss.lossAndGradient(sd, 0, classes, y, null, 0);
            }
        }
        correct += right;
        return sum;
    }

    private double addWithGradient(RowSource x, int[] labels, int[] order, int from, int to) {
        // fields copied to locals: the loop calls the loss, after which the JIT would reload them
        Loss loss = this.loss;
        RowKernel kernel = this.kernel;
        RowBlock block = this.block;
        int classes = this.classes;
        int dim = this.dim;
        double weight = this.weight;
        float[] w = params.w();
        float[] b = params.b();
        float[] g = this.g;
        double[] sd = this.sd;
        double[] dsd = this.dsd;
        double[] tb = this.totalB;
        float[] pw = this.partialW;
        double sum = 0;
        long right = 0;
        int since = sinceFlush;
        for (int k = from; k < to; k += B) {
            int rows = Math.min(B, to - k);
            block.score(kernel, w, b, classes, x, order, k, rows);
            float[] s = block.scores();
            for (int r = 0; r < rows; r++) {
                int y = label(labels, block.ids[r], classes);
                for (int c = 0; c < classes; c++) {
                    sd[c] = s[r * classes + c];
                }
                right += top(s, r * classes, classes) == y ? 1 : 0;
                sum += loss.lossAndGradient(sd, 0, classes, y, dsd, 0);
                for (int c = 0; c < classes; c++) {
                    double gc = dsd[c] * weight;
                    g[r * classes + c] = (float) gc;
                    tb[c] += gc;
                }
            }
            kernel.accumulateBlock(g, classes, dim, block.xs, block.xo, rows, pw);
            since += rows;
            if (since >= FLUSH_ROWS) {
                flush();
                since = 0;
            }
        }
        sinceFlush = since;
        correct += right;
        return sum;
    }

    /** The class with the highest score (the first on a tie), as a model predicts. */
    private static int top(float[] s, int o, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (s[o + c] > s[o + best]) {
                best = c;
            }
        }
        return best;
    }

    private static int label(int[] labels, int i, int classes) {
        int y = labels[i];
        if (y < 0 || y >= classes) {
            throw new IllegalArgumentException("label " + y + " of row " + i + " is outside 0.." + (classes - 1));
        }
        return y;
    }

    private void flush() {
        float[] partial = partialW;
        double[] total = totalW;
        if (!totalsUsed) {
            for (int k = 0; k < partial.length; k++) {
                total[k] = partial[k];
                partial[k] = 0f;
            }
            totalsUsed = true;
        } else {
            for (int k = 0; k < partial.length; k++) {
                total[k] += partial[k];
                partial[k] = 0f;
            }
        }
        sinceFlush = 0;
    }

    /**
     * Adds another aggregator's sums (same parameters and weight) into this one; {@code other} is spent.
     * Merging in a fixed order makes the result independent of timing.
     */
    public void merge(LossAggregator other) {
        if (other.classes != classes || other.dim != dim || other.gradient != gradient) {
            throw new IllegalArgumentException("cannot merge sums of different shapes");
        }
        if (gradient) {
            other.flush();
        }
        add(other.lossSum, other.count, other.correct, other.totalW, other.totalB);
    }

    /**
     * {@link #merge(LossAggregator) merge(other)} then {@link #finish finish(grad)}, the same bits in one sweep when
     * neither sum has been flushed yet (a batch of two parts of at most {@value #FLUSH_ROWS} rows each, as the default
     * batch of 200 is cut): the merge would widen both float buffers to double, add them and round the sum back to
     * float, which is the float sum itself (a sum of two floats rounded through double is rounded once: 53 ≥ 2·24 + 2
     * bits), a loop the JIT makes SIMD. Otherwise the two calls.
     */
    public void mergeAndFinish(LossAggregator other, Parameters grad) {
        if (!gradient || totalsUsed || other.totalsUsed || other.classes != classes || other.dim != dim
                || !other.gradient) {
            merge(other);
            finish(grad);
            return;
        }
        lossSum += other.lossSum;
        count += other.count;
        correct += other.correct;
        float[] a = partialW;
        float[] b = other.partialW;
        float[] gw = grad.w();
        for (int k = 0; k < gw.length; k++) {
            gw[k] = a[k] + b[k];
        }
        float[] gb = grad.b();
        for (int c = 0; c < classes; c++) {
            totalB[c] += other.totalB[c];
        }
        for (int c = 0; c < gb.length; c++) {
            gb[c] = (float) totalB[c];
        }
    }

    /**
     * An aggregator's sums, its gradient flushed into double totals (null without the gradient): what a remote part
     * (a Spark partition) sends back to be merged in order with {@link #merge(Sums)}, as {@link #merge} merges.
     */
    public record Sums(double lossSum, long count, long correct, double[] w, double[] b) implements java.io.Serializable {
    }

    /** This aggregator's sums so far (a copy). */
    public Sums sums() {
        if (gradient) {
            flush();
        }
        return new Sums(lossSum, count, correct, gradient ? totalW.clone() : null, gradient ? totalB.clone() : null);
    }

    /** Adds the sums of another part of the same shape, exactly as {@link #merge(LossAggregator)} adds that part's. */
    public void merge(Sums other) {
        if ((other.w() != null) != gradient || gradient && (other.w().length != totalW.length
                || other.b().length != classes)) {
            throw new IllegalArgumentException("cannot merge sums of different shapes");
        }
        add(other.lossSum(), other.count(), other.correct(), other.w(), other.b());
    }

    private void add(double otherLoss, long otherCount, long otherCorrect, double[] w, double[] b) {
        lossSum += otherLoss;
        count += otherCount;
        correct += otherCorrect;
        if (!gradient) {
            return;
        }
        flush();
        double[] t = totalW;
        for (int k = 0; k < t.length; k++) {
            t[k] += w[k];
        }
        for (int c = 0; c < classes; c++) {
            totalB[c] += b[c];
        }
    }

    /** Σ L_i over every row added (and merged). */
    public double lossSum() {
        return lossSum;
    }

    /** Rows added (and merged) whose highest score (the first on a tie) was their label: the accuracy for free. */
    public long correct() {
        return correct;
    }

    /** Rows added (and merged). */
    public long count() {
        return count;
    }

    /**
     * Writes the summed gradient into {@code grad} (same shape as the parameters; overwritten): ∂W, and
     * ∂b when the parameters have a separate bias.
     */
    public void finish(Parameters grad) {
        if (!gradient) {
            throw new IllegalStateException("this sum was started without the gradient");
        }
        float[] gw = grad.w();
        if (totalsUsed) {
            if (sinceFlush > 0) {
                flush();
            }
            double[] t = totalW;
            for (int k = 0; k < gw.length; k++) {
                gw[k] = (float) t[k];
            }
        } else {
            System.arraycopy(partialW, 0, gw, 0, gw.length);
        }
        float[] gb = grad.b();
        for (int c = 0; c < gb.length; c++) {
            gb[c] = (float) totalB[c];
        }
    }
}
