package dev.slope.preprocess;

import dev.slope.InvalidValueException;
import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import dev.slope.features.FeatureSet;
import dev.slope.features.Pixels;
import dev.slope.features.Standardizer;
import dev.slope.linalg.BatchEngine;
import dev.slope.linalg.DenseRows;
import java.util.List;
import java.util.Objects;

/**
 * How raw images become the rows a learner reads, fitted on the training split only and then applied
 * to any split or to a single image. Two forms:
 * <ul>
 *   <li>pixels alone (the default): the pixel step ({@link Preprocessing}: scale, mean image, bias trick),
 *       applied lazily as a kernel reads each row, so the images stay uint8 in memory;</li>
 *   <li>features ({@code --features hog,pixels}): each image's {@link FeatureSet} computed once on all cores,
 *       standardized by a {@link Standardizer} fitted on the training split, then the bias 1 appended.</li>
 * </ul>
 * A fitted pipeline is immutable and is saved inside every model file, so a model reads raw images by
 * itself.
 *
 * <p>The image shape (H×W×C) is part of the pipeline: applying it to images of another shape is an error
 * that names both shapes.
 */
public final class Pipeline {
    private final int height;
    private final int width;
    private final int channels;
    private final Preprocessing pixels;
    private final FeatureSet features;
    private final Standardizer standardizer;

    /**
     * The settings of a pipeline before it is fitted.
     *
     * @param pixelScale multiplies every pixel (before the mean is subtracted, or as the pixels feature)
     * @param meanImage  subtract the mean training image (pixels alone; features are standardized instead)
     * @param biasTrick  append a constant 1 so the bias becomes the last column of W
     * @param features   what each image becomes; the pixels alone for the classic pipeline
     */
    public record Spec(float pixelScale, boolean meanImage, boolean biasTrick, FeatureSet features) {
        /** Pixels scaled to 0..1, the mean image subtracted, the bias folded into W. */
        public static final Spec DEFAULT = new Spec(Preprocessing.DEFAULT_SCALE, true, true,
                new FeatureSet(List.of(new Pixels(Preprocessing.DEFAULT_SCALE))));

        public Spec {
            if (!Float.isFinite(pixelScale) || pixelScale <= 0) {
                throw new InvalidValueException(n -> n.name("pixel_scale") + " must be a finite number > 0, got " + pixelScale);
            }
        }

        /** The classic pixel pipeline: scale, mean image, bias trick. */
        public Spec(float pixelScale, boolean meanImage, boolean biasTrick) {
            this(pixelScale, meanImage, biasTrick, new FeatureSet(List.of(new Pixels(pixelScale))));
        }

        /** Fits the pipeline on training images (the mean image, or the standardizer, is theirs), on the calling thread. */
        public Pipeline fit(ImageSet train) {
            return fit(train, BatchEngine.onCaller());
        }

        /** Fits the pipeline on training images, computing their features on {@code engine} (owned by the caller). */
        public Pipeline fit(ImageSet train, BatchEngine engine) {
            DatasetInfo unnamed = new DatasetInfo("training images", "", "images", train.size(), 0, "");
            return fitAndApply(train, unnamed, "training split", engine).pipeline();
        }

        /**
         * Fits on the training images and gives their rows too, computing features once, on {@code engine}.
         *
         * @param source the dataset the images belong to
         */
        public Dataset fitAndApply(ImageSet train, DatasetInfo source, String part, BatchEngine engine) {
            if (features.pixelsOnly()) {
                Pipeline p = new Pipeline(train.height(), train.width(), train.channels(),
                        Preprocessing.fit(train, pixelScale, meanImage, biasTrick));
                return p.apply(train, source, part);
            }
            FeatureSet fitted = features.fit(train, engine);
            int d = fitted.dim(train.height(), train.width(), train.channels());
            float[] raw = computeFeatures(fitted, train, d, engine);
            Standardizer standardizer = Standardizer.fit(raw, train.size(), d);
            Pipeline p = new Pipeline(train.height(), train.width(), train.channels(),
                    new Preprocessing(pixelScale, new float[0], biasTrick, train.pixelsPerImage()), fitted, standardizer);
            return new Dataset(p.finish(raw, train.size()), train.labels(), train.classNames(), p, source, part);
        }
    }

    /** A fitted pixel pipeline for H×W×C images (as read back from a model file). */
    public Pipeline(int height, int width, int channels, Preprocessing pixels) {
        this(height, width, channels, pixels, new FeatureSet(List.of(new Pixels(pixels.scale()))), null);
    }

