package dev.slope.cli;

import dev.slope.io.ScoresCsv;
import dev.slope.loss.LectureExample;
import dev.slope.loss.Loss;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import java.io.PrintWriter;
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
import picocli.CommandLine.Spec;

/** {@code slope loss}: the loss of given scores, example by example, and its gradient. */
@Command(name = "loss", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Compute a loss for given class scores: per example, the mean, and dL/ds.", "",
            "SVM (Weston-Watkins):  L_i = sum_{j != y_i} max(0, s_j - s_{y_i} + margin)",
            "softmax:               L_i = -ln( e^{s_{y_i}} / sum_j e^{s_j} )   (natural log)",
            "The mean L = (1/N) sum_i L_i; the gradient printed is that of the mean.", ""},
        footer = {"", "Files: --scores is CSV, one example per line, one score per class (an optional header line"
                + " of class names); --labels holds one integer class per line.", "",
            "Examples:", "  slope loss --example                      # the lecture's cat / car / frog scores",
            "  slope loss --example --loss softmax --gradient",
            "  slope loss --loss svm --scores scores.csv --labels labels.txt --json"})
final class LossCommand implements Callable<Integer>, SettingsCommand {
    /** The loss and its own settings; the SVM first, as in the lecture's example. */
    final SettingsOptions settings = SettingsOptions.of(List.of(Settings.LOSS, Settings.MARGIN, Settings.SQUARED_HINGE))
            .withDefault(Settings.LOSS, "svm");

    @Override
    public SettingsOptions settings() {
        return settings;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--scores", paramLabel = "FILE", description = "Scores, CSV (N lines x C columns).")
    Path scores;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels, one integer per line (N lines).")
    Path labels;

    @Option(names = "--gradient", description = "Also print dL/ds, the gradient of the mean loss w.r.t. every score.")
    boolean gradient;

    @Option(names = "--example", description = "Use the lecture's worked example instead of files.")
    boolean example;

    @Override
    public Integer call() {
        TrainConfig config = settings.config(spec);
        Loss l = config.objective().loss();
        double margin = config.get(Settings.MARGIN);
        boolean squaredHinge = config.get(Settings.SQUARED_HINGE);
        double[] s;
        int[] y;
        int classes;
        List<String> names;
        if (example) {
            if (scores != null || labels != null) {
                throw Cli.usage(spec, "--example uses the lecture's scores; leave out --scores and --labels");
            }
            s = LectureExample.scores();
            y = LectureExample.labels();
            classes = LectureExample.CLASSES.size();
            names = LectureExample.CLASSES;
        } else {
            if (scores == null || labels == null) {
                throw Cli.usage(spec, "give --scores FILE and --labels FILE, or --example");
            }
            ScoresCsv.Scores sc = ScoresCsv.readScores(scores);
            s = sc.values();
            classes = sc.cols();
            y = ScoresCsv.readLabels(labels, classes);
            if (y.length != sc.rows()) {
                throw new dev.slope.data.DataFormatException(labels, -1, "holds " + y.length + " labels but " + scores
                        + " holds " + sc.rows() + " examples; give one label per line of scores");
            }
            names = sc.header().size() == classes ? sc.header() : null;
        }
        double[] ds = gradient ? new double[s.length] : null;
        double[] per = l.perExample(s, y, classes);
        double mean = l.mean(s, y, classes, ds);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("loss", l.name());
            json.put("losses", per);
            json.put("mean", mean);
            if (gradient) {
                List<double[]> rows = new ArrayList<>();
                for (int i = 0; i < y.length; i++) {
                    rows.add(java.util.Arrays.copyOfRange(ds, i * classes, (i + 1) * classes));
                }
                json.put("gradient", rows);
            }
            Cli.printJson(out, json);
            return 0;
        }
        String title = switch (l.name()) {
            case "svm" -> "Multiclass SVM (Weston-Watkins, margin " + margin + (squaredHinge ? ", squared hinge" : "") + ")";
            case "ova" -> "One-vs-all SVM (margin " + margin + ")";
            case "structured" -> "Structured SVM (Crammer-Singer, margin " + margin + ")";
            default -> "Softmax cross-entropy (natural log)";
        };
        out.printf(Locale.ROOT, "%s loss%s%n", title, example ? " on the lecture's example" : "");
        for (int i = 0; i < y.length; i++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < classes; c++) {
                row.append(String.format(Locale.ROOT, "%8.3f", s[i * classes + c]));
            }
            String label = names == null ? Integer.toString(y[i]) : names.get(y[i]);
            out.printf(Locale.ROOT, "  example %d  scores%s  true %-6s  loss %.6f%n", i, row, label, per[i]);
            if (gradient) {
                StringBuilder g = new StringBuilder();
                for (int c = 0; c < classes; c++) {
                    g.append(String.format(Locale.ROOT, "%8.4f", ds[i * classes + c]));
                }
                out.printf(Locale.ROOT, "             dL/ds %s%n", g);
            }
        }
        out.printf(Locale.ROOT, "  mean loss %.6f over %d examples%n", mean, y.length);
        out.flush();
        return 0;
    }
}
