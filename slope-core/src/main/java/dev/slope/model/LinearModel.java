package dev.slope.model;

import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.DenseRows;
import dev.slope.linalg.RowBlock;
import dev.slope.linalg.RowKernel;
import dev.slope.loss.Loss;
import dev.slope.loss.SoftmaxCrossEntropy;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import java.util.List;

/**
 * A trained linear classifier, {@code f(x) = W·x + b}, with everything needed to use it on raw images:
 * the class names, the fitted {@link Pipeline} (image shape, scale, mean image, bias trick) and the loss
 * it was trained with (which decides whether its scores read as probabilities). Immutable, and safe to
 * call from many threads at once: every call brings its own buffers.
 */
public final class LinearModel implements Classifier {
    private final List<String> classNames;
    private final Pipeline pipeline;
    private final Parameters parameters;
    private final Loss loss;
    private final Provenance provenance;

    /**
     * @param parameters copied
     * @param loss       the loss it was trained with (its settings are among the provenance's)
     * @param provenance how it was made: the run's settings, the dataset, the version; null for a model that only
     *                   predicts and is never saved (a trainer's per-epoch accuracy)
     */
    public LinearModel(List<String> classNames, Pipeline pipeline, Parameters parameters, Loss loss, Provenance provenance) {
        if (parameters.classes() != classNames.size()) {
            throw new IllegalArgumentException("W has " + parameters.classes() + " rows but there are " + classNames.size()
                    + " class names");
        }
        if (parameters.dim() != pipeline.inputDim()) {
            throw new IllegalArgumentException("W is " + parameters.classes() + "x" + parameters.dim() + " but x has "
                    + pipeline.inputDim() + " features");
        }
        if (parameters.biasInLastColumn() != pipeline.biasTrick()) {
            throw new IllegalArgumentException("the bias trick must be on in both the preprocessing and W, or in neither");
        }
        this.classNames = List.copyOf(classNames);
        this.pipeline = pipeline;
        this.parameters = parameters.copy();
        this.loss = loss;
        this.provenance = provenance;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    public int height() {
        return pipeline.height();
    }

    public int width() {
        return pipeline.width();
    }

    public int channels() {
        return pipeline.channels();
    }

    /** The pixel step of the pipeline. */
    public Preprocessing preprocessing() {
        return pipeline.pixels();
    }

    /** A copy of W and b. */
    public Parameters parameters() {
        return parameters.copy();
    }

    public Loss loss() {
        return loss;
    }

    /** How it was made: the settings of its run (in order), the dataset, the Slope version, the kernel. */
    public Provenance provenance() {
        return provenance;
    }

    /** True when the scores are turned into probabilities by a softmax (the model was trained with it). */
    public boolean hasProbabilities() {
        return loss.givesProbabilities();
    }

    /** The scores of every row, N×C row-major. */
    public float[] scores(Dataset rows, BatchEngine engine) {
        int classes = classCount();
        float[] out = new float[rows.size() * classes];
        forEachBlock(rows, engine, (block, k, n) -> System.arraycopy(block.scores(), 0, out, k * classes, n * classes));
        return out;
    }

    /** Softmax probabilities for a model trained with softmax, else the scores. */
    @Override
    public float[] outputs(Dataset rows, BatchEngine engine) {
        float[] s = scores(rows, engine);
        if (!hasProbabilities()) {
            return s;
        }
        int classes = classCount();
        for (int i = 0; i < rows.size(); i++) {
            double[] p = probabilities(s, i * classes, classes);
            for (int c = 0; c < classes; c++) {
                s[i * classes + c] = (float) p[c];
            }
        }
        return s;
    }

    @Override
    public String outputName() {
        return hasProbabilities() ? "probability" : "score";
    }

    @Override
    public int[] predict(Dataset rows, BatchEngine engine) {
        int classes = classCount();
        int[] out = new int[rows.size()];
        forEachBlock(rows, engine, (block, k, n) -> {
            float[] s = block.scores();
            for (int r = 0; r < n; r++) {
                out[k + r] = argmax(s, r * classes, classes);
            }
        });
        return out;
    }

    /**
     * The scores of one raw image.
     *
     * @param image H×W×C unsigned bytes, channels last, of the pipeline's shape
     */
    public float[] scores(byte[] image) {
        return scoresOfRow(pipeline.row(image));
    }

    /**
     * The scores of one image given as numbers (a Spark frame's array or vector cell: raw values, scaled by the
     * pipeline as bytes are), for a model on pixels.
     *
     * @param values H×W×C raw values, channels last, of the pipeline's shape
     */
    public float[] scores(float[] values) {
        return scoresOfRow(pipeline.row(values));
    }

    private float[] scoresOfRow(float[] x) {
        RowBlock block = new RowBlock();
        block.score(RowKernel.best(), parameters.w(), parameters.b(), classCount(), new DenseRows(x, 1, x.length), null, 0, 1);
        return java.util.Arrays.copyOf(block.scores(), classCount());
    }

    /**
     * Which pixels pushed one image towards class {@code c}: for each raw input k (pixel channel, H×W×C, channels last)
     * the term W[c][k]·x_k of the class's score, x the image's row (scaled, mean image subtracted). Their sum plus the
     * bias is the score. Only for models on pixels: a model on computed features has weights on features, not pixels.
     *
     * @throws IllegalStateException when the model computes features
     */
    public float[] contributions(byte[] image, int c) {
        if (pipeline.computesFeatures()) {
            throw new IllegalStateException("this model reads the features " + pipeline.features().names()
                    + ", whose weights do not map to pixels");
        }
        float[] x = pipeline.row(image);
        int pixels = pipeline.height() * pipeline.width() * pipeline.channels();
        float[] out = new float[pixels];
        float[] w = parameters.w();
        int dim = parameters.dim();
        for (int k = 0; k < pixels; k++) {
            out[k] = w[c * dim + k] * x[k];
        }
        return out;
    }

    /** The index of the largest of {@code classes} scores from {@code offset} (the first one on ties). */
    public static int argmax(float[] scores, int offset, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (scores[offset + c] > scores[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    private interface BlockConsumer {
        void accept(RowBlock block, int firstRow, int rows);
    }

    /** Scores the rows in blocks over the engine's threads, each part with its own buffers. */
    private void forEachBlock(Dataset rows, BatchEngine engine, BlockConsumer consumer) {
        requireCompatible(rows);
        int n = rows.size();
        if (n == 0) {
            return;
        }
        float[] w = parameters.w();
        float[] b = parameters.b();
        int classes = classCount();
        RowKernel kernel = engine.kernel();
        engine.run(0, n, engine.parts(n), (part, from, to) -> {
            RowBlock block = new RowBlock();
            for (int k = from; k < to; k += RowKernel.BLOCK) {
                int m = Math.min(RowKernel.BLOCK, to - k);
                block.score(kernel, w, b, classes, rows.rows(), null, k, m);
                consumer.accept(block, k, m);
            }
        });
    }

    /** Softmax probabilities of a row of C scores. */
    public static double[] probabilities(float[] scores, int offset, int classes) {
        double[] s = new double[classes];
        for (int c = 0; c < classes; c++) {
            s[c] = scores[offset + c];
        }
        double[] p = new double[classes];
        SoftmaxCrossEntropy.probabilities(s, 0, classes, p, 0);
        return p;
    }
}