    /**
     * A fitted feature pipeline.
     *
     * @param standardizer fitted on the training features; null for the pixel pipeline
     */
    public Pipeline(int height, int width, int channels, Preprocessing pixels, FeatureSet features,
                    Standardizer standardizer) {
        if ((long) height * width * channels != pixels.pixels()) {
            throw new IllegalArgumentException("the preprocessing expects " + pixels.pixels() + " inputs but images are "
                    + height + "x" + width + "x" + channels);
        }
        if (standardizer != null && standardizer.dim() != features.dim(height, width, channels)) {
            throw new IllegalArgumentException("the standardizer holds " + standardizer.dim() + " features but "
                    + features.names() + " makes " + features.dim(height, width, channels));
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.pixels = pixels;
        this.features = features;
        this.standardizer = standardizer;
    }

    /** The features' raw values of every image, N×D, computed on the engine (or read from the {@link FeatureCache}). */
    static float[] computeFeatures(FeatureSet features, ImageSet images, int d, BatchEngine engine) {
        return FeatureCache.inUse().rows(features, images, d, () -> compute(features, images, d, engine));
    }

    private static float[] compute(FeatureSet features, ImageSet images, int d, BatchEngine engine) {
        int n = images.size();
        float[] out = new float[Math.multiplyExact(n, d)];
        if (n == 0) {
            return out;
        }
        byte[] px = images.pixelStore();
        int h = images.height();
        int w = images.width();
        int c = images.channels();
        try (dev.slope.Progress.Task progress = dev.slope.Progress.start("Computing " + features.names() + " features", n)) {
            engine.run(0, n, Math.max(1, Math.min(engine.threads(), n)), (part, from, to) -> {
                for (int i = from; i < to; i++) {
                    features.compute(px, images.pixelOffset(i), h, w, c, out, i * d);
                    progress.advance(1);
                }
            });
        }
        return out;
    }

    /** Standardizes N raw feature rows and appends the bias 1: the rows a learner reads. */
    private DenseRows finish(float[] raw, int n) {
        int d = standardizer.dim();
        int dim = inputDim();
        float[] rows = dim == d ? raw : new float[Math.multiplyExact(n, dim)];
        for (int i = 0; i < n; i++) {
            if (rows != raw) {
                System.arraycopy(raw, i * d, rows, i * dim, d);
            }
            standardizer.apply(rows, i * dim);
            if (dim > d) {
                rows[i * dim + d] = 1f;
            }
        }
        return new DenseRows(rows, n, dim);
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

    /** The pixel step: scale, mean image, bias trick (for a feature pipeline: the scale and the bias trick). */
    public Preprocessing pixels() {
        return pixels;
    }

    /** What each image becomes. */
    public FeatureSet features() {
        return features;
    }

    /** The fitted standardizer of a feature pipeline, or null for the pixel pipeline. */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** True for a pipeline of features (computed once, standardized) rather than the lazy pixel step. */
    public boolean computesFeatures() {
        return standardizer != null;
    }

    /** D, the length of a row: what W's width must be. */
    public int inputDim() {
        return standardizer == null ? pixels.inputDim() : standardizer.dim() + (pixels.biasTrick() ? 1 : 0);
    }

    /** True when each row ends with the constant 1 of the bias trick. */
    public boolean biasTrick() {
        return pixels.biasTrick();
    }

    /** "28x28x1". */
    public String imageShape() {
        return height + "x" + width + "x" + channels;
    }

    /** Throws unless the images have this pipeline's shape. */
    public void requireShape(ImageSet images) {
        if (images.height() != height || images.width() != width || images.channels() != channels) {
            throw new IllegalArgumentException("the model takes " + imageShape() + " images but these are "
                    + images.height() + "x" + images.width() + "x" + images.channels());
        }
    }

    /**
     * The images as a dataset of rows (read lazily through the pipeline; the images are not copied); features, if the
     * pipeline has them, are computed on the calling thread.
     *
     * @param source the dataset they belong to
     * @param part   which part of it ("test split")
     */
    public Dataset apply(ImageSet images, DatasetInfo source, String part) {
        return apply(images, source, part, BatchEngine.onCaller());
    }

    /** As {@link #apply(ImageSet, DatasetInfo, String)}, computing features (if any) on {@code engine}. */
    public Dataset apply(ImageSet images, DatasetInfo source, String part, BatchEngine engine) {
        requireShape(images);
        if (standardizer == null) {
            return new Dataset(new PixelRows(images, pixels), images.labels(), images.classNames(), this, source, part);
        }
        float[] raw = computeFeatures(features, images, standardizer.dim(), engine);
        return new Dataset(finish(raw, images.size()), images.labels(), images.classNames(), this, source, part);
    }

    /**
     * One image's row x.
     *
     * @param image H×W×C unsigned bytes, channels last; read only
     */
    public float[] row(byte[] image) {
        if (image.length != pixels.pixels()) {
            throw new IllegalArgumentException("an image of " + imageShape() + " has " + pixels.pixels() + " values, got "
                    + image.length);
        }
        float[] x = new float[inputDim()];
        if (standardizer == null) {
            pixels.apply(image, 0, x);
            return x;
        }
        features.compute(image, 0, height, width, channels, x, 0);
        standardizer.apply(x, 0);
        if (pixels.biasTrick()) {
            x[x.length - 1] = 1f;
        }
        return x;
    }

    /**
     * One image's row x from its raw values given as numbers (a Spark frame's array or vector cell), for a pipeline on
     * pixels alone (computed features read bytes: {@link #row(byte[])}).
     *
     * @param values H×W×C raw values, channels last; read only
     */
    public float[] row(float[] values) {
        if (standardizer != null) {
            throw new IllegalStateException("this pipeline computes the features " + features.names() + " from an"
                    + " image's bytes; give the image as bytes");
        }
        float[] x = new float[inputDim()];
        pixels.apply(values, x);
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pipeline p && p.height == height && p.width == width && p.channels == channels
                && p.pixels.equals(pixels) && p.features.equals(features) && Objects.equals(p.standardizer, standardizer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, width, channels, pixels, features, standardizer);
    }

    @Override
    public String toString() {
        return "Pipeline[" + imageShape() + " images, " + (standardizer == null ? pixels.toString()
                : "features " + features.names() + ", standardized") + "]";
    }
}
