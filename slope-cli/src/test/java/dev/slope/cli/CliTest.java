package dev.slope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slope.optimize.Setting;
import dev.slope.optimize.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slope command in-process: help, output formats, exit codes and error messages. */
class CliTest {
    @TempDir
    static Path dir;

    record Run(int code, String out, String err) {
        JsonObject json() {
            return JsonParser.parseString(out).getAsJsonObject();
        }
    }

    static Run slope(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void home() {
        System.setProperty("slope.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    @Test
    void helpListsEveryCommandAndEachCommandHasAnExample() {
        Run r = slope("--help");
        assertEquals(0, r.code());
        for (String cmd : List.of("train", "evaluate", "predict", "export", "loss", "features", "knn", "gradcheck", "compare", "sanity",
                "search", "report")) {
            assertTrue(r.out().contains(cmd), cmd);
            java.io.PrintStream realErr = System.err;
            java.io.ByteArrayOutputStream tracer = new java.io.ByteArrayOutputStream();
            Run h;
            try {
                // picocli reports a malformed description (an unescaped %) on System.err
                System.setErr(new java.io.PrintStream(tracer, true, java.nio.charset.StandardCharsets.UTF_8));
                h = slope(cmd, "--help");
            } finally {
                System.setErr(realErr);
            }
            assertEquals("", tracer.toString(java.nio.charset.StandardCharsets.UTF_8), cmd + " --help renders cleanly");
            assertEquals(0, h.code(), cmd);
            assertTrue(h.out().contains("Example"), cmd + " --help has an example");
            assertTrue(h.out().contains("--json"), cmd + " --help lists --json");
        }
    }

    /**
     * Every setting of the table with a value, given a bad one on the command line: a usage error (exit 2) naming the
     * flag. (Boolean settings take no value here: {@code --mean-image} / {@code --no-mean-image}.)
     */
    @Test
    void everyBadSettingIsNamedByItsFlag() {
        int asked = 0;
        for (Setting<?> s : Settings.all()) {
            if (s.isBoolean()) {
                continue;
            }
            String flag = "--" + s.name().replace('_', '-');
            for (String bad : dev.slope.BadValues.of(s)) {
                Run r = slope("train", flag, bad, "--epochs", "1");
                if (s == Settings.EPOCHS) {
                    r = slope("train", flag, bad);
                }
                assertEquals(2, r.code(), s + " '" + bad + "': " + r.err());
                assertTrue(r.err().contains(flag + " ") && r.err().contains(bad), s + " '" + bad + "': " + r.err());
                asked++;
            }
        }
        assertTrue(asked > Settings.all().size(), "a range value too for the numbers: " + asked);
    }

    @Test
    void lossExampleGivesTheLectureNumbers() {
        Run r = slope("loss", "--example", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject j = r.json();
        assertEquals(5.266667, j.get("mean").getAsDouble(), 1e-6);
        assertEquals(12.9, j.getAsJsonArray("losses").get(2).getAsDouble(), 1e-9);
        Run s = slope("loss", "--example", "--loss", "softmax", "--gradient", "--json");
        assertEquals(2.0404, s.json().getAsJsonArray("losses").get(0).getAsDouble(), 5e-5);
        assertEquals(3, s.json().getAsJsonArray("gradient").size());
        Run text = slope("loss", "--example");
        assertTrue(text.out().contains("mean loss 5.266667"), text.out());
    }

    @Test
    void theLectureSectionsGiveTheSlidesNumbers() throws IOException {
        Run list = slope("lecture");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("softmax-vs-svm"), list.out());
        Run svm = slope("lecture", "svm", "--json");
        assertEquals(0, svm.code(), svm.err());
        assertEquals("svm", svm.json().get("section").getAsString());
        assertEquals(5.2667, svm.json().get("mean").getAsDouble(), 1e-4);
        assertEquals(12.9, svm.json().getAsJsonObject("frog").get("loss").getAsDouble(), 1e-9);
        Run softmax = slope("lecture", "softmax", "--json");
        assertEquals(0.0791, softmax.json().getAsJsonObject("car").get("loss").getAsDouble(), 5e-5);
        Run text = slope("lecture", "svm");
        assertTrue(text.out().contains("max(0, 2.2 − (−3.1) + 1)  6.3000"), text.out());
        Path pictures = dir.resolve("lecture-plots");
        Run plotted = slope("lecture", "follow-the-slope", "--plots", pictures.toString(), "--json");
        assertEquals(0, plotted.code(), plotted.err());
        String png = plotted.json().getAsJsonArray("plots").get(0).getAsString();
        assertTrue(png.endsWith("strategy-3-follow-the-slope.png") && Files.size(Path.of(png)) > 1000, png);
        assertTrue(plotted.json().get("test_accuracy").getAsDouble() > 0.75, plotted.out());
        Run bad = slope("lecture", "backprop");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("there is no section 'backprop'"), bad.err());
    }

    @Test
    void lossReadsCsvFilesAndNamesTheirErrors() throws IOException {
        Path scores = Files.writeString(dir.resolve("scores.csv"), "10,-2,3\n10,9,9\n10,100,-100\n");
        Path labels = Files.writeString(dir.resolve("labels.txt"), "0\n0\n0\n");
        Run r = slope("loss", "--loss", "svm", "--scores", scores.toString(), "--labels", labels.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(91, r.json().getAsJsonArray("losses").get(2).getAsDouble(), 1e-9);
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2,3\n4,5\n");
        Run bad = slope("loss", "--scores", ragged.toString(), "--labels", labels.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("ragged.csv") && bad.err().contains("line 2 has 2 columns"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
        Path text = Files.writeString(dir.resolve("text.csv"), "1,2,3\n4,five,6\n");
        bad = slope("loss", "--scores", text.toString(), "--labels", labels.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("line 2, column 2: 'five' is not a number"), bad.err());
        Path few = Files.writeString(dir.resolve("few.txt"), "0\n");
        bad = slope("loss", "--scores", scores.toString(), "--labels", few.toString());
        assertTrue(bad.err().contains("holds 1 labels but") && bad.err().contains("holds 3 examples"), bad.err());
        assertEquals(2, slope("loss").code());
    }

    @Test
    void badFlagsAreUsageErrorsWithOneMessage() {
        String[][] cases = {
            {"train", "--lr", "-1"}, {"train", "--lr", "NaN"}, {"train", "--lr", "Infinity"}, {"train", "--reg", "-0.5"},
            {"train", "--reg", "NaN"}, {"train", "--batch-size", "0"}, {"train", "--batch-size", "many"},
            {"train", "--loss", "hinge"}, {"train", "--reg-type", "l3"}, {"train", "--epochs", "0"}, {"train", "--bogus"},
            {"gradcheck", "--step", "0"}, {"evaluate"},
        };
        for (String[] args : cases) {
            Run r = slope(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("--help"), r.err());
            assertFalse(r.err().contains("at dev.slope"), r.err());
            assertTrue(r.err().lines().count() <= 4, r.err());
        }
        assertTrue(slope("train", "--lr", "-1").err().contains("--lr must be a finite number > 0, got -1.0"));
        assertTrue(slope("train", "--reg-type", "l3").err().contains("none, l2, l1, elasticnet"));
        assertTrue(slope("gradcheck", "--step", "0").err().contains("--step must be a finite number > 0"));
    }

    /** Help reads as prose: one rule for every choice, no capitals, no 2147483647, no "1 epochs", no unknown commands. */
    @Test
    void helpAndChoicesFollowOneRule() {
        Run top = slope("--help");
        List<String> lines = top.out().lines().toList();
        for (String cmd : List.of("train", "evaluate", "predict", "loss", "gradcheck", "compare", "sanity", "search", "report")) {
            int i = 0;
            while (!lines.get(i).trim().startsWith(cmd + " ")) {
                i++;
            }
            StringBuilder summary = new StringBuilder(lines.get(i).trim());
            while (lines.get(i + 1).startsWith("               ")) {
                summary.append(' ').append(lines.get(++i).trim());
            }
            assertTrue(summary.toString().endsWith("."), "the summary of " + cmd + " is a whole sentence: " + summary);
        }
        Run compare = slope("compare", "--help");
        assertFalse(compare.out().contains("2147483647"), compare.out());
        assertTrue(compare.out().contains("full,1,32,64,128,256") && compare.out().contains("Default: evaluations"),
                compare.out());
        assertTrue(slope("gradcheck", "--help").out().contains("Default: centred"));
        for (String h : List.of("train", "compare", "gradcheck", "search", "evaluate")) {
            String help = slope(h, "--help").out();
            assertFalse(help.matches("(?s).*Default: [A-Z]{3,}.*"), h + " prints a default in capitals: " + help);
        }
        // every choice is case-insensitive
        assertEquals(0, slope("loss", "--example", "--loss", "SVM").code());
        assertEquals(0, slope("loss", "--example", "--loss", "Softmax", "--json").code());
        // an unknown command is named, with the nearest one, and is a usage error even with --help
        Run unknown = slope("knnn", "--help");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown command 'knnn'"), unknown.err());
        Run typo = slope("trian");
        assertTrue(typo.err().contains("did you mean 'train'?"), typo.err());
        // singular when one
        assertEquals("1 epoch", new dev.slope.optimize.Budget(1, dev.slope.optimize.Budget.Unit.EPOCHS).toString());
        assertEquals("1 epoch", Cli.count(1, "epoch"));
        assertEquals("20 epochs", Cli.count(20, "epoch"));
    }

    /** A folder of class folders of PNGs trains like any dataset, and predict reads its raw images. */
    @Test
    void imageFoldersTrainAndPredict() throws IOException {
        Path folders = dir.resolve("folders");
        var test = dev.slope.data.Datasets.open(dev.slope.data.Datasets.resolve("small", Path.of(".."))).test();
        List<String> names = test.classNames();
        for (int i = 0; i < 400; i++) {
            String cls = names.get(test.label(i)).replace('/', '-');
            Path f = folders.resolve(cls).resolve(i + ".png");
            Files.createDirectories(f.getParent());
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(28, 28,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setDataElements(0, 0, 28, 28, java.util.Arrays.copyOfRange(test.pixelBuffer(), i * 784,
                    (i + 1) * 784));
            javax.imageio.ImageIO.write(img, "png", f.toFile());
        }
        Files.writeString(folders.resolve("Bag").resolve("README.txt"), "not an image");
        Path model = dir.resolve("folders.slope");
        Run t = slope("train", "--data", folders.toString(), "--epochs", "5", "--out", model.toString(), "--json", "--quiet");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("skipped") && t.err().contains("README.txt") && t.err().contains("1 file skipped"),
                t.err());
        assertTrue(t.json().get("test_accuracy").getAsDouble() > 0.5, t.out());
        Path one = folders.resolve("Trouser").resolve(Files.list(folders.resolve("Trouser")).findFirst().orElseThrow()
                .getFileName());
        Run p = slope("predict", "--model", model.toString(), one.toString(), "--json");
        assertEquals(0, p.code(), p.err());
        // a model on features reads raw image files (its pipeline is in the file); long work shows its progress
        System.setProperty("slope.progress", "always");
        try {
            Path features = dir.resolve("folders-hog.slope");
            Run f = slope("train", "--data", folders.toString(), "--features", "hog,pixels", "--hog-cell", "7", "--epochs",
                    "3", "--out", features.toString(), "--json");
            assertEquals(0, f.code(), f.err());
            assertTrue(f.err().contains("Reading images: 401 of 401 images in "), f.err());
            assertTrue(f.err().contains("Computing hog,pixels features: "), f.err());
            Run fp = slope("predict", "--model", features.toString(), one.toString(), "--json");
            assertEquals(0, fp.code(), fp.err());
            assertEquals(1, fp.json().getAsJsonArray("predictions").size());
        } finally {
            System.clearProperty("slope.progress");
        }
        // grey images read in colour on request: three channels each
        Run colour = slope("features", "--data", folders.toString(), "--colour", "colour", "--features", "pixels", "--limit",
                "2", "--out", dir.resolve("colour.csv").toString(), "--json");
        assertEquals(0, colour.code(), colour.err());
        assertEquals(28 * 28 * 3, colour.json().get("dim").getAsInt());
        assertEquals(2, slope("features", "--data", folders.toString(), "--colour", "sepia").code());
        Run quiet = slope("train", "--data", folders.toString(), "--epochs", "1", "--out", dir.resolve("q.slope").toString(),
                "--quiet");
        assertFalse(quiet.err().contains("Reading images"), quiet.err());
        Run folder = slope("predict", "--model", model.toString(), folders.toString(), "--limit", "3", "--json");
        assertEquals(0, folder.code(), folder.err());
        assertEquals(3, folder.json().getAsJsonArray("predictions").size());
        Run otherNames = slope("predict", "--model", model.toString(), "small", "--limit", "3");
        assertEquals(1, otherNames.code());
        assertTrue(otherNames.err().contains("has the classes") && otherNames.err().contains("T-shirt/top"),
                otherNames.err());
        for (String size : List.of("0x0", "28x28x3", "28")) {
            Run bad = slope("train", "--data", folders.toString(), "--image-size", size, "--out", model.toString());
            assertEquals(2, bad.code(), size + ": " + bad.err());
            assertTrue(bad.err().contains("--image-size"), bad.err());
        }
        Run strict = slope("train", "--data", folders.toString(), "--on-bad-image", "fail", "--out", model.toString());
        assertEquals(1, strict.code());
        assertTrue(strict.err().contains("README.txt") && strict.err().contains("not an image file"), strict.err());
        // a checkpoint keeps how the folders were read and early stopping's state: the run resumed after epoch 2 reads
        // the images at 20x20 in colour again and ends with the uninterrupted run's weights
        Path ck = dir.resolve("folders-ck");
        Path whole = dir.resolve("folders-ck.slope");
        Run first = slope("train", "--data", folders.toString(), "--image-size", "20x20", "--colour", "colour",
                "--patience", "5", "--epochs", "3", "--checkpoint", ck.toString(), "--out", whole.toString(), "--quiet");
        assertEquals(0, first.code(), first.err());
        float[] straight = dev.slope.io.ModelFile.load(whole).parameters().w();
        Run resumed = slope("train", "--resume", ck.toString(), "--json", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        dev.slope.model.LinearModel again = dev.slope.io.ModelFile.load(whole);
        assertEquals(List.of(20, 20, 3), List.of(again.height(), again.width(), again.channels()));
        org.junit.jupiter.api.Assertions.assertArrayEquals(straight, again.parameters().w());
    }

    /** Checkpoint flags that cannot go together are refused before any work, each with its flag named. */
    @Test
    void checkpointFlagsThatDoNotGoTogetherAreRefused() {
        String ck = dir.resolve("ck").toString();
        Run every = slope("train", "--checkpoint-every", "2");
        assertEquals(2, every.code());
        assertTrue(every.err().contains("--checkpoint-every needs --checkpoint DIR"), every.err());
        Run resume = slope("train", "--resume", ck, "--epochs", "3");
        assertEquals(2, resume.code());
        assertTrue(resume.err().contains("--epochs does not go with --resume"), resume.err());
        assertFalse(Files.exists(dir.resolve("ck")));
    }

    /** slope knn scores each k on the test images, or by cross-validation, and names a bad k. */
    @Test
    void knnScoresEachK() {
        Run r = slope("knn", "--k", "1,5", "--limit", "1500", "--json");
        assertEquals(0, r.code(), r.err());
        var results = r.json().getAsJsonArray("results");
        assertEquals(2, results.size());
        assertEquals(5, results.get(1).getAsJsonObject().get("k").getAsInt());
        assertEquals("l2", results.get(1).getAsJsonObject().get("distance").getAsString());
        assertTrue(results.get(0).getAsJsonObject().get("test_accuracy").getAsDouble() > 0.7, r.out());
        assertEquals(1500, r.json().get("train_count").getAsInt());
        assertEquals(1500, r.json().get("test_count").getAsInt(), "--limit cuts both sets");
        assertTrue(r.json().get("seconds").getAsDouble() > 0, r.out());
        Run cv = slope("knn", "--k", "1,3", "--cv", "3", "--limit", "900", "--distance", "l1", "--json", "--plots",
                dir.resolve("knn").toString());
        assertEquals(0, cv.code(), cv.err());
        assertTrue(Files.isRegularFile(dir.resolve("knn/knn.png")));
        assertTrue(cv.json().getAsJsonArray("results").get(0).getAsJsonObject().has("cv_accuracy"));
        Path knnModel = dir.resolve("knn.slope");
        Run saved = slope("knn", "--k", "5", "--limit", "1500", "--out", knnModel.toString(), "--json");
        assertEquals(0, saved.code(), saved.err());
        Run ev = slope("evaluate", "--model", knnModel.toString(), "--json");
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.json().get("accuracy").getAsDouble() > 0.7, "the saved 5-NN model on all 2000 test images: " + ev.out());
        assertEquals(knnModel.toAbsolutePath().normalize().toString(), saved.json().get("model").getAsString());
        Run pr = slope("predict", "--model", knnModel.toString(), "small", "--limit", "2", "--json");
        assertEquals(0, pr.code(), pr.err());
        assertEquals("vote_shares", pr.json().get("output").getAsString());
        Run big = slope("knn", "--k", "50", "--limit", "20");
        assertEquals(2, big.code());
        assertTrue(big.err().contains("--k 50 is more than the 20 training images"), big.err());
        Run zero = slope("knn", "--k", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--k must be at least 1, got 0"), zero.err());
    }

    /** slope features writes one CSV row per image, the raw feature values, as many as --features makes. */
    @Test
    void featuresWritesOneCsvRowPerImage() throws IOException {
        Path csv = dir.resolve("hog.csv");
        Run r = slope("features", "--features", "hog,hist", "--hog-cell", "4", "--hist-bins", "8", "--limit", "7", "--out",
                csv.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(7, rows.size());
        int hog = 6 * 6 * 36;
        assertEquals(hog + 8, rows.get(0).split(",").length);
        assertEquals(hog + 8, r.json().get("dim").getAsInt());
        double histogram = 0;
        String[] first = rows.get(0).split(",");
        for (int k = hog; k < hog + 8; k++) {
            histogram += Double.parseDouble(first[k]);
        }
        assertEquals(1, histogram, 1e-5, "the intensity histogram of a grey image sums to 1");
        Run bad = slope("features", "--features", "hog", "--hog-cell", "30", "--out", csv.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("needs images of at least 60x60 pixels; these are 28x28"), bad.err());
        // a bag of words, its codebook fitted on the training split even when the test split is written
        Path bow = dir.resolve("bow.csv");
        Run words = slope("features", "--features", "bow", "--bow-words", "12", "--split", "test", "--limit", "3", "--out",
                bow.toString(), "--json");
        assertEquals(0, words.code(), words.err());
        List<String> lines = Files.readAllLines(bow);
        assertEquals(3, lines.size());
        double sum = java.util.Arrays.stream(lines.get(0).split(",")).mapToDouble(Double::parseDouble).sum();
        assertEquals(12, lines.get(0).split(",").length);
        assertEquals(1, sum, 1e-5, "one image's 49 cells, each counted once");
        Run tooMany = slope("features", "--features", "bow", "--bow-cell", "40", "--out", bow.toString());
        assertEquals(2, tooMany.code(), tooMany.err());
        assertTrue(tooMany.err().contains("--bow-cell 40 is larger than the 28x28 images"), tooMany.err());
    }

    /** Where results go is checked before any data is read: a run never ends on an unwritable path. */
    @Test
    void outputsAreCheckedBeforeTheWork() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        String[][] cases = {
            {"train", "--out", dir.toString()},
            {"train", "--out", dir.resolve("missing/m.slope").toString()},
            {"train", "--plots", notes.toString()},
            {"compare", "--plots", notes.toString()},
            {"search", "--out", dir.toString()},
            {"search", "--lr", "0.01:0.1", "--reg", "1e-4", "--plots", dir.resolve("heat").toString()},
            {"search", "--val-fraction", "0"},
        };
        String[] says = {"is a folder; give a file name", "does not exist; create it", "is a file; give a folder",
            "is a file; give a folder", "is a folder; give a file name", "only 1 varies", "--val-fraction 0 leaves no images"};
        for (int k = 0; k < cases.length; k++) {
            Run r = slope(cases[k]);
            assertEquals(2, r.code(), String.join(" ", cases[k]) + ": " + r.err());
            assertTrue(r.err().contains(says[k]), r.err());
            assertFalse(r.err().contains("Loaded"), "refused before reading the data: " + r.err());
        }
    }

    /** Pictures that fail after training do not hide the run: the summary is printed and the model is saved. */
    @Test
    void aPictureThatFailsAfterTrainingKeepsTheModelAndTheSummary() throws IOException {
        Path run = dir.resolve("blocked-run");
        Files.createDirectories(run.resolve("loss.png"));
        Path model = dir.resolve("kept.slope");
        Run r = slope("train", "--epochs", "1", "--out", model.toString(), "--plots", run.toString(), "--quiet");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("test accuracy") && r.out().contains("Model saved to"), r.out());
        assertTrue(r.err().contains("the model is saved in " + model + ", but the pictures could not be written"), r.err());
        assertTrue(Files.isRegularFile(model));
        Run again = slope("train", "--epochs", "1", "--out", model.toString(), "--quiet");
        assertTrue(again.out().contains("(it replaced the model that was there)"), again.out());
    }

    @Test
    void aMissingDataFolderIsADataError() {
        Run r = slope("train", "--data", dir.resolve("nowhere").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nowhere: no such folder"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void trainEvaluatePredictRoundTrip() throws IOException {
        Path model = dir.resolve("round.slope");
        Run t = slope("train", "--epochs", "3", "--out", model.toString(), "--json");
        assertEquals(0, t.code(), t.err());
        JsonObject j = t.json();
        assertEquals(dev.slope.run.Summary.KEYS, List.copyOf(j.keySet()), "a run's summary keys, in order");
        assertTrue(j.get("test_accuracy").getAsDouble() > 0.78, j.toString());
        assertEquals(model.toAbsolutePath().normalize().toString(), j.get("model").getAsString());
        assertTrue(t.err().contains("epoch 3/3"), t.err());

        Run e = slope("evaluate", "--model", model.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(j.get("test_accuracy").getAsDouble(), e.json().get("accuracy").getAsDouble(), 1e-9);
        assertEquals(10, e.json().getAsJsonArray("confusion_matrix").size());
        assertEquals(2000, e.json().get("total").getAsInt());
        var perClass = e.json().getAsJsonArray("per_class_accuracy");
        assertEquals(10, perClass.size());
        assertEquals("T-shirt/top", perClass.get(0).getAsJsonObject().get("name").getAsString());
        assertTrue(perClass.get(9).getAsJsonObject().get("accuracy").getAsDouble() > 0.5);
        Run text = slope("evaluate", "--model", model.toString());
        assertTrue(text.out().contains("Confusion matrix") && text.out().contains("Ankle boot"), text.out());
        // every row of the matrix has the header's width, and each count ends under its column's index
        List<String> table = text.out().lines().dropWhile(l -> !l.startsWith("Confusion matrix")).skip(1).toList();
        assertEquals(11, table.size(), text.out());
        for (String row : table) {
            assertEquals(table.get(0).length(), row.length(), "aligned: '" + row + "'");
        }

        Run p = slope("predict", "--model", model.toString(), "small", "--limit", "4", "--json");
        assertEquals(0, p.code(), p.err());
        assertEquals(4, p.json().getAsJsonArray("predictions").size());
        JsonObject first = p.json().getAsJsonArray("predictions").get(0).getAsJsonObject();
        var probabilities = first.getAsJsonArray("probabilities");
        double sum = 0;
        for (var v : probabilities) {
            sum += v.getAsJsonObject().get("probability").getAsDouble();
        }
        assertEquals(1, sum, 1e-4);
        assertEquals("Trouser", probabilities.get(1).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void plotsAndReport() throws IOException {
        Path run = dir.resolve("run");
        Run t = slope("train", "--epochs", "2", "--update", "adam", "--lr", "0.001", "--out", dir.resolve("r.slope").toString(),
                "--plots", run.toString(), "--quiet");
        assertEquals(0, t.code(), t.err());
        for (String f : List.of("loss.png", "accuracy.png", "templates.png", "confusion.png", "landscape-1d.png",
                "landscape-2d.png", "steps.csv", "epochs.csv", "history.json", "run.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        Run r = slope("report", run.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("adam") && html.contains("data:image/png;base64,"));
        Run missing = slope("report", dir.resolve("nothing").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no run.json"), missing.err());
    }

    @Test
    void compareAndSanity() throws IOException {
        Path plots = dir.resolve("cmp");
        Run c = slope("compare", "--budget", "8", "--batch-sizes", "full,64", "--plots", plots.toString(), "--json", "--quiet");
        assertEquals(0, c.code(), c.err());
        var rows = c.json().getAsJsonArray("strategies");
        assertEquals(4, rows.size());
        assertEquals("random search", rows.get(0).getAsJsonObject().get("name").getAsString());
        JsonObject budget = c.json().getAsJsonObject("budget");
        assertEquals(8, budget.get("amount").getAsDouble());
        assertEquals("evaluations", budget.get("unit").getAsString());
        for (var row : rows) {
            assertTrue(row.getAsJsonObject().has("final_loss") && row.getAsJsonObject().has("test_accuracy"));
        }
        assertTrue(Files.size(plots.resolve("loss-vs-evaluations.png")) > 1000);
        assertTrue(Files.size(plots.resolve("loss-vs-seconds.png")) > 1000);
        assertEquals(2, slope("compare", "--budget", "0").code());
        assertEquals(2, slope("compare", "--budget-unit", "hours").code());
        Run s = slope("sanity", "--json");
        assertEquals(0, s.code(), s.out() + s.err());
        assertEquals(3, s.json().getAsJsonArray("checks").size());
        assertTrue(s.json().get("passed").getAsBoolean());
        JsonObject first = s.json().getAsJsonArray("checks").get(0).getAsJsonObject();
        assertEquals("initial loss", first.get("name").getAsString());
        assertTrue(first.has("initial_loss") && first.has("expected_loss") && !first.has("loss"), first.toString());
        assertEquals("softmax", s.json().getAsJsonObject("config").get("loss").getAsString(), "one meaning per key");
    }

    @Test
    void searchRanksTrialsAndSavesTheBest() throws IOException {
        Path best = dir.resolve("best.slope");
        Path plots = dir.resolve("search");
        Run r = slope("search", "--grid", "2", "--lr", "0.01:0.5", "--reg", "1e-5:1e-3", "--epochs", "1", "--out",
                best.toString(), "--plots", plots.toString(), "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.json().getAsJsonArray("trials").size());
        JsonObject bestJson = r.json().getAsJsonObject("best");
        assertEquals(dev.slope.run.Summary.KEYS, List.copyOf(bestJson.keySet()), "the best trial's run: every run's keys");
        assertTrue(r.json().getAsJsonObject("best_settings").has("lr"));
        assertEquals(best.toAbsolutePath().normalize().toString(), bestJson.get("model").getAsString());
        assertEquals(r.json().get("best_val_accuracy"), bestJson.get("val_accuracy"), "held out: the trial's own score");
        assertEquals(1, bestJson.get("epochs_run").getAsInt());
        assertEquals(0, r.json().get("diverged_trials").getAsInt());
        assertTrue(r.json().getAsJsonArray("trials").get(0).getAsJsonObject().get("diverged").getAsJsonPrimitive().isBoolean());
        assertTrue(Files.isRegularFile(best) && Files.isRegularFile(plots.resolve("search.png")));
        assertEquals(0, slope("evaluate", "--model", best.toString(), "--json").code());
        Run empty = slope("search", "--lr", "1:0.1");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("is empty"), empty.err());
        Run all = slope("search", "--lr", "1e30:1e31", "--trials", "2", "--epochs", "1", "--out", best.toString(), "--quiet");
        assertEquals(1, all.code());
        assertTrue(all.err().contains("diverged"), all.err());
        assertEquals(2, slope("search", "--param", "speed=1:2").code());
    }

    @Test
    void badUpdateRulesAndSchedulesListTheChoices() {
        Run r = slope("train", "--update", "adamw");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sgd, momentum, nesterov, adagrad, rmsprop, adam"), r.err());
        r = slope("train", "--lr-schedule", "linear");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("constant, step, exponential, inverse, cosine"), r.err());
        assertEquals(2, slope("train", "--patience", "-1").code());
        assertEquals(2, slope("train", "--max-norm", "-2").code());
    }

    @Test
    void predictReadsAnImageFile() throws IOException {
        Path model = dir.resolve("p.slope");
        assertEquals(0, slope("train", "--epochs", "2", "--loss", "svm", "--lr", "0.05", "--out", model.toString(), "--quiet").code());
        // a white trouser-like shape on black, 56x56 (scaled down to 28x28)
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(56, 56, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(16, 4, 10, 48);
        g.fillRect(30, 4, 10, 48);
        g.dispose();
        Path png = dir.resolve("trouser.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        Run r = slope("predict", "--model", model.toString(), png.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject pred = r.json().getAsJsonArray("predictions").get(0).getAsJsonObject();
        assertTrue(pred.has("scores"), "an SVM model reports scores");
        assertEquals("scores", r.json().get("output").getAsString());
        Path notImage = Files.writeString(dir.resolve("fake.png"), "not a png");
        Run bad = slope("predict", "--model", model.toString(), notImage.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("fake.png"), bad.err());
    }

    @Test
    void gradcheckPassesForEveryLossAndRegularizer() {
        for (String loss : List.of("svm", "softmax", "ova", "structured")) {
            for (String reg : List.of("l2", "l1", "elasticnet")) {
                Run r = slope("gradcheck", "--loss", loss, "--reg-type", reg, "--samples", "40", "--json");
                assertEquals(0, r.code(), loss + " " + reg + ": " + r.out() + r.err());
                assertTrue(r.json().get("max_relative_error").getAsDouble() < 1e-6, r.out());
                assertTrue(r.json().has("mean_relative_error"));
            }
        }
        Run sep = slope("gradcheck", "--no-bias-trick", "--loss", "svm", "--json");
        assertEquals(2, sep.json().getAsJsonArray("blocks").size());
        assertEquals(0, sep.code(), sep.out());
    }

    @Test
    void aCorruptModelIsRefusedAndNamed() throws IOException {
        Path model = dir.resolve("c.slope");
        assertEquals(0, slope("train", "--epochs", "1", "--out", model.toString(), "--quiet").code());
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Path corrupt = Files.write(dir.resolve("corrupt.slope"), bytes);
        Run r = slope("evaluate", "--model", corrupt.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("corrupt.slope") && r.err().contains("checksum mismatch"), r.err());
        Path cut = Files.write(dir.resolve("cut.slope"), java.util.Arrays.copyOf(Files.readAllBytes(model), 100));
        r = slope("predict", "--model", cut.toString(), "small");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cut.slope"), r.err());
    }

    @Test
    void aDivergingRunKeepsThePreviousModel() throws IOException {
        Path model = dir.resolve("keep.slope");
        assertEquals(0, slope("train", "--epochs", "1", "--out", model.toString(), "--quiet").code());
        byte[] before = Files.readAllBytes(model);
        Run r = slope("train", "--lr", "1e30", "--out", model.toString(), "--quiet");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("diverged") && r.err().contains("smaller learning rate"), r.err());
        assertTrue(r.err().contains("still holds the previous model"), r.err());
        assertArrayEquals(before, Files.readAllBytes(model));
    }
}
