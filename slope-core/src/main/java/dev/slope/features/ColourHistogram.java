package dev.slope.features;

import dev.slope.InvalidValueException;

/**
 * A colour histogram: each pixel's hue (HSV, as scikit-image's {@code rgb2hsv}: 0 for achromatic pixels) in
 * {@code bins} equal bins over the colour circle, optionally followed by histograms of saturation and value
 * with as many bins; each histogram divided by the pixel count, so it sums to 1. A grey image has no hue:
 * it gets a histogram of its intensities instead (one, whatever {@code withSaturationAndValue} says).
 *
 * @param bins                    bins per histogram
 * @param withSaturationAndValue  append the saturation and value histograms (colour images)
 */
public record ColourHistogram(int bins, boolean withSaturationAndValue) implements Feature {
    public ColourHistogram {
        if (bins < 1) {
            throw new InvalidValueException(n -> n.name("hist_bins") + " must be at least 1, got " + bins);
        }
    }

    @Override
    public String name() {
        return "hist";
    }

    @Override
    public int dim(int height, int width, int channels) {
        return channels >= 3 && withSaturationAndValue ? 3 * bins : bins;
    }

    /** uint8 to [0, 1] as scikit-image's img_as_float does it (times 1/255, not divided by 255: the last bit differs). */
    private static final double TO_UNIT = 1.0 / 255;

    @Override
    public void compute(byte[] image, int offset, int height, int width, int channels, float[] out, int outOffset) {
        int pixels = height * width;
        int d = dim(height, width, channels);
        double[] counts = new double[d];
        for (int p = 0; p < pixels; p++) {
            int o = offset + p * channels;
            if (channels < 3) {
                counts[bin((image[o] & 0xFF) * TO_UNIT)]++; // as the value of a colour image
                continue;
            }
            double r = (image[o] & 0xFF) * TO_UNIT;
            double g = (image[o + 1] & 0xFF) * TO_UNIT;
            double b = (image[o + 2] & 0xFF) * TO_UNIT;
            double max = Math.max(r, Math.max(g, b));
            double min = Math.min(r, Math.min(g, b));
            double delta = max - min;
            double hue;
            // as rgb2hsv: when two channels share the maximum, blue wins over green, green over red
            if (delta == 0) {
                hue = 0;
            } else if (max == b) {
                hue = (4 + (r - g) / delta) / 6;
            } else if (max == g) {
                hue = (2 + (b - r) / delta) / 6;
            } else {
                hue = ((g - b) / delta) / 6;
            }
            hue = hue < 0 ? hue + 1 : hue;
            counts[bin(hue)]++;
            if (withSaturationAndValue) {
                double saturation = max == 0 ? 0 : delta / max;
                counts[bins + bin(saturation)]++;
                counts[2 * bins + bin(max)]++;
            }
        }
        for (int k = 0; k < d; k++) {
            out[outOffset + k] = (float) (counts[k] / pixels);
        }
    }

    /** The bin of a value in [0, 1] (1 falls in the last bin). */
    private int bin(double v) {
        return Math.min(bins - 1, (int) (v * bins));
    }
}
