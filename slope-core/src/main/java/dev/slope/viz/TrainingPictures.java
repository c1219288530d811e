package dev.slope.viz;

import dev.slope.eval.Evaluation;
import dev.slope.model.LinearModel;
import dev.slope.objective.FusedPass;
import dev.slope.objective.LossLandscape;
import dev.slope.objective.Objective;
import dev.slope.optimize.History;
import dev.slope.optimize.TrainingListener.EpochReport;
import dev.slope.preprocess.Dataset;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every picture of a finished run, by file name. */
public final class TrainingPictures {
    /** Images of the training split the loss landscape is measured on. */
    static final int LANDSCAPE_IMAGES = 2000;

    private TrainingPictures() {
    }

    /** Loss per step (total and data part), log scale. */
    public static BufferedImage lossCurve(History h) {
        double[] total = h.stepLosses();
        double[] pen = h.stepPenalties();
        double[] data = new double[total.length];
        for (int i = 0; i < total.length; i++) {
            data[i] = total[i] - pen[i];
        }
        return LineChart.render("Training loss per step (batch loss before each update)", "step", "loss",
                List.of(LineChart.ofSteps("loss (data + reg)", total), LineChart.ofSteps("data loss", data)), false);
    }

    /** Train and validation accuracy per epoch. */
    public static BufferedImage accuracyCurves(History h) {
        List<EpochReport> e = h.epochs();
        double[] x = new double[e.size()];
        double[] tr = new double[e.size()];
        double[] va = new double[e.size()];
        for (int i = 0; i < e.size(); i++) {
            x[i] = e.get(i).epoch();
            tr[i] = 100 * e.get(i).trainAccuracy();
            va[i] = 100 * e.get(i).validationAccuracy();
        }
        List<LineChart.Series> s = new ArrayList<>();
        s.add(new LineChart.Series("train", x, tr));
        if (e.stream().noneMatch(r -> Double.isNaN(r.validationAccuracy()))) {
            s.add(new LineChart.Series("validation", x, va));
        }
        return LineChart.render("Accuracy per epoch", "epoch", "accuracy (%)", s, false);
    }

    public static BufferedImage confusion(Evaluation ev) {
        int c = ev.classNames().size();
        double[][] v = new double[c][c];
        for (int r = 0; r < c; r++) {
            for (int k = 0; k < c; k++) {
                v[r][k] = ev.confusion()[r][k];
            }
        }
        return Heatmap.render(String.format(Locale.ROOT, "Confusion matrix (accuracy %.2f%%)", 100 * ev.accuracy()),
                "true class", "predicted class", v, ev.classNames(), ev.classNames(), true, "%.0f");
    }

    public static BufferedImage landscape1d(LossLandscape.Line line, String loss) {
        return LineChart.render("Loss along a random direction around the trained W (" + loss + ")",
                "step along the direction (1 = the length of W)", "loss",
                List.of(new LineChart.Series(loss, line.alphas(), line.losses())), false);
    }

    public static BufferedImage landscape2d(LossLandscape.Surface s, String loss) {
        List<String> labels = new ArrayList<>();
        for (double a : s.alphas()) {
            labels.add(String.format(Locale.ROOT, "%.2f", a));
        }
        return Heatmap.render("Loss over two random directions around the trained W (" + loss + ")", "direction 1",
                "direction 2", s.losses(), labels, labels, false, "%.3g");
    }

    /**
     * Renders every picture of a run.
     *
     * @param train the training rows (the landscape uses the first {@value #LANDSCAPE_IMAGES})
     * @param test  the evaluation the confusion matrix shows
     */
    public static Map<String, BufferedImage> all(LinearModel model, History history, Evaluation test, Objective objective,
                                                 Dataset train, FusedPass pass, long seed) {
        Map<String, BufferedImage> out = new LinkedHashMap<>();
        out.put("loss.png", lossCurve(history));
        out.put("accuracy.png", accuracyCurves(history));
        out.put("templates.png", WeightTemplates.render(model));
        out.put("confusion.png", confusion(test));
        Dataset some = train.head(LANDSCAPE_IMAGES);
        var rows = some.rows();
        int[] y = some.labelArray();
        String loss = model.loss().name();
        out.put("landscape-1d.png", landscape1d(LossLandscape.line(objective, pass, model.parameters(), rows, y, 1.0, 41, seed),
                loss));
        out.put("landscape-2d.png", landscape2d(LossLandscape.surface(objective, pass, model.parameters(), rows, y, 1.0, 21,
                seed + 1), loss));
        return out;
    }

    /** Writes pictures into a folder; returns the files written. */
    public static List<Path> write(Map<String, BufferedImage> pictures, Path dir) {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, BufferedImage> e : pictures.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Png.write(e.getValue(), f);
            written.add(f);
        }
        return written;
    }
}
