package dev.slope.cli;

import dev.slope.SlopeException;
import dev.slope.api.Slope;
import dev.slope.data.DatasetInfo;
import dev.slope.data.ImageData;
import dev.slope.data.ImageFolders;
import dev.slope.data.ImageSet;
import dev.slope.io.ModelFile;
import dev.slope.model.Classifier;
import dev.slope.preprocess.Pipeline;
import dev.slope.linalg.BatchEngine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slope predict}: the class of image files, or of a dataset's test images. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Classify image files (PNG, JPEG, BMP, GIF) or the test images of a dataset folder.", "",
            "Prints the predicted class and the probabilities (softmax models) or the scores (SVM models). Images of"
                + " another size are scaled to the model's; colour is converted to grey for grey models.", ""},
        footer = {"", "Examples:", "  slope predict --model model.slope shirt.png boot.png",
            "  slope predict --model model.slope data/fashion-mnist-small --limit 5 --json"})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file from slope train.")
    Path model;

    @Option(names = "--limit", paramLabel = "N", description = "For a dataset: how many test images to list.")
    int limit = 10;

    @Option(names = "--top", paramLabel = "K", description = "How many classes to show per image in text output.")
    int top = 3;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Image files, or a dataset folder ('small' and"
            + " 'fashion-mnist' work too).")
    List<String> inputs;

    @Override
    public Integer call() {
        if (limit < 1 || top < 1) {
            throw Cli.usage(spec, "--limit and --top must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Classifier m = ModelFile.loadClassifier(model);
        Pipeline shape = m.pipeline();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String input : inputs) {
            Path p = Path.of(input);
            if (Files.isDirectory(p) || input.equals("small") || input.equals("fashion-mnist")) {
                // folder images are scaled and converted to the model's shape, as single files are
                Classifier.Classified c;
                ImageSet images;
                ImageData dataset;
                try (BatchEngine engine = BatchEngine.allCores()) {
                    dataset = Cli.openData(input, ImageFolders.Options.DEFAULT.sized(shape.height(),
                            shape.width(), shape.channels()), err, common.json, engine);
                    images = dataset.test().head(limit);
                    if (!images.classNames().equals(m.classNames())) {
                        throw new SlopeException(input + " has the classes " + images.classNames() + " but the model"
                                + " knows " + m.classNames() + "; give a dataset with the model's classes, or single"
                                + " image files");
                    }
                    c = m.classify(m.pipeline().apply(images, DatasetInfo.unhashed(dataset), "test split", engine),
                            engine);
                }
                for (int i = 0; i < images.size(); i++) {
                    Map<String, Object> row = row(m, c, i);
                    row.put("input", dataset.source() + "#test[" + i + "]");
                    row.put("true_class", m.classNames().get(images.label(i)));
                    rows.add(row);
                }
            } else if (Files.isRegularFile(p)) {
                Classifier.Classified c = new Slope.Predictor(m).classify(List.of(p));
                Map<String, Object> row = row(m, c, 0);
                row.put("input", input);
                rows.add(row);
            } else {
                throw new SlopeException(input + ": no such file or folder; give image files or a dataset folder");
            }
        }
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model.toString());
            json.put("output", plural(m));
            json.put("classes", m.classNames());
            json.put("predictions", rows);
            Cli.printJson(out, json);
            return 0;
        }
        String kind = m.outputName();
        for (Map<String, Object> row : rows) {
            out.printf(Locale.ROOT, "%s: %s%s%n", row.get("input"), row.get("class"),
                    row.containsKey("true_class") ? "   (true: " + row.get("true_class") + ")" : "");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> values = (List<Map<String, Object>>) row.get(plural(m));
            String key = kind.replace(' ', '_');
            values.stream().sorted((a, b) -> Double.compare((double) b.get(key), (double) a.get(key))).limit(top)
                    .forEach(v -> out.printf(Locale.ROOT, "    %-14s %s %.4f%n", v.get("name"), kind, (double) v.get(key)));
        }
        out.flush();
        return 0;
    }

    /** "probabilities", "scores", "vote_shares": the JSON key of a classifier's outputs. */
    private static String plural(Classifier m) {
        return switch (m.outputName()) {
            case "probability" -> "probabilities";
            case "score" -> "scores";
            default -> m.outputName().replace(' ', '_') + "s";
        };
    }

    private static Map<String, Object> row(Classifier m, Classifier.Classified result, int i) {
        int classes = m.classCount();
        int best = result.predicted()[i];
        float[] outputs = result.outputs();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("class", m.classNames().get(best));
        row.put("label", best);
        String key = m.outputName().replace(' ', '_');
        List<Map<String, Object>> list = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", m.classNames().get(c));
            v.put("label", c);
            v.put(key, Cli.round(outputs[i * classes + c], 6));
            list.add(v);
        }
        row.put(plural(m), list);
        return row;
    }
}
