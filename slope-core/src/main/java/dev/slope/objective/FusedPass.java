package dev.slope.objective;

import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.RowSource;
import dev.slope.loss.Loss;
import dev.slope.model.Parameters;

/**
 * The hot path: the mean data loss of a batch and its gradient with respect to W and b, in one pass
 * over the rows. The rows are cut into parts by a {@link BatchEngine} (how many depends on the rows only, never on
 * the threads); each part is summed by its own {@link LossAggregator}, and the parts are merged in order (part 0,
 * 1, …), so the result depends neither on timing nor on the number of threads: it is the same bit for bit on 1 or 2.
 *
 * <p>A pass is made over its rows and keeps its aggregators (and their buffers) between calls, so once warm it
 * allocates nothing. It is meant for one user at a time (a trainer, a search trial): give each concurrent user
 * its own pass; they may share one engine and the rows.
 */
public final class FusedPass implements Pass {

    /**
     * Compiles the pass's hot loops before the real work needs them: runs the aggregator of {@code kernel} over a
     * small random block of {@code dim} columns and {@code classes} classes, with and without the gradient, on a
     * background daemon thread, until the JIT has had the calls it needs. Meant to overlap something slow that
     * happens first anyway (reading and decompressing the data). Returns the thread (join it to wait).
     */
    public static Thread warmUp(dev.slope.linalg.RowKernel kernel, Loss loss, int dim, int classes) {
        return warmUp(() -> warmUpNow(kernel, loss, dim, classes));
    }

    /** Starts {@code work} as a warm-up: a background daemon thread of the lowest priority. Returns the thread. */
    public static Thread warmUp(Runnable work) {
        Thread t = new Thread(work, "slope-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** The warm-up's work, on the calling thread. */
    static void warmUpNow(dev.slope.linalg.RowKernel kernel, Loss loss, int pixelDim, int classes) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        int n = 64;
        // rows shorter than the real ones: every path of the kernels still runs (tiles of 64 columns, single vectors,
        // the scalar tail), but each call costs less while the code still runs interpreted, so C2 gets the calls it
        // needs sooner (measured: see BENCHMARKS.md)
        int dim = Math.min(pixelDim, WARM_UP_DIM);
        float[] x = new float[n * dim];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) r.nextDouble();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        dev.slope.linalg.DenseRows rows = new dev.slope.linalg.DenseRows(x, n, dim);
        float[] w = new float[classes * dim];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (1e-3 * r.nextGaussian());
        }
        Parameters p = new Parameters(classes, dim, w, new float[0], true);
        Parameters g = Parameters.zeros(classes, dim, false, true);
        LossAggregator a = new LossAggregator(kernel);
        // the pixels' conversion too (uint8 rows are converted on every pass)
        float[] mean = new float[pixelDim - 1];
        byte[] pixels = new byte[pixelDim - 1];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) r.nextInt(256);
            mean[k] = (float) r.nextDouble();
        }
        dev.slope.preprocess.Preprocessing pre = new dev.slope.preprocess.Preprocessing(1f / 255, mean, true,
                pixelDim - 1);
        float[] row = new float[pixelDim];
        for (int i = 0; i < WARM_UP_CALLS * 16; i++) {
            pre.apply(pixels, 0, row);
        }
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            a.reset(loss, p, 1.0 / n, true).add(rows, y, null, 0, n);
            a.finish(g);
            a.reset(loss, p, 1.0 / n, false).add(rows, y, null, 0, n);
        }
    }

    /** Calls per mode in {@link #warmUp}: enough for C2 to compile the kernels (measured, see BENCHMARKS.md). */
    static final int WARM_UP_CALLS = 400;
    /** The longest row the warm-up scores: two tiles of 64 columns, one more vector and a tail. */
    static final int WARM_UP_DIM = 2 * 64 + 16 + 1;
    private final BatchEngine engine;
    private final RowSource x;
    private final int[] labels;
    private final LossAggregator[] parts;

    /**
     * A pass over {@code x} and its labels.
     *
     * @param engine runs the parts; owned by the caller, who closes it
     * @param labels one per row of x; read only
     */
    public FusedPass(BatchEngine engine, RowSource x, int[] labels) {
        this(engine, x, labels, engine.kernel());
    }

    /** A pass over {@code x} and its labels on {@code kernel} (of the same name as the engine's) instead of the engine's. */
    public FusedPass(BatchEngine engine, RowSource x, int[] labels, dev.slope.linalg.RowKernel kernel) {
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException(x.rows() + " rows but " + labels.length + " labels");
        }
        this.engine = engine;
        this.x = x;
        this.labels = labels;
        this.parts = new LossAggregator[BatchEngine.MAX_PARTS];
        for (int t = 0; t < parts.length; t++) {
            parts[t] = new LossAggregator(kernel);
        }
    }

    /** A pass over a dataset's rows and labels. */
    public FusedPass(BatchEngine engine, dev.slope.preprocess.Dataset data) {
        this(engine, data.rows(), data.labelArray());
    }

    public BatchEngine engine() {
        return engine;
    }

    @Override
    public int rows() {
        return x.rows();
    }

    /** The kernel's name, for reports ("vector-512", "scalar"). */
    @Override
    public String kernelName() {
        return engine.kernel().name();
    }

    /**
     * Mean data loss over the rows {@code order[from..to)} (or rows from..to when {@code order} is null), its gradient,
     * and how many of the rows scored their label highest.
     *
     * @param p    W and b; read only; its D must equal the rows'
     * @param grad same shape as p: overwritten with ∂(mean loss)/∂W and ∂/∂b
     */
    @Override
    public Result lossAndGradient(Loss loss, Parameters p, int[] order, int from, int to, Parameters grad) {
        return sum(loss, p, order, from, to, grad);
    }

    /** Mean data loss over rows {@code order[from..to)} without the gradient (one scores pass). */
    @Override
    public Result loss(Loss loss, Parameters p, int[] order, int from, int to) {
        return sum(loss, p, order, from, to, null);
    }

    private Result sum(Loss loss, Parameters p, int[] order, int from, int to, Parameters grad) {
        if (x.cols() != p.dim()) {
            throw new IllegalArgumentException("W is " + p.classes() + "x" + p.dim() + " but x has " + x.cols() + " features");
        }
        if (from < 0 || to <= from || order == null && to > x.rows()) {
            throw new IllegalArgumentException("row range " + from + ".." + to + " is empty or outside the " + x.rows()
                    + " rows");
        }
        double invN = 1.0 / (to - from);
        int used = engine.parts(to - from);
        for (int t = 0; t < used; t++) {
            parts[t].reset(loss, p, invN, grad != null);
        }
        engine.run(from, to, used, (part, a, b) -> parts[part].add(x, labels, order, a, b));
        LossAggregator total = parts[0];
        for (int t = 1; t < used; t++) {
            total.merge(parts[t]);
        }
        if (grad == null) {
            return new Result(total.lossSum() / (to - from), total.correct(), to - from);
        }
        total.finish(grad);
        return new Result(total.lossSum() * invN, total.correct(), to - from);
    }
}
