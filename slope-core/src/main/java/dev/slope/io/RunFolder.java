package dev.slope.io;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.slope.SlopeException;
import dev.slope.eval.Evaluation;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
     * The summary of a training run, as {@code slope train --json} prints it and {@code run.json} holds it.
     * Accuracies are fractions rounded to 1e-6, seconds to 1 ms.
     *
     * @param dataSource the dataset folder
     * @param model      where the model was saved
     * @param kernel     the row kernel that ran
     */
    public static Map<String, Object> summary(TrainConfig config, Path dataSource, Splits data,
                                              GradientTrainer.Result result, Evaluation test, String kernel, Path model) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("train_accuracy", Json.round(result.trainAccuracy(), 6));
        json.put("val_accuracy", Json.round(result.validationAccuracy(), 6));
        json.put("test_accuracy", Json.round(test.accuracy(), 6));
        json.put("final_loss", result.finalLoss());
        json.put("epochs", config.optimizer().epochs());
        json.put("epochs_run", result.history().epochs().size());
        json.put("best_epoch", result.bestEpoch());
        json.put("stopped_early", result.stoppedEarly());
        json.put("seconds", Json.round(result.seconds(), 3));
        json.put("peak_rss_mib", PeakMemory.residentMiB());
        json.put("model", model.toAbsolutePath().normalize().toString());
        json.put("data", dataSource.toAbsolutePath().normalize().toString());
        json.put("dataset", data.train().source().name());
        json.put("created", result.model().provenance().created());
        json.put("train_examples", data.train().size());
        json.put("val_examples", data.validation().size());
        json.put("test_examples", data.test().size());
        json.put("steps", result.history().steps());
        json.put("kernel", kernel);
        json.put("config", config.toJson());
        return json;
    }

    /** Writes {@code run.json} and the history files into {@code dir} (created if needed). */
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
            throw new SlopeException(dir + ": no " + SUMMARY + " here; write a run folder with: slope train --plots " + dir);
        }
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new SlopeException(file + ": not a readable run summary (" + firstLine(e.getMessage())
                    + "); rerun slope train --plots " + dir);
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
