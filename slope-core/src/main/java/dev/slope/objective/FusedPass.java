package dev.slope.objective;

import dev.slope.SlopeException;
import dev.slope.linalg.DenseRows;
import dev.slope.linalg.RowKernel;
import dev.slope.linalg.RowSource;
import dev.slope.loss.Loss;
import dev.slope.model.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hot path: the mean data loss of a batch and its gradient with respect to W and b, in one pass
 * over the rows. For each row x_i (with label y_i):
 *
 * <pre>
 *   s      = W·x_i + b                       scores (C)
 *   L_i, g = loss(s, y_i), ∂L_i/∂s / N       per-example loss and its scaled score gradient
 *   ∂W    += g · x_iᵀ,  ∂b += g               chain rule, accumulated in place
 * </pre>
 *
 * Rows are split into one contiguous block per thread; each thread accumulates in its own float buffer
 * (flushed into double totals every {@value #FLUSH_ROWS} rows, so long sums keep their precision) and
 * the blocks are added at the end. Buffers are kept between calls: a pass allocates no arrays.
 * Instances are thread-confined: one pass at a time.
 */
public final class FusedPass implements AutoCloseable {
    /** Rows per thread below which a pass stays on the calling thread. */
    static final int MIN_ROWS_PER_THREAD = 64;
    static final int FLUSH_ROWS = 256;

    private static FusedPass shared;

    private final int threads;
    private final RowKernel kernel;
    private final ExecutorService pool;
    private final Worker[] workers;

    /** A pass on {@code threads} threads with the best kernel this JVM runs. */
    public FusedPass(int threads) {
        this(threads, RowKernel.best());
    }

    public FusedPass(int threads, RowKernel kernel) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.kernel = kernel;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "slope-pass");
            t.setDaemon(true);
            return t;
        });
        this.workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker();
        }
    }

    /** One pass per JVM, on all cores, for callers that do not manage their own. */
    public static synchronized FusedPass shared() {
        if (shared == null) {
            shared = new FusedPass(Runtime.getRuntime().availableProcessors());
        }
        return shared;
    }

    public int threads() {
        return threads;
    }

    public String kernelName() {
        return kernel.name();
    }

    /**
     * Mean data loss over the rows {@code order[from..to)} (or rows from..to when {@code order} is null)
     * and its gradient.
     *
     * @param p      W and b; read only
     * @param x      the rows; D must equal p.dim()
     * @param labels one label per row of x; read only
     * @param grad   same shape as p: overwritten with ∂(mean loss)/∂W and ∂/∂b
     * @return the mean data loss (1/N) Σ L_i
     */
    public synchronized double lossAndGradient(Loss loss, Parameters p, RowSource x, int[] labels, int[] order,
                                               int from, int to, Parameters grad) {
        check(p, x, from, to);
        int n = to - from;
        int used = plan(n);
        int classes = p.classes();
        int dim = p.dim();
        for (int t = 0; t < used; t++) {
            workers[t].prepare(classes, dim, true);
        }
        double invN = 1.0 / n;
        float[] gw = grad.w();
        float[] gb = grad.b();
        // a small batch on one thread accumulates straight into the output: no totals to fold
        float[] direct = used == 1 && n <= FLUSH_ROWS ? gw : null;
        run(used, from, to, (worker, a, b) -> worker.lossAndGradient(kernel, loss, p, x, labels, order, a, b, invN, direct));
        double lossSum = 0;
        for (int k = 0; direct == null && k < gw.length; k++) {
            double v = 0;
            for (int t = 0; t < used; t++) {
                v += workers[t].totalW[k];
            }
            gw[k] = (float) v;
        }
        for (int c = 0; c < gb.length; c++) {
            double v = 0;
            for (int t = 0; t < used; t++) {
                v += workers[t].totalB[c];
            }
            gb[c] = (float) v;
        }
        for (int t = 0; t < used; t++) {
            lossSum += workers[t].lossSum;
        }
        return lossSum * invN;
    }

    /** Mean data loss over rows {@code order[from..to)} without the gradient (one scores pass). */
    public synchronized double loss(Loss loss, Parameters p, RowSource x, int[] labels, int[] order, int from, int to) {
        check(p, x, from, to);
        int used = plan(to - from);
        for (int t = 0; t < used; t++) {
            workers[t].prepare(p.classes(), p.dim(), false);
        }
        run(used, from, to, (worker, a, b) -> worker.lossOnly(kernel, loss, p, x, labels, order, a, b));
        double sum = 0;
        for (int t = 0; t < used; t++) {
            sum += workers[t].lossSum;
        }
        return sum / (to - from);
    }

    /**
     * Scores of rows from..to.
     *
     * @param out (to−from)×C, overwritten
     */
    public synchronized void scores(Parameters p, RowSource x, int from, int to, float[] out) {
        check(p, x, from, to);
        if ((long) (to - from) * p.classes() > out.length) {
            throw new IllegalArgumentException("out holds " + out.length + " values, need " + (to - from) + "x" + p.classes());
        }
        int used = plan(to - from);
        for (int t = 0; t < used; t++) {
            workers[t].prepare(p.classes(), p.dim(), false);
        }
        run(used, from, to, (worker, a, b) -> worker.scores(kernel, p, x, a, b, from, out));
    }

    /**
     * The predicted class (argmax of the scores) of rows from..to.
     *
     * @param out to−from labels, overwritten
     */
    public synchronized void predict(Parameters p, RowSource x, int from, int to, int[] out) {
        check(p, x, from, to);
        int used = plan(to - from);
        for (int t = 0; t < used; t++) {
            workers[t].prepare(p.classes(), p.dim(), false);
        }
        run(used, from, to, (worker, a, b) -> worker.predict(kernel, p, x, a, b, from, out));
    }

    private static void check(Parameters p, RowSource x, int from, int to) {
        if (x.cols() != p.dim()) {
            throw new IllegalArgumentException("W is " + p.classes() + "x" + p.dim() + " but x has " + x.cols() + " features");
        }
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("empty or negative row range " + from + ".." + to);
        }
    }

    private int plan(int rows) {
        return Math.max(1, Math.min(threads, rows / MIN_ROWS_PER_THREAD));
    }

    private interface Task {
        void run(Worker worker, int from, int to);
    }

    private void run(int used, int from, int to, Task task) {
        int n = to - from;
        if (used == 1) {
            task.run(workers[0], from, to);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(used - 1);
        for (int t = 1; t < used; t++) {
            int a = from + (int) ((long) n * t / used);
            int b = from + (int) ((long) n * (t + 1) / used);
            Worker w = workers[t];
            futures.add(pool.submit(() -> task.run(w, a, b)));
        }
        task.run(workers[0], from, from + (int) ((long) n / used));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlopeException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new SlopeException("a worker failed: " + cause, cause);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** One thread's buffers. Rows go through the kernel in blocks of {@link RowKernel#BLOCK}. */
    private static final class Worker {
        static final int B = RowKernel.BLOCK;
        float[][] buffers = new float[B][0];
        final float[][] xs = new float[B][];
        final int[] xo = new int[B];
        final int[] ids = new int[B];
        float[] s = new float[0];
        float[] g = new float[0];
        double[] sd = new double[0];
        double[] dsd = new double[0];
        float[] partialW = new float[0];
        double[] totalW = new double[0];
        double[] totalB = new double[0];
        double lossSum;

        void prepare(int classes, int dim, boolean gradient) {
            if (buffers[0].length < dim) {
                buffers = new float[B][dim];
            }
            if (sd.length != classes) {
                s = new float[B * classes];
                g = new float[B * classes];
                sd = new double[classes];
                dsd = new double[classes];
                totalB = new double[classes];
            }
            if (gradient && partialW.length != classes * dim) {
                partialW = new float[classes * dim];
                totalW = new double[classes * dim];
            }
        }

        /**
         * Points xs/xo at rows {@code order[k..k+rows)} (dense rows in place, others converted into the
         * buffers) and fills s with their scores, block-major: s[r*C + c].
         */
        private void scoreBlock(RowKernel kernel, Parameters p, RowSource x, int[] order, int k, int rows) {
            int dim = p.dim();
            for (int r = 0; r < rows; r++) {
                int i = order == null ? k + r : order[k + r];
                ids[r] = i;
                if (x instanceof DenseRows dense) {
                    xs[r] = dense.data();
                    xo[r] = i * dim;
                } else {
                    x.copyRow(i, buffers[r]);
                    xs[r] = buffers[r];
                    xo[r] = 0;
                }
            }
            int classes = p.classes();
            kernel.scoresBlock(p.w(), classes, dim, xs, xo, rows, s);
            float[] b = p.b();
            if (b.length != 0) {
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < classes; c++) {
                        s[r * classes + c] += b[c];
                    }
                }
            }
        }

        private static int label(int[] labels, int i, int classes) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " of row " + i + " is outside 0.." + (classes - 1));
            }
            return y;
        }

        /** @param direct null, or the output gradient to accumulate into directly (at most FLUSH_ROWS rows) */
        void lossAndGradient(RowKernel kernel, Loss loss, Parameters p, RowSource x, int[] labels, int[] order,
                             int from, int to, double invN, float[] direct) {
            int classes = p.classes();
            int dim = p.dim();
            float[] pw = direct != null ? direct : partialW;
            double[] tw = totalW;
            double[] tb = totalB;
            java.util.Arrays.fill(pw, 0f);
            if (direct == null) {
                java.util.Arrays.fill(tw, 0);
            }
            java.util.Arrays.fill(tb, 0);
            double sum = 0;
            int sinceFlush = 0;
            for (int k = from; k < to; k += B) {
                int rows = Math.min(B, to - k);
                scoreBlock(kernel, p, x, order, k, rows);
                for (int r = 0; r < rows; r++) {
                    int y = label(labels, ids[r], classes);
                    for (int c = 0; c < classes; c++) {
                        sd[c] = s[r * classes + c];
                    }
                    sum += loss.lossAndGradient(sd, 0, classes, y, dsd, 0);
                    for (int c = 0; c < classes; c++) {
                        double gc = dsd[c] * invN;
                        g[r * classes + c] = (float) gc;
                        tb[c] += gc;
                    }
                }
                kernel.accumulateBlock(g, classes, dim, xs, xo, rows, pw);
                sinceFlush += rows;
                if (sinceFlush >= FLUSH_ROWS && direct == null) {
                    flush(pw, tw);
                    sinceFlush = 0;
                }
            }
            if (direct == null) {
                flush(pw, tw);
            }
            if (p.b().length == 0) {
                java.util.Arrays.fill(tb, 0);
            }
            lossSum = sum;
        }

        private static void flush(float[] partial, double[] total) {
            for (int k = 0; k < partial.length; k++) {
                total[k] += partial[k];
                partial[k] = 0f;
            }
        }

        void lossOnly(RowKernel kernel, Loss loss, Parameters p, RowSource x, int[] labels, int[] order, int from, int to) {
            int classes = p.classes();
            double sum = 0;
            for (int k = from; k < to; k += B) {
                int rows = Math.min(B, to - k);
                scoreBlock(kernel, p, x, order, k, rows);
                for (int r = 0; r < rows; r++) {
                    int y = label(labels, ids[r], classes);
                    for (int c = 0; c < classes; c++) {
                        sd[c] = s[r * classes + c];
                    }
                    sum += loss.lossAndGradient(sd, 0, classes, y, null, 0);
                }
            }
            lossSum = sum;
        }

        void scores(RowKernel kernel, Parameters p, RowSource x, int from, int to, int base, float[] out) {
            int classes = p.classes();
            for (int k = from; k < to; k += B) {
                int rows = Math.min(B, to - k);
                scoreBlock(kernel, p, x, null, k, rows);
                System.arraycopy(s, 0, out, (k - base) * classes, rows * classes);
            }
        }

        void predict(RowKernel kernel, Parameters p, RowSource x, int from, int to, int base, int[] out) {
            int classes = p.classes();
            for (int k = from; k < to; k += B) {
                int rows = Math.min(B, to - k);
                scoreBlock(kernel, p, x, null, k, rows);
                for (int r = 0; r < rows; r++) {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (s[r * classes + c] > s[r * classes + best]) {
                            best = c;
                        }
                    }
                    out[k + r - base] = best;
                }
            }
        }
    }
}
