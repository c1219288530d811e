package dev.slope.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.slope.data.DataFormatException;
import dev.slope.knn.Distance;
import dev.slope.knn.KnnClassifier;
import dev.slope.model.Provenance;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A kNN model file: the training rows themselves, compressed, with their labels, class names, fitted pipeline (as a
 * model file writes it), k and distance, so {@code slope evaluate} and {@code slope predict} use it as they use a
 * linear model.
 *
 * <pre>
 *   offset 0    8 bytes   "SLOPEKNN"
 *   offset 8    int32     format version ({@value #VERSION})
 *   offset 12   int32     H, length of the header
 *   offset 16   H bytes   header, UTF-8 JSON: classes, image shape, preprocessing (as in a model file), the lengths
 *                         of its arrays, k, distance, rows, dim, encoding (uint8 for raw pixels, float32 otherwise),
 *                         compressed length, provenance
 *   16 + H      Z bytes   deflate(rows in the encoding, the labels as int32, then the pipeline's arrays as float32:
 *                         mean image, feature means, feature scales)
 *   end − 4     int32     CRC-32 of every byte before it
 * </pre>
 * Big-endian. On load every length is checked before anything is allocated, and the inflated payload must be
 * exactly as long as the header promises.
 */
public final class KnnFile {
    /** 2: the whole fitted pipeline (mean image, features and their standardizer); 1: scaled raw pixels only. */
    public static final int VERSION = 2;
    static final byte[] MAGIC = "SLOPEKNN".getBytes(StandardCharsets.US_ASCII);
    static final int PREAMBLE = 16;

    private KnnFile() {
    }

    public static byte[] encode(KnnClassifier knn, Provenance provenance) {
        float[] rows = knn.trainingRows();
        int[] labels = knn.trainingLabels();
        boolean bytes = knn.exact();
        Pipeline p = knn.pipeline();
        float[] mean = p.pixels().mean();
        float[] featureMean = p.computesFeatures() ? p.standardizer().mean() : new float[0];
        float[] featureScale = p.computesFeatures() ? p.standardizer().scale() : new float[0];
        ByteBuffer payload = ByteBuffer.allocate(Math.addExact(Math.multiplyExact(rows.length, bytes ? 1 : 4),
                4 * (labels.length + mean.length + featureMean.length + featureScale.length)));
        for (float v : rows) {
            if (bytes) {
                payload.put((byte) (int) v);
            } else {
                payload.putFloat(v);
            }
        }
        for (int l : labels) {
            payload.putInt(l);
        }
        for (float[] a : new float[][] {mean, featureMean, featureScale}) {
            for (float v : a) {
                payload.putFloat(v);
            }
        }
        byte[] compressed = deflate(payload.array());
        JsonObject h = new JsonObject();
        h.addProperty("format", "slope-knn");
        h.addProperty("format_version", VERSION);
        JsonArray classes = new JsonArray();
        knn.classNames().forEach(classes::add);
        h.add("classes", classes);
        JsonArray shape = new JsonArray();
        shape.add(p.height());
        shape.add(p.width());
        shape.add(p.channels());
        h.add("image_shape", shape);
        h.add("preprocessing", PipelineCodec.preprocessingJson(p));
        JsonObject arrays = new JsonObject();
        arrays.addProperty("mean", mean.length);
        arrays.addProperty("feature_mean", featureMean.length);
        arrays.addProperty("feature_scale", featureScale.length);
        h.add("arrays", arrays);
        h.addProperty("k", knn.k());
        h.addProperty("distance", knn.distance().name().toLowerCase(Locale.ROOT));
        h.addProperty("rows", labels.length);
        h.addProperty("dim", knn.dim());
        h.addProperty("encoding", bytes ? "uint8" : "float32");
        h.addProperty("compressed_length", compressed.length);
        h.addProperty("slope_version", provenance.slopeVersion());
        h.addProperty("created", provenance.created());
        byte[] header = Json.COMPACT.toJson(h).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(PREAMBLE + header.length + compressed.length + 4);
        buf.put(MAGIC).putInt(VERSION).putInt(header.length).put(header).put(compressed);
        Crc32Trailer.append(buf);
        return buf.array();
    }

    public static void save(KnnClassifier knn, Provenance provenance, Path file) {
        AtomicFiles.write(file, encode(knn, provenance));
    }

    /** True when the bytes start like a kNN model file. */
    static boolean isKnn(byte[] bytes) {
        return bytes.length >= MAGIC.length && java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    public static KnnClassifier decode(Path file, byte[] bytes) {
        if (!isKnn(bytes)) {
            throw new DataFormatException(file, 0, "not a Slope kNN model: it should start with \"SLOPEKNN\"");
        }
        if (bytes.length < PREAMBLE + 4) {
            throw new DataFormatException(file, bytes.length, "only " + bytes.length + " bytes: cut short");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(MAGIC.length);
        int version = buf.getInt();
        if (version != 1 && version != VERSION) {
            throw new DataFormatException(file, 8, "kNN model format version " + version + ", but this Slope reads versions"
                    + " 1 and " + VERSION);
        }
        Crc32Trailer.verify(file, bytes, "file", "");
        int headerLength = buf.getInt();
        if (headerLength < 2 || (long) headerLength > bytes.length - PREAMBLE - 4L) {
            throw new DataFormatException(file, 12, "header length " + headerLength + " does not fit in the file");
        }
        try {
            JsonObject h = JsonParser.parseString(new String(bytes, PREAMBLE, headerLength, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            List<String> classes = new ArrayList<>();
            h.getAsJsonArray("classes").forEach(e -> classes.add(e.getAsString()));
            JsonArray shape = h.getAsJsonArray("image_shape");
            int height = shape.get(0).getAsInt();
            int width = shape.get(1).getAsInt();
            int channels = shape.get(2).getAsInt();
            int n = h.get("rows").getAsInt();
            int dim = h.get("dim").getAsInt();
            boolean uint8 = h.get("encoding").getAsString().equals("uint8");
            int compressedLength = h.get("compressed_length").getAsInt();
            if (n < 1 || dim < 1 || compressedLength < 0 || PREAMBLE + (long) headerLength + compressedLength + 4 != bytes.length
                    || (long) n * dim > Integer.MAX_VALUE / 4) {
                throw new DataFormatException(file, PREAMBLE, "the header's sizes (" + n + " rows of " + dim + ", "
                        + compressedLength + " compressed bytes) do not match the file's " + bytes.length + " bytes");
            }
            JsonObject arrays = version == 1 ? null : h.getAsJsonObject("arrays");
            int meanLength = arrays == null ? 0 : arrays.get("mean").getAsInt();
            int featureMeanLength = arrays == null ? 0 : arrays.get("feature_mean").getAsInt();
            int featureScaleLength = arrays == null ? 0 : arrays.get("feature_scale").getAsInt();
            if (meanLength < 0 || featureMeanLength < 0 || featureScaleLength < 0) {
                throw new DataFormatException(file, PREAMBLE, "the header's array lengths are negative");
            }
            long expected = (long) n * dim * (uint8 ? 1 : 4) + 4L * n
                    + 4L * ((long) meanLength + featureMeanLength + featureScaleLength);
            if (expected > Integer.MAX_VALUE - 8 || expected > 1032L * compressedLength + 64) {
                // deflate cannot shrink data more than about 1032:1, so a larger claim is a lie
                throw new DataFormatException(file, PREAMBLE, "the header promises " + expected + " bytes of images from "
                        + compressedLength + " compressed bytes, more than deflate can hold or Java can allocate");
            }
            ByteBuffer payload = ByteBuffer.wrap(inflate(file, bytes, PREAMBLE + headerLength, compressedLength,
                    (int) expected));
            float[] rows = new float[n * dim];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = uint8 ? payload.get() & 0xFF : payload.getFloat();
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = payload.getInt();
            }
            Pipeline pipeline;
            if (version == 1) {
                pipeline = new Pipeline(height, width, channels, new Preprocessing(h.get("pixel_scale").getAsFloat(),
                        new float[0], false, height * width * channels));
            } else {
                float[][] a = new float[3][];
                int[] lengths = {meanLength, featureMeanLength, featureScaleLength};
                for (int k = 0; k < 3; k++) {
                    a[k] = new float[lengths[k]];
                    for (int j = 0; j < lengths[k]; j++) {
                        a[k][j] = payload.getFloat();
                    }
                }
                pipeline = PipelineCodec.pipeline(h.getAsJsonObject("preprocessing"), new int[] {height, width, channels}, a[0],
                        a[1], a[2]);
            }
            if (pipeline.inputDim() != dim) {
                throw new DataFormatException(file, PREAMBLE, "the rows have " + dim + " values but the pipeline makes "
                        + pipeline.inputDim());
            }
            return new KnnClassifier(rows, labels, dim, classes, pipeline, h.get("k").getAsInt(),
                    Distance.valueOf(h.get("distance").getAsString().toUpperCase(Locale.ROOT)));
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException
                 | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new dev.slope.data.DataFormatException(file, PREAMBLE, "the header is incomplete or inconsistent ("
                    + e.getMessage() + ")");
        }
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] chunk = new byte[1 << 16];
            while (!d.finished()) {
                out.write(chunk, 0, d.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** Inflates exactly {@code expected} bytes; a payload longer or shorter than promised is an error. */
    private static byte[] inflate(Path file, byte[] bytes, int offset, int length, int expected) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(bytes, offset, length);
            byte[] out = new byte[expected];
            int got = 0;
            while (got < expected && !inf.finished()) {
                int n = inf.inflate(out, got, expected - got);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                got += n;
            }
            if (got != expected || !inf.finished()) {
                throw new dev.slope.data.DataFormatException(file, offset, "the compressed rows hold "
                        + (got == expected ? "more" : "fewer") + " bytes than the header's " + expected);
            }
            return out;
        } catch (java.util.zip.DataFormatException e) {
            throw new dev.slope.data.DataFormatException(file, offset, "the compressed rows are damaged: " + e.getMessage());
        } finally {
            inf.end();
        }
    }
}
