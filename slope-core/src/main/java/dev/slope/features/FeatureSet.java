package dev.slope.features;

import dev.slope.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The features a pipeline computes, in order, concatenated into one vector per image; parsed from the
 * command line's {@code --features hog,pixels}.
 *
 * @param features at least one
 */
public record FeatureSet(List<Feature> features) {
    /** The names {@code --features} takes. */
    public static final List<String> NAMES = List.of("pixels", "hog", "hist", "bow");

    public FeatureSet {
        if (features.isEmpty()) {
            throw new InvalidValueException(n -> n.name("features") + " needs at least one of " + String.join(", ", NAMES));
        }
        features = List.copyOf(features);
    }

    /**
     * Parses a comma-separated list of feature names.
     *
     * @param pixelScale the scale of the pixels feature
     * @param hog        the HOG settings, used when the list names "hog"
     * @param histogram  the colour histogram's settings, used when the list names "hist"
     * @param bag        the bag of visual words (unfitted), used when the list names "bow"
     */
    public static FeatureSet parse(String names, float pixelScale, Hog hog, ColourHistogram histogram, BagOfWords bag) {
        List<Feature> out = new ArrayList<>();
        for (String raw : names.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "pixels" -> out.add(new Pixels(pixelScale));
                case "hog" -> out.add(hog);
                case "hist" -> out.add(histogram);
                case "bow" -> out.add(bag);
                default -> throw new InvalidValueException(n -> n.name("features") + " '" + name + "' is not one of "
                        + String.join(", ", NAMES));
            }
        }
        return new FeatureSet(out);
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
        if (features.stream().noneMatch(f -> f instanceof BagOfWords b && !b.fitted())) {
            return this;
        }
        List<Feature> out = new ArrayList<>();
        for (Feature f : features) {
            out.add(f instanceof BagOfWords b && !b.fitted() ? b.fit(train, engine) : f);
        }
        return new FeatureSet(out);
    }

    /** "hog,pixels". */
    public String names() {
        return String.join(",", features.stream().map(Feature::name).toList());
    }
}
