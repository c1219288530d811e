package dev.slope.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.slope.SlopeException;
import dev.slope.api.Slope;
import dev.slope.data.DataFormatException;
import dev.slope.data.ImageFiles;
import dev.slope.io.ModelFile;
import dev.slope.model.Classifier;
import dev.slope.model.LinearModel;
import dev.slope.preprocess.Pipeline;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/predict/models} (a {@code .slope} file's bytes: kept in memory, the newest {@value #KEPT} only, never
 * on disk) and {@code POST /api/predict?run=ID} or {@code ?model=ID} (an image file's bytes): the class a model gives the
 * image, its output for every class, and, for a model on pixels, which pixels pushed the decision (the predicted
 * class's template times the image, {@link LinearModel#contributions}). The image is scaled to the model's shape as
 * {@code slope predict} scales it ({@link Slope.Predictor}). Uploads may be up to {@value #MAX_UPLOAD} bytes, more than
 * the JSON endpoints' {@link WebServer#MAX_BODY}; the uploaded bytes are written to a temporary file only while they
 * are read, then deleted.
 */
final class Predictions {
    /** The largest model file or image the server reads. */
    static final long MAX_UPLOAD = 16L << 20;
    /** Uploaded models kept, newest first; an older one is forgotten. */
    static final int KEPT = 8;

    private final Runs runs;
    private final Map<String, Classifier> uploaded = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Classifier> eldest) {
            return size() > KEPT;
        }
    };
    private int next = 1;

    Predictions(Runs runs) {
        this.runs = runs;
    }

    /** The request body, refused with a 413 past {@link #MAX_UPLOAD} and a 400 when empty. */
    static byte[] upload(Context ctx, String what) {
        long length = ctx.contentLength();
        if (length > MAX_UPLOAD) {
            throw new ApiError(413, null, "the " + what + " is " + length + " bytes; the most is " + MAX_UPLOAD);
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_UPLOAD) {
            throw new ApiError(413, null, "the " + what + " is larger than " + MAX_UPLOAD + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiError.bad(null, "the request has no body; send the " + what + "'s bytes");
        }
        return bytes;
    }

    /** Reads an uploaded model file; keeps it under a new id. */
    JsonObject addModel(byte[] bytes) {
        Classifier model = withTemporaryFile(bytes, ".slope", file -> {
            try {
                return ModelFile.loadClassifier(file);
            } catch (SlopeException e) {
                throw ApiError.bad(null, "the model file: " + e.getMessage().replace(file.toString(), "upload"));
            }
        });
        String id;
        synchronized (uploaded) {
            id = "upload-" + next++;
            uploaded.put(id, model);
        }
        JsonObject o = describe(model);
        o.addProperty("model", id);
        return o;
    }

    /** What a model is: its classes, the image shape it reads, what its outputs are. */
    static JsonObject describe(Classifier model) {
        JsonObject o = new JsonObject();
        JsonArray classes = new JsonArray();
        model.classNames().forEach(classes::add);
        o.add("classes", classes);
        Pipeline p = model.pipeline();
        o.addProperty("shape", p.height() + "x" + p.width() + "x" + p.channels());
        o.addProperty("output", model.outputName());
        o.addProperty("features", p.computesFeatures() ? p.features().names() : "pixels");
        return o;
    }

    /** The model a request names: {@code run=ID} (a dashboard run's) or {@code model=ID} (an upload). */
    Classifier model(Context ctx) {
        String run = ctx.queryParam("run");
        String model = ctx.queryParam("model");
        if ((run == null) == (model == null)) {
            throw ApiError.bad(null, "name the model: ?run=ID (a dashboard run's) or ?model=ID (from POST"
                    + " /api/predict/models)");
        }
        if (model != null) {
            synchronized (uploaded) {
                Classifier c = uploaded.get(model);
                if (c == null) {
                    throw new ApiError(404, "model", "no uploaded model '" + model + "' (the server keeps the newest "
                            + KEPT + "); upload it again");
                }
                return c;
            }
        }
        Path file = runs.modelFile(run);
        return ModelFile.loadClassifier(file);
    }

    /** The prediction for one uploaded image. */
    static JsonObject predict(Classifier model, byte[] image) {
        Pipeline p = model.pipeline();
        byte[] pixels = withTemporaryFile(image, ".img", file -> {
            try {
                return ImageFiles.read(file, p.height(), p.width(), p.channels());
            } catch (DataFormatException e) {
                throw ApiError.bad(null, "the image: " + e.what());
            } catch (RuntimeException e) {
                throw ApiError.bad(null, "the image cannot be decoded (" + e.getMessage() + "); send a PNG, JPEG, GIF or"
                        + " BMP file");
            }
        });
        Slope.Prediction prediction = new Slope.Predictor(model).predictPixels(pixels);
        JsonObject o = new JsonObject();
        o.addProperty("class", prediction.className());
        o.addProperty("label", prediction.label());
        o.addProperty("output", prediction.outputName());
        JsonArray outputs = new JsonArray();
        for (int c = 0; c < prediction.classNames().size(); c++) {
            JsonObject v = new JsonObject();
            v.addProperty("name", prediction.classNames().get(c));
            v.addProperty("value", prediction.outputs()[c]);
            outputs.add(v);
        }
        o.add("outputs", outputs);
        o.addProperty("shape", p.height() + "x" + p.width() + "x" + p.channels());
        if (model instanceof LinearModel linear && !p.computesFeatures()) {
            // summed over the channels: one value per pixel, row by row
            float[] terms = linear.contributions(pixels, prediction.label());
            int channels = p.channels();
            JsonArray map = new JsonArray();
            for (int i = 0; i < p.height() * p.width(); i++) {
                float sum = 0;
                for (int ch = 0; ch < channels; ch++) {
                    sum += terms[i * channels + ch];
                }
                map.add(sum);
            }
            o.add("contributions", map);
        } else {
            o.addProperty("contributions_note", model instanceof LinearModel
                    ? "this model reads computed features (" + p.features().names() + "); its weights are on features,"
                            + " not pixels, so no pixel map is drawn"
                    : "a kNN model votes by its nearest training images; it has no weights on pixels");
        }
        return o;
    }

    private interface FileReader<T> {
        T read(Path file);
    }

    private static <T> T withTemporaryFile(byte[] bytes, String suffix, FileReader<T> reader) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("slope-upload-", suffix);
            Files.write(tmp, bytes);
            return reader.read(tmp);
        } catch (IOException e) {
            throw new ApiError(500, null, "could not read the upload: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file the system cleans up
                }
            }
        }
    }
}
