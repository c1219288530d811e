package dev.slope.cli;

import dev.slope.io.ModelFile;
import dev.slope.io.OnnxExport;
import dev.slope.io.Outputs;
import dev.slope.model.Classifier;
import dev.slope.model.LinearModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slope export}: a saved model in a format other tools run (ONNX). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Write a saved model as ONNX, for ONNX Runtime (Java, Python, C#, the browser) and the tools that"
                + " read ONNX.", "",
            "The graph takes raw images as the files hold them (input 'image': uint8, N x H x W x C) and holds the"
                + " model's preprocessing (pixel scale, mean image, bias); its outputs are 'label' (int64) and"
                + " 'probabilities' (softmax models) or 'scores' (SVM models). Opset 17. The model's provenance (Slope"
                + " version, settings, dataset, classes) goes into the ONNX metadata. Models on computed features"
                + " (hog, hist, bow) and kNN models cannot be written as ONNX; the command says so.", ""},
        footer = {"", "Examples:", "  slope export --model model.slope                  # writes model.onnx beside it",
            "  slope export --model svm.slope --out /tmp/svm.onnx --json"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file from slope train.")
    Path model;

    @Option(names = "--format", paramLabel = "onnx", description = "The format to write (ONNX is the one there is).")
    String format = "onnx";

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: the model's name with"
            + " .onnx, beside it).")
    Path out;

    @Override
    public Integer call() {
        if (!format.equals("onnx")) {
            throw Cli.usage(spec, "--format '" + format + "' is not one Slope writes; give --format onnx");
        }
        Path target = out != null ? out : sibling(model);
        Outputs.requireWritableFile(target, "--out");
        Classifier m = ModelFile.loadClassifier(model);
        OnnxExport.save(m, target);
        LinearModel linear = (LinearModel) m;
        String output = linear.hasProbabilities() ? "probabilities" : "scores";
        long bytes;
        try {
            bytes = Files.size(target);
        } catch (java.io.IOException e) {
            bytes = -1;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model.toString());
            json.put("format", "onnx");
            json.put("out", target.toAbsolutePath().normalize().toString());
            json.put("bytes", bytes);
            json.put("opset", OnnxExport.OPSET);
            json.put("input", Map.of("name", "image", "type", "uint8", "shape",
                    List.of("N", linear.height(), linear.width(), linear.channels())));
            json.put("outputs", List.of("label", output));
            json.put("classes", linear.classNames());
            Cli.printJson(stdout, json);
        } else {
            stdout.printf("Wrote %s (%d bytes, ONNX opset %d)%n", target.toAbsolutePath().normalize(), bytes,
                    OnnxExport.OPSET);
            stdout.printf("  input   image: uint8 N x %d x %d x %d (raw pixels)%n", linear.height(), linear.width(),
                    linear.channels());
            stdout.printf("  outputs label: int64 N; %s: float N x %d%n", output, linear.classCount());
        }
        stdout.flush();
        return 0;
    }

    /** model.slope -> model.onnx, beside it. */
    static Path sibling(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".onnx");
    }
}
