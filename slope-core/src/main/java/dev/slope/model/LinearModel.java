package dev.slope.model;

import dev.slope.data.ImageSet;
import dev.slope.loss.Loss;
import dev.slope.loss.Losses;
import dev.slope.loss.SoftmaxCrossEntropy;
import dev.slope.objective.FusedPass;
import dev.slope.preprocess.PixelRows;
import dev.slope.preprocess.Preprocessing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained linear classifier, {@code f(x) = W·x + b}, with everything needed to use it on raw images:
 * the class names, the image shape, the preprocessing (scale, mean image, bias trick) and the loss it
 * was trained with (which decides whether its scores read as probabilities). Immutable.
 */
public final class LinearModel {
    private final List<String> classNames;
    private final int height;
    private final int width;
    private final int channels;
    private final Preprocessing preprocessing;
    private final Parameters parameters;
    private final LossSpec loss;
    private final Map<String, String> training;

    /** The loss a model was trained with, as stored in model files. */
    public record LossSpec(String name, double margin, boolean squaredHinge) {
        public LossSpec {
            Losses.of(name, margin, squaredHinge);
        }

        public Loss toLoss() {
            return Losses.of(name, margin, squaredHinge);
        }
    }

    /**
     * @param parameters copied
     * @param training   the settings the model was trained with (flag name → value), kept for the record
     */
    public LinearModel(List<String> classNames, int height, int width, int channels, Preprocessing preprocessing,
                       Parameters parameters, LossSpec loss, Map<String, String> training) {
        if (parameters.classes() != classNames.size()) {
            throw new IllegalArgumentException("W has " + parameters.classes() + " rows but there are " + classNames.size()
                    + " class names");
        }
        if (preprocessing.pixels() != height * width * channels) {
            throw new IllegalArgumentException("the preprocessing expects " + preprocessing.pixels() + " inputs but images are "
                    + height + "x" + width + "x" + channels);
        }
        if (parameters.dim() != preprocessing.inputDim()) {
            throw new IllegalArgumentException("W is " + parameters.classes() + "x" + parameters.dim() + " but x has "
                    + preprocessing.inputDim() + " features");
        }
        if (parameters.biasInLastColumn() != preprocessing.biasTrick()) {
            throw new IllegalArgumentException("the bias trick must be on in both the preprocessing and W, or in neither");
        }
        this.classNames = List.copyOf(classNames);
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.preprocessing = preprocessing;
        this.parameters = parameters.copy();
        this.loss = loss;
        this.training = Map.copyOf(new LinkedHashMap<>(training));
    }

    public List<String> classNames() {
        return classNames;
    }

    public int classCount() {
        return classNames.size();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** A copy of W and b. */
    public Parameters parameters() {
        return parameters.copy();
    }

    public LossSpec loss() {
        return loss;
    }

    public Map<String, String> training() {
        return training;
    }

    /** True when the scores are turned into probabilities by a softmax (the model was trained with it). */
    public boolean hasProbabilities() {
        return loss.name().equals("softmax");
    }

    /** The images as rows this model reads, after checking their shape. */
    public PixelRows rows(ImageSet images) {
        if (images.height() != height || images.width() != width || images.channels() != channels) {
            throw new IllegalArgumentException("the model takes " + height + "x" + width + "x" + channels + " images but these are "
                    + images.height() + "x" + images.width() + "x" + images.channels());
        }
        return new PixelRows(images, preprocessing);
    }

    /** The scores of every image, N×C. */
    public float[] scores(ImageSet images, FusedPass pass) {
        float[] out = new float[images.size() * classCount()];
        if (images.size() > 0) {
            pass.scores(parameters, rows(images), 0, images.size(), out);
        }
        return out;
    }

    /** The predicted class of every image. */
    public int[] predict(ImageSet images, FusedPass pass) {
        int[] out = new int[images.size()];
        if (images.size() > 0) {
            pass.predict(parameters, rows(images), 0, images.size(), out);
        }
        return out;
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
