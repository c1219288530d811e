package dev.slope.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.slope.features.BagOfWords;
import dev.slope.features.ColourHistogram;
import dev.slope.features.Feature;
import dev.slope.features.FeatureSet;
import dev.slope.features.Hog;
import dev.slope.features.Pixels;
import dev.slope.features.Standardizer;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import java.util.ArrayList;
import java.util.List;

/**
 * How a fitted pipeline is written into a model file's header, for both kinds of model ({@link ModelFile},
 * {@link KnnFile}): the pixel step and the feature steps with their settings (a bag of words' codebook too); the
 * arrays (the mean image, the standardizer's means and scales) are written apart by each file.
 */
final class PipelineCodec {
    private PipelineCodec() {
    }

    /**
     * A fitted pipeline's steps as model files (and kNN model files) write them: pixel scale, mean image, bias trick
     * and the feature steps; its arrays (the mean image, the standardizer's means and scales) are written apart.
     */
    static JsonObject preprocessingJson(Pipeline pipeline) {
        Preprocessing pre = pipeline.pixels();
        JsonObject prep = new JsonObject();
        prep.addProperty("pixel_scale", pre.scale());
        prep.addProperty("mean_image", pre.subtractsMean());
        prep.addProperty("bias_trick", pre.biasTrick());
        if (pipeline.computesFeatures()) {
            prep.add("features", featuresJson(pipeline.features()));
        }
        return prep;
    }

    /** The pipeline {@link #preprocessingJson} and its arrays describe, for images of {@code shape} (H, W, C). */
    static Pipeline pipeline(JsonObject prep, int[] shape, float[] mean, float[] featureMean, float[] featureScale) {
        Preprocessing pre = new Preprocessing(prep.get("pixel_scale").getAsFloat(), mean,
                prep.get("bias_trick").getAsBoolean(), shape[0] * shape[1] * shape[2]);
        return prep.has("features")
                ? new Pipeline(shape[0], shape[1], shape[2], pre, features(prep.getAsJsonArray("features"), pre.scale()),
                new Standardizer(featureMean, featureScale))
                : new Pipeline(shape[0], shape[1], shape[2], pre);
    }

    private static JsonArray featuresJson(FeatureSet features) {
        JsonArray a = new JsonArray();
        for (Feature f : features.features()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", f.name());
            if (f instanceof Hog hog) {
                o.addProperty("cell", hog.cell());
                o.addProperty("block", hog.block());
                o.addProperty("bins", hog.bins());
                o.addProperty("norm", hog.norm().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (f instanceof ColourHistogram hist) {
                o.addProperty("bins", hist.bins());
                o.addProperty("saturation_value", hist.withSaturationAndValue());
            }
            if (f instanceof BagOfWords bag) {
                o.addProperty("words", bag.words());
                o.addProperty("cell", bag.cell());
                o.addProperty("assign", bag.assign().name().toLowerCase(java.util.Locale.ROOT));
                o.addProperty("seed", bag.seed());
                o.addProperty("sigma2", bag.sigma2());
                JsonArray codebook = new JsonArray();
                for (float v : bag.codebook()) {
                    codebook.add(v);
                }
                o.add("codebook", codebook);
            }
            a.add(o);
        }
        return a;
    }

    private static FeatureSet features(JsonArray a, float pixelScale) {
        List<Feature> out = new ArrayList<>();
        for (JsonElement e : a) {
            JsonObject o = e.getAsJsonObject();
            String name = o.get("name").getAsString();
            switch (name) {
                case "pixels" -> out.add(new Pixels(pixelScale));
                case "hog" -> out.add(new Hog(o.get("cell").getAsInt(), o.get("block").getAsInt(), o.get("bins").getAsInt(),
                        Hog.Norm.valueOf(o.get("norm").getAsString().toUpperCase(java.util.Locale.ROOT))));
                case "hist" -> out.add(new ColourHistogram(o.get("bins").getAsInt(), o.get("saturation_value").getAsBoolean()));
                case "bow" -> {
                    JsonArray c = o.getAsJsonArray("codebook");
                    float[] codebook = new float[c.size()];
                    for (int k = 0; k < codebook.length; k++) {
                        codebook[k] = c.get(k).getAsFloat();
                    }
                    out.add(new BagOfWords(o.get("words").getAsInt(), o.get("cell").getAsInt(),
                            BagOfWords.Assign.valueOf(o.get("assign").getAsString().toUpperCase(java.util.Locale.ROOT)),
                            o.get("seed").getAsLong(), codebook, o.get("sigma2").getAsFloat()));
                }
                default -> throw new IllegalArgumentException("unknown feature '" + name + "'");
            }
        }
        return new FeatureSet(out);
    }

}
