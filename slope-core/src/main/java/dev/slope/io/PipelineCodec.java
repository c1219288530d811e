package dev.slope.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.slope.features.Feature;
import dev.slope.features.FeatureSet;
import dev.slope.features.Standardizer;
import dev.slope.optimize.Settings;
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
            Settings.kindOf(f).writeFeature(f, o);
            a.add(o);
        }
        return a;
    }

    private static FeatureSet features(JsonArray a, float pixelScale) {
        List<Feature> out = new ArrayList<>();
        for (JsonElement e : a) {
            JsonObject o = e.getAsJsonObject();
            String name = o.get("name").getAsString();
            if (!Settings.featureNames().contains(name)) {
                throw new IllegalArgumentException("unknown feature '" + name + "'");
            }
            out.add(Settings.featureKind(name).read(o, pixelScale));
        }
        return new FeatureSet(out);
    }
}
