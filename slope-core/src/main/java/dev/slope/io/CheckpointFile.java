package dev.slope.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slope.data.DataFormatException;
import dev.slope.model.LinearModel;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.History;
import dev.slope.optimize.TrainingListener.EpochReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training run's checkpoint, one file written atomically (so a kill leaves the previous checkpoint whole): where
 * the run stood after an epoch ({@link GradientTrainer.Checkpoint}) and how to start it again (its settings, data
 * folder and model path).
 *
 * <pre>
 *   offset 0   8 bytes   "SLOPECKP"
 *   offset 8   int32     format version ({@value #VERSION})
 *   offset 12  int32     H; then H bytes of UTF-8 JSON: epochs_done, global_step, settings, data, out, every,
 *                        history (steps: [epoch, loss, penalty, rate, gradient norm]; epochs: the epoch reports)
 *              int32     M; then M bytes: the weights as a model file ({@link ModelFile})
 *              int32     U; then U bytes: the update rule's state ({@link UpdateRuleStates})
 *   end − 4    int32     CRC-32 of every byte before it
 * </pre>
 * Big-endian. Every length is checked against the bytes left before anything is allocated.
 */
public final class CheckpointFile {
    public static final int VERSION = 1;
    /** The file's name inside a checkpoint folder. */
    public static final String NAME = "checkpoint.slope";
    static final byte[] MAGIC = "SLOPECKP".getBytes(StandardCharsets.US_ASCII);

    private CheckpointFile() {
    }

    /** What a checkpoint holds: the run's position, and how it was started. */
    public record Saved(GradientTrainer.Checkpoint checkpoint, LinearModel model, Map<String, Object> settings, Path data,
                        Path out, int every) {
    }

    public static byte[] encode(GradientTrainer.Checkpoint c, LinearModel model, Map<String, Object> settings, Path data,
                                Path out, int every) {
        JsonObject h = new JsonObject();
        h.addProperty("format", "slope-checkpoint");
        h.addProperty("epochs_done", c.epochsDone());
        h.addProperty("global_step", c.globalStep());
        h.add("settings", Json.COMPACT.toJsonTree(settings));
        h.addProperty("data", data.toAbsolutePath().normalize().toString());
        h.addProperty("out", out.toAbsolutePath().normalize().toString());
        h.addProperty("every", every);
        History history = c.history();
        JsonArray steps = new JsonArray();
        for (int i = 0; i < history.steps(); i++) {
            JsonArray s = new JsonArray();
            s.add(history.stepEpochs()[i]);
            s.add(history.stepLosses()[i]);
            s.add(history.stepPenalties()[i]);
            s.add(history.stepRates()[i]);
            s.add(history.stepGradientNorms()[i]);
            steps.add(s);
        }
        JsonObject hist = new JsonObject();
        hist.add("steps", steps);
        hist.add("epochs", Json.COMPACT.toJsonTree(history.epochs()));
        h.add("history", hist);
        byte[] header = Json.COMPACT.toJson(h).getBytes(StandardCharsets.UTF_8);
        byte[] weights = ModelFile.encode(model);
        byte[] rule = UpdateRuleStates.encode(c.rule());
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + 4 + header.length + 4 + weights.length + 4 + rule.length
                + 4);
        buf.put(MAGIC).putInt(VERSION).putInt(header.length).put(header).putInt(weights.length).put(weights)
                .putInt(rule.length).put(rule);
        Crc32Trailer.append(buf);
        return buf.array();
    }

    /** Writes the checkpoint into {@code dir} (created if needed), replacing the previous one atomically. */
    public static void save(Path dir, byte[] bytes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new dev.slope.SlopeException("cannot create the checkpoint folder " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(dir.resolve(NAME), bytes);
    }

    /** Reads {@code dir}'s checkpoint. */
    public static Saved load(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new dev.slope.SlopeException("no checkpoint in " + dir + " (expected " + file + ", written by slope train"
                    + " --checkpoint " + dir + ")");
        }
        try {
            return decode(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new dev.slope.SlopeException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Saved decode(Path file, byte[] bytes) {
        if (bytes.length < MAGIC.length + 4 + 4 + 4 + 4 + 4
                || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new DataFormatException(file, 0, "not a Slope checkpoint: it should start with \"SLOPECKP\"");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(MAGIC.length);
        int version = buf.getInt();
        if (version != VERSION) {
            throw new DataFormatException(file, 8, "checkpoint format version " + version + ", but this Slope reads version "
                    + VERSION);
        }
        Crc32Trailer.verify(file, bytes, "checkpoint", "");
        byte[] header = part(file, buf, bytes.length - 4, "header");
        byte[] weights = part(file, buf, bytes.length - 4, "weights");
        byte[] rule = part(file, buf, bytes.length - 4, "update-rule state");
        if (buf.position() != bytes.length - 4) {
            throw new DataFormatException(file, buf.position(), (bytes.length - 4 - buf.position())
                    + " bytes after the last part");
        }
        LinearModel model = ModelFile.decode(file, weights);
        try {
            JsonObject h = JsonParser.parseString(new String(header, StandardCharsets.UTF_8)).getAsJsonObject();
            History history = new History();
            for (JsonElement e : h.getAsJsonObject("history").getAsJsonArray("steps")) {
                JsonArray s = e.getAsJsonArray();
                history.addStep(s.get(0).getAsInt(), s.get(1).getAsDouble(), s.get(2).getAsDouble(), s.get(3).getAsDouble(),
                        s.get(4).getAsDouble());
            }
            for (JsonElement e : h.getAsJsonObject("history").getAsJsonArray("epochs")) {
                history.onEpoch(Json.COMPACT.fromJson(e, EpochReport.class));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = Json.COMPACT.fromJson(h.get("settings"), LinkedHashMap.class);
            GradientTrainer.Checkpoint c = new GradientTrainer.Checkpoint(h.get("epochs_done").getAsInt(),
                    h.get("global_step").getAsLong(), model.parameters(), UpdateRuleStates.decode(file, rule), history);
            return new Saved(c, model, settings, Path.of(h.get("data").getAsString()), Path.of(h.get("out").getAsString()),
                    h.get("every").getAsInt());
        } catch (RuntimeException e) {
            if (e instanceof DataFormatException d) {
                throw d;
            }
            throw new DataFormatException(file, 16, "the checkpoint's header is not what slope train writes: " + e);
        }
    }

    private static byte[] part(Path file, ByteBuffer buf, int end, String what) {
        if (end - buf.position() < 4) {
            throw new DataFormatException(file, buf.position(), "cut short before the " + what);
        }
        int length = buf.getInt();
        if (length < 0 || length > end - buf.position()) {
            throw new DataFormatException(file, buf.position() - 4, "the " + what + " claims " + length
                    + " bytes but only " + (end - buf.position()) + " are left");
        }
        byte[] out = new byte[length];
        buf.get(out);
        return out;
    }
}
