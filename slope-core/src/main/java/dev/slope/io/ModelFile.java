package dev.slope.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.slope.SlopeException;
import dev.slope.data.DataFormatException;
import dev.slope.data.DatasetInfo;
import dev.slope.loss.Loss;
import dev.slope.model.Classifier;
import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.model.Provenance;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slope's model file: versioned, self-describing and checked.
 *
 * <pre>
 *   offset 0    8 bytes   "SLOPEMDL"
 *   offset 8    int32     format version ({@value #VERSION})
 *   offset 12   int32     H, length of the header
 *   offset 16   H bytes   header, UTF-8 JSON: classes, image shape, preprocessing, loss, the run's
 *                         settings (typed, by the names of {@link dev.slope.optimize.Settings}), provenance (dataset with
 *                         its SHA-256, Slope version, kernel, creation time) and the shapes of the
 *                         arrays that follow
 *   16 + H      float32s  W (C×D, row-major), then b (C or 0 values), then the mean image (P or 0), then a
 *                         feature pipeline's standardizer: the means (F or 0), then the scales (F or 0)
 *   end − 4     int32     CRC-32 of every byte before it
 * </pre>
 *
 * All numbers are big-endian. Files are written atomically ({@link AtomicFiles}); on load the magic,
 * the version, every length and the checksum are verified before anything is trusted. The same model
 * encodes to the same bytes: keys in a fixed order, the creation time from {@code SOURCE_DATE_EPOCH}
 * when set ({@link Provenance}). Version 1 files (before provenance) are still read.
 */
public final class ModelFile {
    public static final int VERSION = 2;
    static final byte[] MAGIC = "SLOPEMDL".getBytes(StandardCharsets.US_ASCII);
    static final int PREAMBLE = 16;
    static final long MAX_FILE = 1L << 30;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private ModelFile() {
    }

    /** The bytes of a model file. */
    public static byte[] encode(LinearModel model) {
        Parameters p = model.parameters();
        Preprocessing pre = model.preprocessing();
        float[] mean = pre.mean();
        JsonObject h = new JsonObject();
        h.addProperty("format", "slope-model");
        h.addProperty("format_version", VERSION);
        JsonArray classes = new JsonArray();
        model.classNames().forEach(classes::add);
        h.add("classes", classes);
        h.add("image_shape", ints(model.height(), model.width(), model.channels()));
        h.addProperty("input_dim", p.dim());
        h.addProperty("bias", p.biasInLastColumn() ? "last_column" : p.hasSeparateBias() ? "separate" : "none");
        Pipeline pipeline = model.pipeline();
        float[] featureMean = pipeline.computesFeatures() ? pipeline.standardizer().mean() : new float[0];
        float[] featureScale = pipeline.computesFeatures() ? pipeline.standardizer().scale() : new float[0];
        h.add("preprocessing", PipelineCodec.preprocessingJson(pipeline));
        Provenance prov = model.provenance();
        if (!lossOf(prov.settings()).equals(model.loss())) {
            throw new IllegalArgumentException("the model's settings describe the loss " + lossOf(prov.settings())
                    + " but it holds " + model.loss() + "; give it the settings of its run");
        }
        h.addProperty("loss", model.loss().name());
        h.add("settings", GSON.toJsonTree(prov.settings()));
        JsonObject provenance = new JsonObject();
        provenance.add("dataset", prov.data() == null ? null : GSON.toJsonTree(datasetJson(prov.data())));
        provenance.addProperty("slope_version", prov.slopeVersion());
        provenance.addProperty("kernel", prov.kernel());
        provenance.addProperty("created", prov.created());
        h.add("provenance", provenance);
        JsonObject arrays = new JsonObject();
        arrays.add("w", ints(p.classes(), p.dim()));
        arrays.add("b", ints(p.b().length));
        arrays.add("mean", ints(mean.length));
        arrays.add("feature_mean", ints(featureMean.length));
        arrays.add("feature_scale", ints(featureScale.length));
        h.add("arrays", arrays);
        byte[] header = GSON.toJson(h).getBytes(StandardCharsets.UTF_8);

        int floats = p.w().length + p.b().length + mean.length + featureMean.length + featureScale.length;
        ByteBuffer buf = ByteBuffer.allocate(PREAMBLE + header.length + 4 * floats + 4);
        buf.put(MAGIC).putInt(VERSION).putInt(header.length).put(header);
        putFloats(buf, p.w());
        putFloats(buf, p.b());
        putFloats(buf, mean);
        putFloats(buf, featureMean);
        putFloats(buf, featureScale);
        Crc32Trailer.append(buf);
        return buf.array();
    }

    /** Writes the model atomically: the file holds the old model or the new one, never a part. */
    public static void save(LinearModel model, Path file) {
        AtomicFiles.write(file, encode(model));
    }

    /** Reads and verifies a linear model file. */
    public static LinearModel load(Path file) {
        byte[] bytes = read(file);
        if (KnnFile.isKnn(bytes)) {
            throw new DataFormatException(file, 0, "is a kNN model, not a linear one; this needs a model from slope train");
        }
        return decode(file, bytes);
    }

    /** Reads and verifies a model file of any kind: a linear model or a kNN model. */
    public static Classifier loadClassifier(Path file) {
        byte[] bytes = read(file);
        return KnnFile.isKnn(bytes) ? KnnFile.decode(file, bytes) : decode(file, bytes);
    }

    private static byte[] read(Path file) {
        if (Files.isDirectory(file)) {
            throw new SlopeException(n -> file + ": is a folder, not a model file; give the .slope file in it (e.g. "
                    + n.name("model") + " " + file.resolve("model.slope") + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new SlopeException(n -> file + ": no such model file; a training run writes one when given " + n.name("out")
                    + " " + file);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE) {
                throw new DataFormatException(file, -1, "is " + size + " bytes, larger than any Slope model; is it a model file?");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SlopeException(file + ": cannot read: " + e.getMessage(), e);
        }
        return bytes;
    }

    /** Parses the bytes of a model file; {@code file} only names it in errors. */
    public static LinearModel decode(Path file, byte[] bytes) {
        if (!startsWithMagic(bytes)) {
            throw new DataFormatException(file, 0, "not a Slope model file: it should start with \"SLOPEMDL\" (a linear"
                    + " model) or \"SLOPEKNN\" (a kNN model)");
        }
        if (bytes.length < PREAMBLE + 4) {
            throw new DataFormatException(file, bytes.length, "only " + bytes.length + " bytes: too short for a model file"
                    + " (truncated?)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        buf.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new DataFormatException(file, 0, "not a Slope model file: it should start with \"SLOPEMDL\" (a linear"
                    + " model) or \"SLOPEKNN\" (a kNN model)");
        }
        int version = buf.getInt();
        if (version != VERSION && version != 1) {
            throw new DataFormatException(file, 8, "model format version " + version + ", but this Slope reads versions 1 to "
                    + VERSION + (version > VERSION ? "; upgrade Slope to read it" : "; retrain the model with this Slope"));
        }
        int headerLength = buf.getInt();
        if (headerLength < 2 || (long) headerLength > bytes.length - PREAMBLE - 4L) {
            throw new DataFormatException(file, 12, "header length " + headerLength + " does not fit in the file's "
                    + bytes.length + " bytes; the file is truncated or corrupt");
        }
        Crc32Trailer.verify(file, bytes, "file", "; retrain or restore it");
        JsonObject h;
        try {
            h = JsonParser.parseString(new String(bytes, PREAMBLE, headerLength, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new DataFormatException(file, PREAMBLE, "the header is not valid JSON: " + e.getMessage());
        }
        try {
            List<String> classes = new ArrayList<>();
            h.getAsJsonArray("classes").forEach(e -> classes.add(e.getAsString()));
            int[] shape = intArray(h.getAsJsonArray("image_shape"));
            JsonObject prep = h.getAsJsonObject("preprocessing");
            JsonObject arrays = h.getAsJsonObject("arrays");
            int[] wShape = intArray(arrays.getAsJsonArray("w"));
            int bLen = intArray(arrays.getAsJsonArray("b"))[0];
            int meanLen = intArray(arrays.getAsJsonArray("mean"))[0];
            int fLen = arrays.has("feature_mean") ? intArray(arrays.getAsJsonArray("feature_mean"))[0] : 0;
            int fsLen = arrays.has("feature_scale") ? intArray(arrays.getAsJsonArray("feature_scale"))[0] : 0;
            long floats = (long) wShape[0] * wShape[1] + bLen + meanLen + fLen + fsLen;
            long expected = PREAMBLE + headerLength + 4 * floats + 4;
            if (wShape[0] < 0 || wShape[1] < 0 || bLen < 0 || meanLen < 0 || fLen < 0 || fsLen < 0
                    || expected != bytes.length) {
                throw new DataFormatException(file, PREAMBLE + headerLength, "the header promises " + floats + " numbers ("
                        + expected + " bytes in all) but the file has " + bytes.length + " bytes");
            }
            buf.position(PREAMBLE + headerLength);
            float[] w = getFloats(buf, wShape[0] * wShape[1]);
            float[] b = getFloats(buf, bLen);
            float[] mean = getFloats(buf, meanLen);
            float[] featureMean = getFloats(buf, fLen);
            float[] featureScale = getFloats(buf, fsLen);
            boolean biasTrick = prep.get("bias_trick").getAsBoolean();
            Pipeline pipeline = PipelineCodec.pipeline(prep, shape, mean, featureMean, featureScale);
            Parameters params = new Parameters(wShape[0], wShape[1], w, b, biasTrick);
            Provenance provenance = version == 1 ? provenanceV1(h) : provenance(h);
            Loss loss = lossOf(provenance.settings());
            String named = version == 1 ? h.getAsJsonObject("loss").get("name").getAsString() : h.get("loss").getAsString();
            if (!loss.name().equals(named)) {
                throw new DataFormatException(file, PREAMBLE, "the header names the loss '" + named + "' but its settings"
                        + " describe '" + loss.name() + "'");
            }
            return new LinearModel(classes, pipeline, params, loss, provenance);
        } catch (NullPointerException | ClassCastException | IllegalStateException | IllegalArgumentException
                 | IndexOutOfBoundsException e) {
            throw new DataFormatException(file, PREAMBLE, "the header is incomplete or inconsistent (" + e.getMessage() + ")");
        }
    }

    static boolean startsWithMagic(byte[] bytes) {
        return bytes.length >= MAGIC.length && java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The loss a run's settings describe. */
    private static Loss lossOf(Map<String, Object> settings) {
        return TrainConfig.fromJson(settings).objective().loss();
    }

    private static Map<String, Object> datasetJson(DatasetInfo d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("path", d.path());
        m.put("format", d.format());
        m.put("train_images", d.trainImages());
        m.put("test_images", d.testImages());
        m.put("sha256", d.sha256());
        return m;
    }

    private static Provenance provenance(JsonObject h) {
        Map<String, Object> settings = settings(h.getAsJsonObject("settings"));
        JsonObject p = h.getAsJsonObject("provenance");
        DatasetInfo data = null;
        if (p.get("dataset") != null && p.get("dataset").isJsonObject()) {
            JsonObject d = p.getAsJsonObject("dataset");
            data = new DatasetInfo(d.get("name").getAsString(), d.get("path").getAsString(), d.get("format").getAsString(),
                    d.get("train_images").getAsInt(), d.get("test_images").getAsInt(), d.get("sha256").getAsString());
        }
        return new Provenance(settings, data, p.get("slope_version").getAsString(), p.get("kernel").getAsString(),
                p.get("created").getAsString());
    }

    /** A version-1 header: settings as strings under "training", the SVM's margin beside the loss's name. */
    private static Provenance provenanceV1(JsonObject h) {
        Map<String, Object> settings = settings(h.getAsJsonObject("training"));
        JsonObject loss = h.getAsJsonObject("loss");
        settings.put("loss", loss.get("name").getAsString());
        settings.put("margin", loss.get("margin").getAsDouble());
        settings.put("squared_hinge", loss.get("squared_hinge").getAsBoolean());
        return new Provenance(TrainConfig.fromJson(settings).toJson(), null, "before 0.1", "", "");
    }

    /** Settings from JSON, each checked by the table (an unknown name or a bad value is an error). */
    private static Map<String, Object> settings(JsonObject o) {
        Map<String, Object> text = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            text.put(e.getKey(), e.getValue().getAsString());
        }
        Map<String, Object> all = TrainConfig.fromJson(text).toJson();
        Map<String, Object> typed = new LinkedHashMap<>();
        for (String name : text.keySet()) {
            typed.put(name, all.get(name));
        }
        return typed;
    }

    private static JsonArray ints(int... values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    private static int[] intArray(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    private static void putFloats(ByteBuffer buf, float[] values) {
        for (float v : values) {
            buf.putFloat(v);
        }
    }

    private static float[] getFloats(ByteBuffer buf, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = buf.getFloat();
        }
        return out;
    }
}
