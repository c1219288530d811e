package dev.slope.preprocess;

import dev.slope.data.ImageSet;

/**
 * How raw pixels become the input vector x of the classifier:
 *
 * <pre>
 *   x_k = scale · p_k − μ_k      for each raw input k (pixel channel, 0..255)
 *   x_P = 1                       appended when the bias trick is on (so CIFAR-10 gives 3072 + 1 = 3073)
 * </pre>
 *
 * where μ is the mean image of the scaled training pixels (fitted on the training split only), or zero
 * when mean subtraction is off.
 *
 * @param scale     multiplies every pixel (1/255 maps 0..255 to 0..1)
 * @param mean      the mean image, one value per raw input, or an empty array for none
 * @param biasTrick append a constant 1 so the bias becomes the last column of W
 * @param pixels    P, the number of raw inputs per image
 */
public record Preprocessing(float scale, float[] mean, boolean biasTrick, int pixels) {
    public static final float DEFAULT_SCALE = 1f / 255f;

    public Preprocessing {
        if (!Float.isFinite(scale) || scale <= 0) {
            throw new IllegalArgumentException("the pixel scale must be a finite number > 0, got " + scale);
        }
        if (mean.length != 0 && mean.length != pixels) {
            throw new IllegalArgumentException("the mean image holds " + mean.length + " values for " + pixels + " inputs");
        }
        mean = mean.clone();
    }

    /**
     * Fits on the training images: the mean image of {@code scale·p} when {@code subtractMean}.
     */
    public static Preprocessing fit(ImageSet train, float scale, boolean subtractMean, boolean biasTrick) {
        int p = train.pixelsPerImage();
        if (!subtractMean) {
            return new Preprocessing(scale, new float[0], biasTrick, p);
        }
        // whole numbers, summed exactly in long (the same sums as in double, in any order, with no conversion a pixel)
        long[] sum = new long[p];
        byte[] px = train.pixelStore();
        for (int i = 0, n = train.size(); i < n; i++) {
            for (int k = 0, o = train.pixelOffset(i); k < p; k++) {
                sum[k] += px[o + k] & 0xFF;
            }
        }
        float[] mean = new float[p];
        for (int k = 0; k < p; k++) {
            mean[k] = (float) (scale * (double) sum[k] / Math.max(1, train.size()));
        }
        return new Preprocessing(scale, mean, biasTrick, p);
    }

    /** D, the length of x: the raw inputs plus one for the bias trick. */
    public int inputDim() {
        return pixels + (biasTrick ? 1 : 0);
    }

    public boolean subtractsMean() {
        return mean.length != 0;
    }

    /** The mean image (a copy), or an empty array. */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /**
     * Turns one image's raw bytes into x.
     *
     * @param raw    unsigned pixel bytes; read only
     * @param offset where the image starts in {@code raw}
     * @param out    at least {@link #inputDim()} values; overwritten
     */
    public void apply(byte[] raw, int offset, float[] out) {
        PixelConversion.convert(raw, offset, out, scale, mean, pixels);
        if (biasTrick) {
            out[pixels] = 1f;
        }
    }

    /**
     * Turns one image's raw values given as numbers (a Spark frame's array or vector cell) into x, as
     * {@link #apply(byte[], int, float[])} turns bytes: {@code raw·scale − mean}, then the bias input.
     *
     * @param raw {@link #pixels()} values; read only
     * @param out at least {@link #inputDim()} values; overwritten
     */
    public void apply(float[] raw, float[] out) {
        if (raw.length != pixels) {
            throw new IllegalArgumentException("the pipeline takes " + pixels + " values per image, got " + raw.length);
        }
        if (mean.length == 0) {
            for (int k = 0; k < pixels; k++) {
                out[k] = raw[k] * scale;
            }
        } else {
            for (int k = 0; k < pixels; k++) {
                out[k] = raw[k] * scale - mean[k];
            }
        }
        if (biasTrick) {
            out[pixels] = 1f;
        }
    }

    /**
     * Whether every byte 0..255 becomes a finite value here: {@code p·scale − μ_k} is monotone in p, so checking p = 0
     * and p = 255 for every k covers them all (a huge mean or scale can overflow to infinity). Lets a check of pixel rows
     * skip reading them.
     */
    public boolean finiteOnBytes() {
        for (int k = 0; k < mean.length; k++) {
            if (!Float.isFinite(0 * scale - mean[k]) || !Float.isFinite(255 * scale - mean[k])) {
                return false;
            }
        }
        return Float.isFinite(255 * scale);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing other && scale == other.scale && biasTrick == other.biasTrick
                && pixels == other.pixels && java.util.Arrays.equals(mean, other.mean);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(scale, biasTrick, pixels, java.util.Arrays.hashCode(mean));
    }

    @Override
    public String toString() {
        return "Preprocessing[scale=" + scale + ", meanImage=" + subtractsMean() + ", biasTrick=" + biasTrick
                + ", pixels=" + pixels + "]";
    }
}
