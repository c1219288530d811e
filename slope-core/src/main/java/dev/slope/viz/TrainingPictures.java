package dev.slope.viz;

import dev.slope.eval.Evaluation;
import dev.slope.model.LinearModel;
import dev.slope.objective.FusedPass;
import dev.slope.objective.LossLandscape;
import dev.slope.objective.Objective;
import dev.slope.optimize.GradientTrainer;
import dev.slope.learn.History;
import dev.slope.learn.TrainingListener.EpochReport;
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

    /**
     * The loss against epochs: each step's data loss (thin, at the start of its step), its mean per epoch (bold,
     * in the middle of the epoch), and
     * the regularization penalty λR(W) (dashed), which would hide under the total if both were drawn.
     */
    public static BufferedImage lossCurve(History h) {
        double[] total = h.stepLosses();
        double[] pen = h.stepPenalties();
        int[] epochOf = h.stepEpochs();
        int n = total.length;
        double[] x = new double[n];
        double[] data = new double[n];
        for (int i = 0, start = 0; i < n; i++) {
            if (i > 0 && epochOf[i] != epochOf[i - 1]) {
                start = i;
            }
            int end = start;
            while (end < n && epochOf[end] == epochOf[start]) {
                end++;
            }
            x[i] = epochOf[i] - 1 + (double) (i - start) / (end - start);
            data[i] = total[i] - pen[i];
        }
        List<EpochReport> epochs = h.epochs();
        double[] ex = new double[epochs.size()];
        double[] mean = new double[epochs.size()];
        for (int e = 0; e < epochs.size(); e++) {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (epochOf[i] == e + 1) {
                    sum += data[i];
                    count++;
                }
            }
            ex[e] = e + 0.5;
            mean[e] = count == 0 ? Double.NaN : sum / count;
        }
        List<LineChart.Series> s = new ArrayList<>();
        s.add(new LineChart.Series("data loss per step", x, data, LineChart.Style.THIN));
        s.add(new LineChart.Series("mean data loss per epoch", ex, mean, LineChart.Style.LINE));
        s.add(new LineChart.Series("regularization λ·R(W)", x, pen, LineChart.Style.DASHED));
        return LineChart.render("Training loss (batch loss before each update)", "epoch", "loss", s, false, true);
    }

    /** Train and validation accuracy per epoch, and the saved model's test accuracy at the epoch it holds. */
    public static BufferedImage accuracyCurves(History h, double testAccuracy, int keptEpoch) {
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
        if (!Double.isNaN(testAccuracy)) {
            s.add(new LineChart.Series(String.format(Locale.ROOT, "test: %.2f%% (the saved model)", 100 * testAccuracy),
                    new double[] {keptEpoch}, new double[] {100 * testAccuracy}, LineChart.Style.POINTS));
        }
        return LineChart.render("Accuracy per epoch", "epoch", "accuracy (%)", s, false, true);
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
                "true class", "predicted class", v, ev.classNames(), ev.classNames(), true, "%.0f", false);
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
                "direction 2", s.losses(), labels, labels, false, "%.3g", true);
    }

    /**
     * Renders every picture of a run.
     *
     * @param train the training rows (the landscape uses the first {@value #LANDSCAPE_IMAGES})
     * @param test  the evaluation the confusion matrix shows
     */
    public static Map<String, BufferedImage> all(GradientTrainer.Result result, Evaluation test, Objective objective,
                                                 Dataset train, dev.slope.linalg.BatchEngine engine,
                                                 long seed) {
        LinearModel model = result.model();
        Map<String, BufferedImage> out = new LinkedHashMap<>();
        out.put("loss.png", lossCurve(result.history()));
        out.put("accuracy.png", accuracyCurves(result.history(), test.accuracy(), result.bestEpoch()));
        out.put("templates.png", WeightTemplates.render(model));
        out.put("confusion.png", confusion(test));
        Dataset some = train.head(LANDSCAPE_IMAGES);
        FusedPass pass = new FusedPass(engine, some);
        String loss = model.loss().name();
        out.put("landscape-1d.png", landscape1d(LossLandscape.line(objective, pass, model.parameters(), 1.0, 41, seed),
                loss));
        out.put("landscape-2d.png", landscape2d(LossLandscape.surface(objective, pass, model.parameters(), 1.0, 21,
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
