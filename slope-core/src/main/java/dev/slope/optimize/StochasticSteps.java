package dev.slope.optimize;

import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.RowKernel;
import dev.slope.linalg.RowSource;
import dev.slope.loss.Loss;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Objective;
import dev.slope.preprocess.Dataset;
import dev.slope.regularize.Regularizers;

/**
 * Stochastic gradient descent's fused step: batch size 1, plain SGD or momentum, an L2 penalty (or none). The general
 * step ({@link LocalSteps}) makes about eight passes over W per step; this one reads it twice. Plain SGD keeps the
 * penalized weights as a scale times a matrix, {@code W = s·V} (Bottou's SGD; scikit-learn's {@code SGDClassifier}
 * too), so the decay of the L2 penalty is one multiplication of s, and a step is the scores {@code s·(V·x)} (the row
 * kernel) and the rank-one gradient added into V in place (the row kernel's {@code accumulate}):
 *
 * <pre>
 *   W ← (1 − 2ηλ)·W − η·(∂L_i/∂s)·xᵀ   as   s ← (1 − 2ηλ)·s,  V ← V − (η/s)·(∂L_i/∂s)·xᵀ
 * </pre>
 *
 * The bias column, unpenalized, is kept divided by s too (so V·x needs no correction), which costs a division of
 * its C values per step. s is folded into W ({@code W = s·V}, s = 1) after each epoch's last step, so between epochs
 * (validation, checkpoints, the model, a resumed run) the weights are plain W and a resumed run goes on bit for bit;
 * a listener that asks for the weights mid-epoch gets {@code s·V} made for it ({@link #current}). No gradient buffer:
 * the penalty λ‖W‖² and the gradient's norm (for the history) follow from ‖W‖², the scores and ‖x‖² in O(C), and
 * ‖W‖² is carried from step to step the same way (recomputed from W at every epoch's start, so rounding does not build
 * up). Momentum: the scores, then one sweep over W and the velocity that also sums the new ‖W‖² (the velocity moves
 * every weight, so there is no scale to keep). No copy of W per step: the weights a diverged run falls back to are the
 * epoch's start. The batches are {@link BatchOrder}'s, as every local step's. The same bits on any number of threads
 * (it runs on the caller's); not the same bits as the general step (the arithmetic is ordered differently), which a
 * test compares it with.
 */
final class StochasticSteps extends OrderedSteps {
    /** Below this scale V is folded mid-epoch, long before its values could overflow (V grows as 1/s). */
    private static final double TINY_SCALE = 1e-6;

    private final Loss loss;
    private final double lambda;
    private final RowSource rows;
    private final int[] labels;
    private final RowKernel kernel;
    private final int classes;
    private final int dim;
    private final float[] x;
    private final float[] scoresW;
    private final double[] scores;
    private final double[] dScores;
    private final float[] coefficients;
    /** ‖x_i‖² of each row, NaN until the row is first read. */
    private final double[] rowSq;
    /** ‖W‖² over the penalized columns, carried from step to step. */
    private double normSq;
    /** Plain SGD's scale: the weights are {@code scale·params.w()}, 1 between epochs. */
    private double scale = 1;
    /** What {@link #current} makes mid-epoch (allocated when first asked). */
    private Parameters view;

    /** Whether the fused step runs {@code config} exactly as the general one would (up to rounding). */
    static boolean applies(TrainConfig config, Dataset train) {
        return applies(config) && train.rows().local();
    }

    /** Whether {@code config} is one the fused step runs, on rows held here. */
    static boolean applies(TrainConfig config) {
        TrainConfig.Optimizer opt = config.optimizer();
        Objective o = config.objective();
        return opt.batchSize() == 1 && (opt.update() instanceof Sgd || opt.update() instanceof UpdateRules.Momentum)
                && opt.maxNorm() == 0 && !o.penalizeBias()
                && (o.lambda() == 0 || o.regularizer() instanceof Regularizers.L2);
    }

