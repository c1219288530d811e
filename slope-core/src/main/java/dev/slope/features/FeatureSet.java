package dev.slope.features;

import dev.slope.InvalidValueException;
import java.util.ArrayList;
import java.util.List;

/**
 * The features a pipeline computes, in order, concatenated into one vector per image; parsed from the
 * command line's {@code --features hog,pixels}.
 *
 * @param features at least one
 */
public record FeatureSet(List<Feature> features) {
    public FeatureSet {
        if (features.isEmpty()) {
            throw new InvalidValueException(n -> n.name("features") + " needs at least one feature");
        }
        features = List.copyOf(features);
    }

    /** True for the plain pixels alone: the classic lazy pixel pipeline (scale, mean image) applies. */
    public boolean pixelsOnly() {
        return features.size() == 1 && features.get(0) instanceof Pixels;
    }

    /** The total length for H×W×C images. */
    public int dim(int height, int width, int channels) {
        int d = 0;
        for (Feature f : features) {
            d += f.dim(height, width, channels);
        }
        return d;
    }

    /** Computes every feature of one image into {@code out} from {@code outOffset}, one after the other. */
    public void compute(byte[] image, int offset, int height, int width, int channels, float[] out, int outOffset) {
        int o = outOffset;
        for (Feature f : features) {
            f.compute(image, offset, height, width, channels, out, o);
            o += f.dim(height, width, channels);
        }
    }

    /**
     * These features with every one that learns from data (the bag of words' codebook) fitted on {@code train}, on
     * {@code engine}'s threads (owned by the caller).
     */
    public FeatureSet fit(dev.slope.data.ImageSet train, dev.slope.linalg.BatchEngine engine) {
        List<Feature> out = new ArrayList<>();
        boolean changed = false;
        for (Feature f : features) {
            Feature fitted = f.fit(train, engine);
            changed |= fitted != f;
            out.add(fitted);
        }
        return changed ? new FeatureSet(out) : this;
    }

    /** "hog,pixels". */
    public String names() {
        return String.join(",", features.stream().map(Feature::name).toList());
    }
}
