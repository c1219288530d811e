package dev.slope.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.slope.data.DataFormatException;
import dev.slope.data.ImageData;
import dev.slope.data.ImageFiles;
import dev.slope.data.ImageSet;
import dev.slope.features.ColourHistogram;
import dev.slope.features.Hog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * {@code GET /api/features/sample} and {@code POST /api/features/image}: one image with the lecture's HOG (8×8
 * cells, 9 unsigned orientation bins, cell histograms without blocks) and its colour histogram (16 bins of hue,
 * intensity for grey images), computed by the core's {@link Hog} and {@link ColourHistogram}.
 */
final class ImageFeatures {
    static final Hog CELLS = new Hog(8, 1, 9, Hog.Norm.NONE);
    static final ColourHistogram HISTOGRAM = new ColourHistogram(16, false);
    /** Uploads are scaled so that their longer side is at most this many pixels. */
    static final int MAX_SIDE = 320;

    private ImageFeatures() {
    }

    /** Image {@code index} of the server's test split (the training split when there is no test split). */
    static JsonObject sample(ImageData data, String indexText) {
        ImageSet images = data.test().size() > 0 ? data.test() : data.train();
        int index;
        try {
            index = indexText == null ? 0 : Integer.parseInt(indexText);
        } catch (NumberFormatException e) {
            throw ApiError.bad("index", "'index' must be a whole number, got '" + indexText + "'");
        }
        if (index < 0 || index >= images.size()) {
            throw ApiError.bad("index", "'index' must be in [0, " + (images.size() - 1) + "], got " + index);
        }
        byte[] pixels = images.image(index);
        JsonObject o = describe(pixels, images.height(), images.width(), images.channels());
        o.addProperty("label", images.classNames().get(images.label(index)));
        o.addProperty("index", index);
        return o;
    }

    /** An uploaded PNG, JPEG, BMP or GIF, scaled to at most {@value #MAX_SIDE} pixels a side, in colour. */
    static JsonObject upload(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiError.bad(null, "the request has no body; send the image file's bytes");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("slope-upload-", ".img");
            Files.write(tmp, bytes);
            int[] size = ImageFiles.size(tmp);
            double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(size[0], size[1]));
            int h = Math.max(8, (int) Math.round(size[0] * scale));
            int w = Math.max(8, (int) Math.round(size[1] * scale));
            byte[] pixels = ImageFiles.read(tmp, h, w, 3, true);
            return describe(pixels, h, w, 3);
        } catch (DataFormatException e) {
            throw ApiError.bad(null, "the upload: " + e.what());
        } catch (IOException e) {
            throw new ApiError(500, null, "could not keep the upload: " + e.getMessage());
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

    static JsonObject describe(byte[] pixels, int h, int w, int c) {
        JsonObject o = new JsonObject();
        o.addProperty("height", h);
        o.addProperty("width", w);
        o.addProperty("channels", c);
        o.addProperty("pixels", Base64.getEncoder().encodeToString(pixels));
        JsonObject hog = new JsonObject();
        hog.addProperty("cell", CELLS.cell());
        hog.addProperty("bins", CELLS.bins());
        hog.addProperty("cells_y", h / CELLS.cell());
        hog.addProperty("cells_x", w / CELLS.cell());
        hog.add("values", values(CELLS.dim(h, w, c), out -> CELLS.compute(pixels, 0, h, w, c, out, 0)));
        o.add("hog", hog);
        JsonObject hist = new JsonObject();
        hist.addProperty("bins", HISTOGRAM.bins());
        hist.addProperty("of", c == 3 ? "hue" : "intensity");
        hist.add("values", values(HISTOGRAM.dim(h, w, c), out -> HISTOGRAM.compute(pixels, 0, h, w, c, out, 0)));
        o.add("histogram", hist);
        return o;
    }

    private static JsonArray values(int dim, java.util.function.Consumer<float[]> compute) {
        float[] out = new float[dim];
        compute.accept(out);
        JsonArray a = new JsonArray();
        for (float v : out) {
            a.add(v);
        }
        return a;
    }
}
