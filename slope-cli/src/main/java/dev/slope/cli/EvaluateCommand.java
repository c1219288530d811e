package dev.slope.cli;

import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.eval.Evaluation;
import dev.slope.io.ModelFile;
import dev.slope.model.Classifier;
import dev.slope.linalg.BatchEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slope evaluate}: accuracy, per-class accuracy and the confusion matrix of a saved model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Measure a saved model on a dataset: accuracy, accuracy per class, confusion matrix.", ""},
        footer = {"", "Examples:", "  slope evaluate --model model.slope",
            "  slope evaluate --model model.slope --data fashion-mnist --split train --json"})
final class EvaluateCommand implements Callable<Integer> {
    enum Which { test, train }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file from slope train.")
    Path model;

    @Mixin
    DataOption data;

    @Option(names = "--split", paramLabel = "test|train", description = "Which images of the dataset to use.")
    Which split = Which.test;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Classifier m = ModelFile.loadClassifier(model);
        Evaluation ev;
        ImageData dataset;
        try (BatchEngine engine = BatchEngine.allCores()) {
            dataset = data.open(err, false, engine);
            ImageSet images = split == Which.test ? dataset.test() : dataset.train();
            ev = Evaluation.of(m, m.pipeline().apply(images, DatasetInfo.unhashed(dataset), split + " split", engine),
                    engine);
        }
        double[] perClass = ev.perClassAccuracy();
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("accuracy", Cli.round(ev.accuracy(), 6));
            json.put("correct", ev.correct());
            json.put("total", ev.total());
            List<Map<String, Object>> pc = new java.util.ArrayList<>();
            for (int c = 0; c < perClass.length; c++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", m.classNames().get(c));
                row.put("label", c);
                row.put("accuracy", Cli.round(perClass[c], 6));
                pc.add(row);
            }
            json.put("per_class_accuracy", pc);
            json.put("classes", m.classNames());
            json.put("confusion_matrix", ev.confusion());
            json.put("split", split.name());
            json.put("model", model.toString());
            Cli.printJson(out, json);
            return 0;
        }
        out.printf(Locale.ROOT, "%s on the %s split of %s: %s (%d of %d correct)%n%n", model, split, dataset.name(),
                Cli.percent(ev.accuracy()), ev.correct(), ev.total());
        List<String> names = m.classNames();
        int w = Math.max(5, names.stream().mapToInt(String::length).max().orElse(5));
        out.printf(Locale.ROOT, "%-" + w + "s  accuracy%n", "class");
        for (int c = 0; c < names.size(); c++) {
            out.printf(Locale.ROOT, "%-" + w + "s  %s%n", names.get(c), Cli.percent(perClass[c]));
        }
        out.print(confusionTable(names, ev.confusion()));
        out.flush();
        return 0;
    }

    /** The confusion matrix as aligned text: one row per true class, labelled "index name", columns by index. */
    static String confusionTable(List<String> names, int[][] cm) {
        int label = 0;
        for (int c = 0; c < names.size(); c++) {
            label = Math.max(label, (c + " " + names.get(c)).length());
        }
        int cell = 1;
        for (int[] row : cm) {
            for (int v : row) {
                cell = Math.max(cell, Integer.toString(v).length());
            }
        }
        cell = Math.max(cell, Integer.toString(names.size() - 1).length());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%nConfusion matrix (rows: true class, columns: predicted class)%n%-" + label + "s", ""));
        for (int c = 0; c < names.size(); c++) {
            sb.append(String.format(Locale.ROOT, " %" + cell + "d", c));
        }
        sb.append(System.lineSeparator());
        for (int r = 0; r < names.size(); r++) {
            sb.append(String.format(Locale.ROOT, "%-" + label + "s", r + " " + names.get(r)));
            for (int c = 0; c < names.size(); c++) {
                sb.append(String.format(Locale.ROOT, " %" + cell + "d", cm[r][c]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}