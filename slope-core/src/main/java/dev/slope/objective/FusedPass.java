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
     * Compiles the pass's hot loops before the real work needs them: {@link #warmUpNow} for rows of {@code dim} columns
     * and {@code classes} classes on a background daemon thread. Meant to overlap something slow that happens first
     * anyway (reading and decompressing the data). Returns the thread (join it to wait).
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

    /**
     * The warm-up's work, on the calling thread: the calls a run makes, on the row source it reads (uint8 pixel rows,
     * converted as they are read), so the JIT compiles the code the run needs and keeps it. Compiled for another source
     * (float rows), in another order (rows in turn, no batch order) or for other block shapes, the same methods were
     * thrown away when the run began and compiled again while it ran: the default run's first epochs took 2-4 times a
     * warm epoch. A training step's batch of 200 shuffled rows (two parts of 100: blocks of 16 and one of 4 rows), and a
     * validation pass over rows in turn (parts of 75: blocks of 16, 4, 2 and 1 row).
     */
    public static void warmUpNow(dev.slope.linalg.RowKernel kernel, Loss loss, int pixelDim, int classes) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        // rows shorter than the real ones: every path of the kernels still runs (tiles of 64 columns, single vectors,
        // the scalar tail), but each call costs less while the code still runs interpreted, so C2 gets the calls it
        // needs sooner (measured: see BENCHMARKS.md)
        int pixels = Math.min(pixelDim, WARM_UP_DIM) - 1;
        int n = 600;
        // a selection of a set, as a run's training and validation rows are (the split's), and the set itself, as a
        // test set read from files is
        // pixels by the JDK's own loop (nextBytes): a loop of Slope's own, compiled after a twentieth of the usual calls
        // (the launcher's setting), would have C2 compile it twice for nothing (52 ms of the compiler's time)
        byte[] px = new byte[n * pixels];
        r.nextBytes(px);
        int[] labels = new int[n];
        java.util.Arrays.setAll(labels, i -> i % classes);
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }
        dev.slope.data.ImageSet read = new dev.slope.data.ImageSet(px, labels, 1, pixels, 1, names);
        dev.slope.data.ImageSet images = read.head(n);
        float[] mean = new float[pixels];
        for (int k = 0; k < pixels; k++) {
            mean[k] = (float) r.nextDouble();
        }
        dev.slope.preprocess.Preprocessing pre = new dev.slope.preprocess.Preprocessing(1f / 255, mean, true, pixels);
        dev.slope.preprocess.PixelRows rows = new dev.slope.preprocess.PixelRows(images, pre);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        dev.slope.linalg.Randoms.shuffle(order, r);
        int dim = pixels + 1;
        float[] w = new float[classes * dim];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (1e-3 * r.nextGaussian());
        }
        Parameters p = new Parameters(classes, dim, w, new float[0], true);
        Parameters g = Parameters.zeros(classes, dim, false, true);
        FusedPass pass = new FusedPass(BatchEngine.onCaller(), rows, images.labels(), kernel);
        FusedPass test = new FusedPass(BatchEngine.onCaller(), new dev.slope.preprocess.PixelRows(read, pre),
                read.labels(), kernel);
        int batch = 200;
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            int from = (i % (n / batch)) * batch;
            pass.lossAndGradient(loss, p, order, from, from + batch, g);
            if (i % 4 == 0) {
                (i % 8 == 0 ? pass : test).loss(loss, p, null, 0, n);
            }
        }
    }

    /**
     * Training batches {@link #warmUpNow} scores (and a quarter as many validation passes): enough for C2 to compile the
     * kernels; 100, 200 and 400 were within each other's noise in the default run's seconds, and 200 cost less CPU
     * than 400 (measured, see BENCHMARKS.md).
     */
    static final int WARM_UP_CALLS = 200;
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
        if (grad != null && used == 2) {
            total.mergeAndFinish(parts[1], grad);
            return new Result(total.lossSum() * invN, total.correct(), to - from);
        }
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
