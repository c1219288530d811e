package dev.slope.runfiles;

import dev.slope.io.AtomicFiles;
import dev.slope.io.Json;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.slope.SlopeException;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A run folder ({@code slope train --plots DIR}): {@code run.json}, the run's summary, beside its history
 * ({@link HistoryFiles}) and pictures. This class is the one that writes and reads {@code run.json}.
 */
public final class RunFolder {
    public static final String SUMMARY = "run.json";

    private RunFolder() {
    }

    /**
     * Writes {@code run.json} (a run's summary: {@code run.Summary#toJson}) and the history files into {@code dir}
     * (created if needed).
     */
    public static void write(Path dir, Map<String, Object> summary, GradientTrainer.Result result, TrainConfig config) {
        create(dir);
        HistoryFiles.write(result.history(), config.toJson(), dir);
        AtomicFiles.write(dir.resolve(SUMMARY), Json.COMPACT.toJson(summary).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the folder (and its parents), with a clear error when it cannot. */
    public static void create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SlopeException(dir + ": cannot create the folder: " + e.getMessage(), e);
        }
    }

    /** Reads {@code run.json} of a run folder. */
    public static JsonObject readSummary(Path dir) {
        Path file = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(file)) {
            throw new SlopeException(n -> dir + ": no " + SUMMARY + " here; a training run writes a run folder when given "
                    + n.name("plots") + " " + dir);
        }
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            String problem = firstLine(e.getMessage());
            throw new SlopeException(n -> file + ": not a readable run summary (" + problem + "); train again with "
                    + n.name("plots") + " " + dir);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
