package dev.slope.features;

/**
 * A feature of one image: its H×W×C unsigned bytes (channels last) to a vector of fixed length. A feature
 * is immutable and thread-safe; its settings are all it holds, so the same feature gives the same numbers
 * on the training split, the test split and a single image.
 */
public interface Feature {

    /** The name used on the command line and in model files ("hog", "pixels"). */
    String name();

    /**
     * The length of the vector for H×W×C images.
     *
     * @throws IllegalArgumentException when the image is too small for the feature (a cell larger than the image)
     */
    int dim(int height, int width, int channels);

    /**
     * Computes the vector of one image.
     *
     * @param image  unsigned bytes, the image at {@code image[offset .. offset + H·W·C)}; read only
     * @param out    {@link #dim} values from {@code outOffset}; overwritten
     */
    void compute(byte[] image, int offset, int height, int width, int channels, float[] out, int outOffset);
}
