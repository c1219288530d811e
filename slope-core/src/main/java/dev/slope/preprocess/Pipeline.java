package dev.slope.preprocess;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageSet;
import java.util.Objects;

/**
 * How raw images become the rows a learner reads, fitted on the training split only and then applied
 * to any split or to a single image. Today it has one step, the pixel step ({@link Preprocessing}: scale,
 * mean image, bias trick), applied lazily as a kernel reads each row so the images stay uint8 in memory.
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

    /**
     * The settings of a pipeline before it is fitted.
     *
     * @param pixelScale multiplies every pixel before the mean is subtracted
     * @param meanImage  subtract the mean training image
     * @param biasTrick  append a constant 1 so the bias becomes the last column of W
     */
    public record Spec(float pixelScale, boolean meanImage, boolean biasTrick) {
        /** Pixels scaled to 0..1, the mean image subtracted, the bias folded into W. */
        public static final Spec DEFAULT = new Spec(Preprocessing.DEFAULT_SCALE, true, true);

        public Spec {
            if (!Float.isFinite(pixelScale) || pixelScale <= 0) {
                throw new IllegalArgumentException("--pixel-scale must be a finite number > 0, got " + pixelScale);
            }
        }

        /** Fits the pipeline on training images (the mean image is theirs). */
        public Pipeline fit(ImageSet train) {
            return new Pipeline(train.height(), train.width(), train.channels(),
                    Preprocessing.fit(train, pixelScale, meanImage, biasTrick));
        }
    }

    /** A fitted pipeline for H×W×C images (as read back from a model file). */
    public Pipeline(int height, int width, int channels, Preprocessing pixels) {
        if ((long) height * width * channels != pixels.pixels()) {
            throw new IllegalArgumentException("the preprocessing expects " + pixels.pixels() + " inputs but images are "
                    + height + "x" + width + "x" + channels);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.pixels = pixels;
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

    /** The pixel step: scale, mean image, bias trick. */
    public Preprocessing pixels() {
        return pixels;
    }

    /** D, the length of a row: what W's width must be. */
    public int inputDim() {
        return pixels.inputDim();
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
     * The images as a dataset of rows (read lazily through the pipeline; the images are not copied).
     *
     * @param source the dataset they belong to
     * @param part   which part of it ("test split")
     */
    public Dataset apply(ImageSet images, DatasetInfo source, String part) {
        requireShape(images);
        return new Dataset(new PixelRows(images, pixels), images.labels(), images.classNames(), this, source, part);
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
        pixels.apply(image, 0, x);
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pipeline p && p.height == height && p.width == width && p.channels == channels
                && p.pixels.equals(pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, width, channels, pixels);
    }

    @Override
    public String toString() {
        return "Pipeline[" + imageShape() + " images, " + pixels + "]";
    }
}
