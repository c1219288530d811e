package dev.slope.preprocess;

import dev.slope.linalg.Lanes;

/**
 * Unsigned bytes to the classifier's floats, {@code (raw & 0xFF)·scale − mean}: the conversion every pass does for
 * every row (the pixels stay bytes in memory). On SIMD lanes when the module {@code jdk.incubator.vector} is loaded
 * (and {@code slope.kernel} is not {@code scalar}); both paths give the same floats, bit for bit.
 */
final class PixelConversion {
    static final boolean VECTOR = Lanes.ON;

    private PixelConversion() {
    }

    /**
     * @param mean one value per pixel, or empty for none
     */
    static void convert(byte[] raw, int offset, float[] out, float scale, float[] mean, int pixels) {
        if (VECTOR) {
            VectorPixels.convert(raw, offset, out, scale, mean, pixels);
        } else {
            scalar(raw, offset, out, scale, mean, pixels, 0);
        }
    }

    /** Pixels {@code from..pixels} in plain loops: the reference, and the tail of the SIMD path. */
    static void scalar(byte[] raw, int offset, float[] out, float scale, float[] mean, int pixels, int from) {
        if (mean.length == 0) {
            for (int k = from; k < pixels; k++) {
                out[k] = (raw[offset + k] & 0xFF) * scale;
            }
        } else {
            for (int k = from; k < pixels; k++) {
                out[k] = (raw[offset + k] & 0xFF) * scale - mean[k];
            }
        }
    }
}
