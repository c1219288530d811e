package dev.slope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.data.ImageData;
import dev.slope.eval.Evaluation;
import dev.slope.runfiles.HistoryFiles;
import dev.slope.model.LinearModel;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.optimize.GradientTrainer;
import dev.slope.preprocess.Splits;
import dev.slope.TestRuns;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PicturesTest {
    static ImageData data;
    static GradientTrainer.Result result;
    static Splits split;
    static Evaluation test;
    static final TrainConfig CONFIG = TrainConfig.builder().set(Settings.EPOCHS, 2).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        data = TestRuns.shipped();
        split = Splits.prepare(TestRuns.source(data.train().head(3000)), data.train().head(3000), data.test(), CONFIG.pipelineSpec(), CONFIG.valFraction(),
                CONFIG.seed());
        result = new GradientTrainer(CONFIG, TestRuns.ENGINE).train(split.train(), split.validation());
        test = Evaluation.of(result.model(), split.test(), TestRuns.ENGINE);
    }

    /** Distinct colours in a rectangle of the image. */
    static int colours(BufferedImage img, int x0, int y0, int w, int h) {
        Set<Integer> seen = new HashSet<>();
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void templatesHaveOneNonConstantTilePerClass() {
        LinearModel m = result.model();
        BufferedImage img = WeightTemplates.render(m);
        int scale = (WeightTemplates.MIN_TILE + 27) / 28;
        int tile = 28 * scale;
        // 10 classes: 2 rows of 5 tiles, 10 px padding, 20 px for the name
        assertEquals(10 + 5 * (tile + 10), img.getWidth());
        assertEquals(10 + 2 * (tile + 20 + 10), img.getHeight());
        for (int c = 0; c < 10; c++) {
            int x0 = 10 + (c % 5) * (tile + 10);
            int y0 = 10 + (c / 5) * (tile + 30);
            assertTrue(colours(img, x0, y0, tile, tile) > 50, "tile " + c + " shows a template, not a flat square");
        }
    }

    @Test
    void colourInputsGiveColourTemplates() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int p = 32 * 32 * 3;
        dev.slope.preprocess.Preprocessing pre = new dev.slope.preprocess.Preprocessing(1f / 255, new float[0], true, p);
        dev.slope.model.Parameters params = dev.slope.model.Parameters.zeros(10, p + 1, false, true);
        for (int k = 0; k < params.w().length; k++) {
            params.w()[k] = (float) r.nextDouble();
        }
        List<String> names = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
        LinearModel m = new LinearModel(names, new dev.slope.preprocess.Pipeline(32, 32, 3, pre), params, new dev.slope.loss.MulticlassSvm(),
                dev.slope.model.Provenance.ofSettings(Map.of("loss", "svm")));
        BufferedImage img = WeightTemplates.render(m);
        int scale = (WeightTemplates.MIN_TILE + 31) / 32;
        assertEquals(10 + 5 * (32 * scale + 10), img.getWidth());
        int rgb = img.getRGB(10 + 5, 10 + 5);
        int red = (rgb >> 16) & 0xFF;
        int green = (rgb >> 8) & 0xFF;
        int blue = rgb & 0xFF;
        assertTrue(red != green || green != blue, "a colour pixel, not grey");
    }

    @Test
    void everyPictureIsWrittenAndDrawn() throws IOException {
        Map<String, BufferedImage> pics = TrainingPictures.all(result, test,
                CONFIG.objective(), split.train(), TestRuns.ENGINE, 1);
        assertEquals(Set.of("loss.png", "accuracy.png", "templates.png", "confusion.png", "landscape-1d.png",
                "landscape-2d.png"), pics.keySet());
        List<Path> files = TrainingPictures.write(pics, dir);
        for (Path f : files) {
            BufferedImage back = ImageIO.read(f.toFile());
            assertTrue(back.getWidth() >= 300 && back.getHeight() >= 200, f.toString());
            assertTrue(colours(back, 0, 0, back.getWidth(), back.getHeight()) > 10, f + " is not blank");
        }
    }

    @Test
    void theConfusionHeatmapHasOneCellPerPair() {
        double[][] v = {{5, 1}, {0, 7}};
        BufferedImage img = Heatmap.render("t", "true", "predicted", v, List.of("a", "b"), List.of("a", "b"), true, "%.0f",
                false);
        assertTrue(img.getWidth() > 2 * 18 && img.getHeight() > 2 * 18);
        assertTrue(Heatmap.ramp(1).getBlue() < Heatmap.ramp(0).getBlue());
    }

    /** The circles picture: two panels, both classes drawn in their palette colours in each. */
    @Test
    void theCirclesPictureShowsBothClassesTwice() {
        BufferedImage img = CirclesPicture.render(dev.slope.preprocess.ConcentricCircles.generate(200, 1));
        assertEquals(1800, img.getWidth());
        for (int half = 0; half < 2; half++) {
            boolean blue = false;
            boolean orange = false;
            for (int x = half * 900; x < half * 900 + 700; x++) {
                for (int y = 0; y < img.getHeight(); y++) {
                    int rgb = img.getRGB(x, y) & 0xFFFFFF;
                    blue |= rgb == LineChart.PALETTE[0].getRGB() - 0xFF000000;
                    orange |= rgb == LineChart.PALETTE[1].getRGB() - 0xFF000000;
                }
            }
            assertTrue(blue && orange, "panel " + half + " draws both classes");
        }
    }

    /** A search over a learning rate grows upwards like a y axis; a confusion matrix reads top-down. */
    @Test
    void rowsGrowUpwardsWhenAsked() {
        double[][] v = {{0}, {1}};
        BufferedImage up = Heatmap.render("t", "lr", "reg", v, List.of("low", "high"), List.of("x"), false, "%.0f", true);
        BufferedImage down = Heatmap.render("t", "lr", "reg", v, List.of("low", "high"), List.of("x"), false, "%.0f", false);
        // along the column of cells: drawn upwards, the row of value 1 (row 1) is above the row of value 0
        int cellDark = -1;
        int cellLight = -1;
        for (int y = 0; y < up.getHeight(); y++) {
            int rgb = up.getRGB(leftCellX(up), y);
            if (cellDark < 0 && rgb == Heatmap.ramp(1).getRGB()) {
                cellDark = y;
            }
            if (cellLight < 0 && rgb == Heatmap.ramp(0).getRGB()) {
                cellLight = y;
            }
        }
        assertTrue(cellDark >= 0 && cellLight > cellDark, "upwards: the high row on top (" + cellDark + ", " + cellLight + ")");
        int downDark = -1;
        int downLight = -1;
        for (int y = 0; y < down.getHeight(); y++) {
            int rgb = down.getRGB(leftCellX(down), y);
            if (downDark < 0 && rgb == Heatmap.ramp(1).getRGB()) {
                downDark = y;
            }
            if (downLight < 0 && rgb == Heatmap.ramp(0).getRGB()) {
                downLight = y;
            }
        }
        assertTrue(downLight >= 0 && downDark > downLight, "downwards: row 0 on top");
    }

    /** An x inside the single column of cells: the first column from the left that has a fully dark pixel. */
    static int leftCellX(BufferedImage img) {
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if (img.getRGB(x, y) == Heatmap.ramp(1).getRGB()) {
                    return x + 2;
                }
            }
        }
        return 0;
    }

    @Test
    void historyFilesHaveARowPerStepAndEpoch() throws IOException {
        HistoryFiles.write(result.history(), CONFIG.toJson(), dir);
        List<String> steps = Files.readAllLines(dir.resolve("steps.csv"));
        assertEquals(result.history().steps() + 1, steps.size());
        assertEquals("step,epoch,loss,data_loss,reg_loss,grad_norm,lr", steps.get(0));
        assertTrue(steps.get(1).startsWith("0,1,"));
        List<String> epochs = Files.readAllLines(dir.resolve("epochs.csv"));
        assertEquals(3, epochs.size());
        String json = Files.readString(dir.resolve("history.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"grad_norm\"") && json.contains("\"val_accuracy\""));
    }

    @Test
    void aReportInlinesThePictures() throws IOException {
        TrainingPictures.write(Map.of("loss.png", TrainingPictures.lossCurve(result.history())), dir);
        Files.writeString(dir.resolve("run.json"), "{\"test_accuracy\": 0.8, \"val_accuracy\": 0.81234, \"epochs_run\": 1,"
                + " \"dataset\": \"tiny\", \"created\": \"2026-01-02T03:04:05Z\", \"seconds\": 2.5,"
                + " \"config\": {\"loss\": \"softmax\", \"lr\": 0.3, \"reg\": 1e-4, \"momentum\": 0.5}}");
        String html = Files.readString(RunReport.write(dir));
        assertTrue(html.contains("data:image/png;base64,"));
        assertTrue(html.contains("<title>Slope run: softmax on tiny</title>"), html);
        assertTrue(html.contains("2026-01-02 03:04:05 UTC"), html);
        assertTrue(html.contains("Test accuracy <b>80.00%</b> (validation 81.23%"), html);
        assertTrue(html.contains("after 1 epoch of sgd"), html);
        assertTrue(html.contains("<th>lr</th><td>0.3</td>") && html.contains("<th>reg</th><td>1e-4</td>"), html);
        assertTrue(!html.contains("<th>momentum</th>") && !html.contains("<th>margin</th>"),
                "settings that do not apply to SGD with softmax are left out");
        assertTrue(html.indexOf("<img") < html.indexOf("<h2>Settings"), "the pictures come before the tables");
        assertTrue(RunReport.escape("<a&b>").equals("&lt;a&amp;b&gt;"));
    }
}
