package dev.slope.features;

/**
 * The raw pixels as a feature: each channel value times a scale (1/255 maps 0..255 to 0..1), in the image's
 * own order (row-major, channels last).
 *
 * @param scale multiplies every value
 */
public record Pixels(float scale) implements Feature {
    @Override
    public String name() {
        return "pixels";
    }

    @Override
    public int dim(int height, int width, int channels) {
        return height * width * channels;
    }

    @Override
    public void compute(byte[] image, int offset, int height, int width, int channels, float[] out, int outOffset) {
        float s = scale;
        for (int k = 0, n = height * width * channels; k < n; k++) {
            out[outOffset + k] = (image[offset + k] & 0xFF) * s;
        }
    }
}