    StochasticSteps(TrainConfig config, BatchEngine engine, Dataset train) {
        super(config, new FusedPass(engine, train));
        Objective o = config.objective();
        this.loss = o.loss();
        this.lambda = o.regularizer() instanceof Regularizers.L2 ? o.lambda() : 0;
        this.rows = train.rows();
        this.labels = train.labelArray();
        this.kernel = engine.kernel();
        this.classes = train.classCount();
        this.dim = train.dim();
        this.x = new float[dim];
        this.scoresW = new float[classes];
        this.scores = new double[classes];
        this.dScores = new double[classes];
        this.coefficients = new float[classes];
        this.rowSq = new double[train.size()];
        java.util.Arrays.fill(rowSq, Double.NaN);
    }

    @Override
    public Taken take(int epoch, int step, Parameters params, Parameters lastGood, UpdateRule rule) {
        float[] w = params.w();
        float[] b = params.b();
        boolean biasColumn = params.biasInLastColumn();
        int cols = biasColumn ? dim - 1 : dim; // the penalized columns
        if (step == 0) {
            normSq = normSq(w, cols);
            lastGood.set(params);
        }
        int i = batches.rows(step)[batches.from(step)];
        rows.copyRow(i, x);
        kernel.scores(w, classes, dim, x, 0, scoresW, 0); // V·x: the scores over s (the bias column is kept over s)
        double s = scale;
        int best = 0;
        for (int c = 0; c < classes; c++) {
            scores[c] = s * scoresW[c] + (b.length > 0 ? b[c] : 0);
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        double data = loss.lossAndGradient(scores, 0, classes, labels[i], dScores, 0);
        double penalty = lambda * normSq;
        Objective.Value value = new Objective.Value(data + penalty, data, penalty, best == labels[i] ? 1 : 0);
        long correct = best == labels[i] ? 1 : 0;
        if (!Double.isFinite(value.total())) {
            return new Taken(value, correct, 1, Double.NaN, Double.NaN);
        }
        double lr = rate(epoch, step);
        double xSq = xSq(i, cols);
        double dSq = 0;
        double dWx = 0; // Σ_c d_c (W_pen·x_pen)_c
        for (int c = 0; c < classes; c++) {
            double d = dScores[c];
            dSq += d * d;
            dWx += d * s * (scoresW[c] - (biasColumn ? w[c * dim + dim - 1] : 0));
        }
        // ‖g‖² for g = d·xᵀ + 2λ·W_pen (the bias's gradient is d: x's trailing 1, or b's)
        double bias = biasColumn || b.length > 0 ? 1 : 0;
        double gradSq = dSq * (xSq + bias) + 4 * lambda * dWx + 4 * lambda * lambda * normSq;
        if (rule instanceof UpdateRules.Momentum momentum) {
            normSq = momentumStep(momentum, w, b, biasColumn, cols, lr);
        } else {
            double decay = 1 - 2 * lr * lambda;
            double next = s * decay;
            if (decay != 1 && biasColumn) {
                float up = (float) (s / next); // the bias column over the new scale: W_b/s' = (V_b·s)/s'
                for (int c = 0, k = dim - 1; c < classes; c++, k += dim) {
                    w[k] *= up;
                }
            }
            for (int c = 0; c < classes; c++) {
                coefficients[c] = (float) (-lr * dScores[c] / next);
            }
            // the rank-one gradient straight into V (the bias column too: x ends with 1), on the kernel's SIMD lanes
            kernel.accumulate(coefficients, 0, classes, dim, x, 0, w);
            for (int c = 0; c < b.length; c++) {
                b[c] += (float) (-lr * dScores[c]);
            }
            scale = next;
            // ‖decay·W − η·d·xᵀ‖² from the sums above (exact arithmetic; the drift of rounding is reset every epoch)
            normSq = decay * decay * normSq - 2 * decay * lr * dWx + lr * lr * dSq * xSq;
            if (next != 1 && (step == perEpoch() - 1 || next < TINY_SCALE)) {
                fold(params, params);
            }
        }
        ((UpdateRules.Stateful) rule).tookStep();
        return new Taken(value, correct, 1, lr, Math.sqrt(Math.max(0, gradSq)));
    }

    @Override
    public Parameters current(Parameters params) {
        if (scale == 1) {
            return params;
        }
        if (view == null) {
            view = params.copy();
        }
        fold(params, view);
        return view;
    }

    @Override
    public void settle(Parameters params) {
        if (scale != 1) {
            fold(params, params);
        }
    }

    /** Writes {@code s·V} (the weights) from {@code from} into {@code to} (which may be {@code from}: then s = 1). */
    private void fold(Parameters from, Parameters to) {
        float[] v = from.w();
        float[] w = to.w();
        double s = scale;
        for (int j = 0; j < v.length; j++) {
            w[j] = (float) (s * v[j]);
        }
        System.arraycopy(from.b(), 0, to.b(), 0, from.b().length);
        if (from == to) {
            scale = 1;
        }
    }

    /**
     * Momentum's update, {@code v = μ·v − η·g;  W += v} with g = d·xᵀ + 2λ·W (the bias: d alone), in one sweep over W
     * and v that also sums the new ‖W‖² (the velocity changes every weight, so ‖W‖² cannot follow from the scores).
     */
    private double momentumStep(UpdateRules.Momentum rule, float[] w, float[] b, boolean biasColumn, int cols,
                                double lr) {
        float[] v = rule.slot(0, 0);
        float mu = (float) rule.mu();
        float decay = (float) (lr * 2 * lambda);
        double s0 = 0;
        double s1 = 0;
        for (int c = 0; c < classes; c++) {
            float coef = (float) (lr * dScores[c]);
            int o = c * dim;
            int j = 0;
            for (; j + 1 < cols; j += 2) {
                float v0 = mu * v[o + j] - (coef * x[j] + decay * w[o + j]);
                float v1 = mu * v[o + j + 1] - (coef * x[j + 1] + decay * w[o + j + 1]);
                v[o + j] = v0;
                v[o + j + 1] = v1;
                float w0 = w[o + j] + v0;
                float w1 = w[o + j + 1] + v1;
                w[o + j] = w0;
                w[o + j + 1] = w1;
                s0 += (double) w0 * w0;
                s1 += (double) w1 * w1;
            }
            for (; j < cols; j++) {
                float v0 = mu * v[o + j] - (coef * x[j] + decay * w[o + j]);
                v[o + j] = v0;
                w[o + j] += v0;
                s0 += (double) w[o + j] * w[o + j];
            }
            if (biasColumn) {
                int k = o + dim - 1;
                v[k] = mu * v[k] - coef;
                w[k] += v[k];
            } else if (b.length > 0) {
                float[] vb = rule.slot(1, 0);
                vb[c] = mu * vb[c] - coef;
                b[c] += vb[c];
            }
        }
        return s0 + s1;
    }

    /** ‖x‖² of row i over the penalized columns, computed the first time the row is read and kept. */
    private double xSq(int i, int cols) {
        double v = rowSq[i];
        if (Double.isNaN(v)) {
            double s0 = 0;
            double s1 = 0;
            int j = 0;
            for (; j + 1 < cols; j += 2) {
                s0 += (double) x[j] * x[j];
                s1 += (double) x[j + 1] * x[j + 1];
            }
            if (j < cols) {
                s0 += (double) x[j] * x[j];
            }
            v = s0 + s1;
            rowSq[i] = v;
        }
        return v;
    }

    private double normSq(float[] w, int cols) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            for (int j = 0, o = c * dim; j < cols; j++) {
                sum += (double) w[o + j] * w[o + j];
            }
        }
        return sum;
    }
}
