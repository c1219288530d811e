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

    /**
     * What fitting on a training split learned, as numbers (a bag of words' codebook and its σ²); empty for a feature
     * whose settings are all it is. With {@link Object#toString} (the settings) it names the feature's numbers
     * wherever they are kept ({@code preprocess.FeatureCache}).
     */
    default float[] fittedState() {
        return new float[0];
    }

    /**
     * This feature fitted on a training split, on {@code engine}'s threads (owned by the caller): itself for a feature
     * whose settings are all it is, or once fitted; a new one for a feature that learns from data (a bag of words'
     * codebook).
     */
    default Feature fit(dev.slope.data.ImageSet train, dev.slope.linalg.BatchEngine engine) {
        return this;
    }
}
