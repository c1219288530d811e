package dev.slope.run;

import dev.slope.io.Json;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import dev.slope.run.PeakMemory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of one training run, the one source of its figures wherever they are shown: {@code slope train --json},
 * {@code run.json}, {@code slope spark-train} (either data layout), a dashboard run and {@code slope search}'s best
 * trial. Accuracies are fractions in [0, 1] (NaN where there was nothing to measure: no validation or test rows).
 *
 * @param seconds   from the data in memory to the trained model (the JIT warm-up's wait, features, training)
 * @param model     where the model was saved, or null
 * @param data      where the data came from (a folder, a frame's URI)
 * @param dataset   the dataset's name
 * @param steps     the steps the run took (its epochs' batches)
 * @param config    every setting of the run ({@link TrainConfig#toJson})
 */
public record Summary(double trainAccuracy, double valAccuracy, double testAccuracy, double finalLoss, int epochs,
                      int epochsRun, int bestEpoch, boolean stoppedEarly, double seconds, long peakRssMib, Path model,
                      String data, String dataset, String created, int trainExamples, int valExamples, int testExamples,
                      long steps, String kernel, Map<String, Object> config) {

    /** The JSON keys of {@link #toJson}, in order. */
    public static final List<String> KEYS = List.of("train_accuracy", "val_accuracy", "test_accuracy", "final_loss",
            "epochs", "epochs_run", "best_epoch", "stopped_early", "seconds", "peak_rss_mib", "model", "data", "dataset",
            "created", "train_examples", "val_examples", "test_examples", "steps", "kernel", "config");

    public Summary {
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /**
     * The summary of a finished run.
     *
     * @param data         where the data came from
     * @param split        the rows it learned from, watched and was tested on
     * @param testAccuracy its accuracy on the test rows (NaN when there are none)
     * @param testExamples how many test rows were scored
     * @param seconds      from the data in memory to the trained model
     * @param model        where the model was saved, or null
     */
    public static Summary of(TrainConfig config, String data, Splits split, GradientTrainer.Result result,
                             double testAccuracy, int testExamples, double seconds, Path model) {
        return new Summary(result.trainAccuracy(), result.validationAccuracy(), testAccuracy, result.finalLoss(),
                config.optimizer().epochs(), result.history().epochs().size(), result.bestEpoch(), result.stoppedEarly(),
                seconds, PeakMemory.residentMiB(), model == null ? null : model.toAbsolutePath().normalize(), data,
                split.train().source().name(), result.model().provenance().created(), split.train().size(),
                split.validation().size(), testExamples, result.history().steps(),
                result.model().provenance().kernel(), config.toJson());
    }

    /** This summary with the test rows' figures. */
    public Summary withTest(double accuracy, int examples) {
        return new Summary(trainAccuracy, valAccuracy, accuracy, finalLoss, epochs, epochsRun, bestEpoch, stoppedEarly,
                seconds, peakRssMib, model, data, dataset, created, trainExamples, valExamples, examples, steps, kernel,
                config);
    }

    /** This summary with the model saved to {@code file}. */
    public Summary withModel(Path file) {
        return new Summary(trainAccuracy, valAccuracy, testAccuracy, finalLoss, epochs, epochsRun, bestEpoch,
                stoppedEarly, seconds, peakRssMib, file.toAbsolutePath().normalize(), data, dataset, created,
                trainExamples, valExamples, testExamples, steps, kernel, config);
    }

    /** The keys of {@link #KEYS} with their values: accuracies rounded to 1e-6, seconds to 1 ms; null where absent. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("train_accuracy", Json.round(trainAccuracy, 6));
        json.put("val_accuracy", Json.round(valAccuracy, 6));
        json.put("test_accuracy", Json.round(testAccuracy, 6));
        json.put("final_loss", finalLoss);
        json.put("epochs", epochs);
        json.put("epochs_run", epochsRun);
        json.put("best_epoch", bestEpoch);
        json.put("stopped_early", stoppedEarly);
        json.put("seconds", Json.round(seconds, 3));
        json.put("peak_rss_mib", peakRssMib);
        json.put("model", model == null ? null : model.toString());
        json.put("data", data);
        json.put("dataset", dataset);
        json.put("created", created);
        json.put("train_examples", trainExamples);
        json.put("val_examples", valExamples);
        json.put("test_examples", testExamples);
        json.put("steps", steps);
        json.put("kernel", kernel);
        json.put("config", config);
        return json;
    }
}
