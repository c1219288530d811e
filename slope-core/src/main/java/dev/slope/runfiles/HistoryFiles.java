package dev.slope.runfiles;

import dev.slope.io.AtomicFiles;
import dev.slope.io.Json;

import dev.slope.learn.History;
import dev.slope.learn.TrainingListener.EpochReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's history as files: {@code steps.csv} (per step: epoch, total, data and regularization loss,
 * gradient norm, learning rate), {@code epochs.csv} (per epoch: mean loss, train and validation
 * accuracy, validation loss, seconds) and {@code history.json} with both.
 */
public final class HistoryFiles {
    private HistoryFiles() {
    }

    public static String stepsCsv(History h) {
        StringBuilder sb = new StringBuilder("step,epoch,loss,data_loss,reg_loss,grad_norm,lr\n");
        double[] loss = h.stepLosses();
        double[] pen = h.stepPenalties();
        double[] gn = h.stepGradientNorms();
        double[] lr = h.stepRates();
        int[] ep = h.stepEpochs();
        for (int i = 0; i < loss.length; i++) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.8g,%.8g,%.8g,%.8g,%.8g%n", i, ep[i], loss[i], loss[i] - pen[i], pen[i],
                    gn[i], lr[i]));
        }
        return sb.toString();
    }

    public static String epochsCsv(History h) {
        StringBuilder sb = new StringBuilder("epoch,mean_loss,train_accuracy,val_accuracy,val_loss,seconds\n");
        for (EpochReport e : h.epochs()) {
            sb.append(String.format(Locale.ROOT, "%d,%.8g,%.6f,%.6f,%.8g,%.4f%n", e.epoch(), e.meanLoss(), e.trainAccuracy(),
                    e.validationAccuracy(), e.validationLoss(), e.seconds()));
        }
        return sb.toString();
    }

    public static String json(History h, Map<String, Object> settings) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        Map<String, Object> steps = new LinkedHashMap<>();
        double[] loss = h.stepLosses();
        double[] pen = h.stepPenalties();
        double[] data = new double[loss.length];
        for (int i = 0; i < loss.length; i++) {
            data[i] = loss[i] - pen[i];
        }
        steps.put("epoch", h.stepEpochs());
        steps.put("loss", loss);
        steps.put("data_loss", data);
        steps.put("reg_loss", pen);
        steps.put("grad_norm", h.stepGradientNorms());
        steps.put("lr", h.stepRates());
        root.put("steps", steps);
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (EpochReport e : h.epochs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", e.epoch());
            m.put("mean_loss", e.meanLoss());
            m.put("train_accuracy", e.trainAccuracy());
            m.put("val_accuracy", e.validationAccuracy());
            m.put("val_loss", e.validationLoss());
            m.put("seconds", e.seconds());
            epochs.add(m);
        }
        root.put("epochs", epochs);
        return Json.COMPACT.toJson(root);
    }

    /** Writes the three files into {@code dir}; returns their paths. */
    public static List<Path> write(History h, Map<String, Object> settings, Path dir) {
        Path steps = dir.resolve("steps.csv");
        Path epochs = dir.resolve("epochs.csv");
        Path json = dir.resolve("history.json");
        AtomicFiles.write(steps, stepsCsv(h).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(epochs, epochsCsv(h).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(json, json(h, settings).getBytes(StandardCharsets.UTF_8));
        return List.of(steps, epochs, json);
    }
}
