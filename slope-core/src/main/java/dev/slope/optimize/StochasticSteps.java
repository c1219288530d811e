package dev.slope.optimize;

import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.RowKernel;
import dev.slope.linalg.RowSource;
import dev.slope.linalg.Sweeps;
import dev.slope.loss.Loss;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.objective.Objective;
import dev.slope.objective.Pass;
import dev.slope.preprocess.Dataset;
import dev.slope.regularize.Regularizers;

/**
 * Stochastic gradient descent's fused step: batch size 1, any update rule, an L2 penalty (or none). The general step
 * ({@link LocalSteps}) makes about eight passes over W per step (zero the gradient, the gradient, the penalty's
 * gradient and its sum, a copy of W, the update, the gradient's norm); this one makes two to four.
 *
 * <p>Plain SGD keeps the penalized weights as a scale times a matrix, {@code W = s·V} (Bottou's SGD; scikit-learn's
 * {@code SGDClassifier} too), so the decay of the L2 penalty is one multiplication of s, and a step is the scores
 * {@code s·(V·x)} (the row kernel) and the rank-one gradient added into V in place (the row kernel's
 * {@code accumulate}):
 *
 * <pre>
 *   W ← (1 − 2ηλ)·W − η·(∂L_i/∂s)·xᵀ   as   s ← (1 − 2ηλ)·s,  V ← V − (η/s)·(∂L_i/∂s)·xᵀ
 * </pre>
 *
 * The bias column, unpenalized, is kept divided by s too (so V·x needs no correction), which costs a division of
 * its C values per step. s is folded into W ({@code W = s·V}, s = 1) after each epoch's last step, so between epochs
 * (validation, checkpoints, the model, a resumed run) the weights are plain W and a resumed run goes on bit for bit;
 * a listener that asks for the weights mid-epoch gets {@code s·V} made for it ({@link #current}). The penalty λ‖W‖²
 * and the gradient's norm (for the history) follow from ‖W‖², the scores and ‖x‖² in O(C), and ‖W‖² is carried from
 * step to step the same way (recomputed from W at every epoch's start, so rounding does not build up).
 *
 * <p>Every other rule (momentum, Nesterov, AdaGrad, RMSProp, Adam) moves every weight, so it gets the gradient
 * {@code 2λ·W + d·xᵀ} in a buffer (a float sweep and the kernel's accumulate), its own update, and ‖W‖² from the
 * kernel's sum of squares: no zero-fill, no copy of W, no separate penalty sweep.
 *
 * <p>No copy of W per step: the weights a diverged run falls back to are the epoch's start. The batches are
 * {@link BatchOrder}'s, as every local step's. The same bits on any number of threads (it runs on the caller's); not
 * the same bits as the general step (the arithmetic is ordered differently), which a test compares it with.
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
    /** The other rules' gradient, W's then b's (allocated at the first step). */
    private float[] gradW;
    private float[] gradB;
    private float[][] gradArrays;
    private float[][] paramArrays;
    private Parameters arraysOf;

    /** Whether the fused step runs {@code config} exactly as the general one would (up to rounding). */
    static boolean applies(TrainConfig config, Dataset train) {
        return applies(config) && train.rows().local();
    }

    /** Whether {@code config} is one the fused step runs, on rows held here. */
    static boolean applies(TrainConfig config) {
        TrainConfig.Optimizer opt = config.optimizer();
        Objective o = config.objective();
        return opt.batchSize() == 1 && opt.update() instanceof UpdateRules.Stateful
                && opt.maxNorm() == 0 && !o.penalizeBias()
                && (o.lambda() == 0 || o.regularizer() instanceof Regularizers.L2);
    }

    /**
     * Takes {@code config}'s steps (on pixels, without validation) over random images on the calling thread, so the JIT
     * has compiled what each step calls (the row kernel, the pixels' conversion, the loss, the step) before a real run
     * of {@code config} starts: until then each step costs about 1 ms instead of 2 µs. First {@link #WARM_UP_SHORT_STEPS}
     * on 8×8 images (rows of 65: each step is cheap while it still runs interpreted), then {@link #WARM_UP_STEPS} on
     * 28×28 (rows of 785, as Fashion-MNIST's: what C2 compiles then is what the run needs; warmed on short rows alone,
     * the run's first steps stayed slow). A warm-up that diverges on its random images has done its work all the same.
     * Returns the steps it took (fewer when it diverged).
     */
    static int warmUpNow(TrainConfig config) {
        return warmUpOn(config, 8, WARM_UP_SHORT_STEPS) + warmUpOn(config, 28, WARM_UP_STEPS);
    }

    private static int warmUpOn(TrainConfig config, int side, int steps) {
        int n = 64;
        dev.slope.data.ImageSet images = dev.slope.data.ImageSet.uniform(n, side, side, 1, 10,
                new java.util.SplittableRandom(1));
        TrainConfig c = config.toBuilder().parse("features", "pixels").set(Settings.VAL_FRACTION, 0.0)
                .set(Settings.PATIENCE, 0).set(Settings.EPOCHS, steps / n).build();
        dev.slope.data.DatasetInfo source = dev.slope.data.DatasetInfo.of("warm-up", images, images.head(0));
        BatchEngine engine = BatchEngine.onCaller();
        Dataset train = c.pipelineSpec().fitAndApply(images, source, "warm-up images", engine);
        Dataset none = train.pipeline().apply(images.head(0), source, "no validation", engine);
        try {
            return new GradientTrainer(c, engine).train(train, none).history().steps();
        } catch (DivergedException e) {
            return 0; // the steps ran and were compiled: what the warm-up is for
        }
    }

    /**
     * The warm-up's steps on short rows, then on rows of Fashion-MNIST's length: of 0+1536, 512+256, 1024+256,
     * 1024+512 and 2048+256, 1024+256 and 2048+256 gave the lowest {@code seconds}, within each other's noise
     * (measured, see BENCHMARKS.md); the shorter is kept.
     */
    static final int WARM_UP_SHORT_STEPS = 1024;
    static final int WARM_UP_STEPS = 256;

    StochasticSteps(TrainConfig config, BatchEngine engine, Dataset train) {
        // its passes (the final loss, validation) score row by row on the kernel its steps make hot: the block
        // kernels would be compiled for them alone
        super(config, new FusedPass(engine, train.rows(), train.labelArray(), RowKernel.rowByRow(engine.kernel())));
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
    public Pass validationPass(BatchEngine engine, Dataset validation) {
        return new FusedPass(engine, validation.rows(), validation.labelArray(), RowKernel.rowByRow(kernel));
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
        if (!(rule instanceof Sgd)) {
            denseStep(params, biasColumn, cols, lr, (UpdateRules.Stateful) rule);
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
            ((UpdateRules.Stateful) rule).tookStep();
        }
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
     * Any other rule's step: the batch's gradient {@code g = 2λ·W + d·xᵀ} (the bias: d alone) into a buffer, the first
     * term in one sweep over W in float alone (which the JIT vectorizes), the second by the kernel's accumulate; then
     * the rule's own update; then ‖W‖² in one sweep (the rule moves every weight, so it cannot follow from the
     * scores; not needed without a penalty).
     */
    private void denseStep(Parameters params, boolean biasColumn, int cols, double lr, UpdateRules.Stateful rule) {
        if (arraysOf != params) { // the loop passes the same parameters every step: their arrays are looked up once
            gradW = new float[classes * dim];
            gradB = new float[params.b().length];
            gradArrays = gradB.length > 0 ? new float[][] {gradW, gradB} : new float[][] {gradW};
            paramArrays = params.arrays();
            arraysOf = params;
        }
        float[] w = params.w();
        float decay = (float) (2 * lambda);
        for (int k = 0; k < gradW.length; k++) { // one index for both arrays: the JIT vectorizes it
            gradW[k] = decay * w[k];
        }
        for (int c = 0; c < classes; c++) {
            coefficients[c] = (float) dScores[c];
            if (biasColumn) {
                gradW[c * dim + dim - 1] = 0; // unpenalized: the accumulation below leaves d·1 there
            } else if (gradB.length > 0) {
                gradB[c] = coefficients[c];
            }
        }
        kernel.accumulate(coefficients, 0, classes, dim, x, 0, gradW);
        rule.step(paramArrays, gradArrays, lr);
        if (lambda != 0) {
            normSq = normSq(w, cols);
        }
    }

    /** ‖x‖² of row i over the penalized columns, computed the first time the row is read and kept. */
    private double xSq(int i, int cols) {
        double v = rowSq[i];
        if (Double.isNaN(v)) {
            v = Sweeps.squares(x, 0, cols);
            rowSq[i] = v;
        }
        return v;
    }

    /** ‖W‖² over the penalized columns, by the kernel's sum of squares. */
    private double normSq(float[] w, int cols) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += kernel.squares(w, c * dim, c * dim + cols);
        }
        return sum;
    }
}
