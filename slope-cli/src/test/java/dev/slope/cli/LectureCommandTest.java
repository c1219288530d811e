package dev.slope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every number of the lecture's slides that `slope lecture` reproduces, read from `slope lecture SECTION --json` by a
 * strict JSON parser. Where the slide gives a number it is the expected value (to the slide's rounding); where it
 * gives none, the golden value comes from slope-core/src/test/resources/lecture/lecture_golden.py (numpy, an
 * independent computation; its output is quoted beside each such value).
 */
class LectureCommandTest {
    @BeforeAll
    static void home() {
        System.setProperty("slope.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    /** Runs {@code slope lecture SECTION --json} and parses its output as strict JSON (no NaN, no Infinity). */
    static JsonObject section(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "lecture", name, "--json");
        assertEquals(0, code, err.toString());
        return strict(out.toString()).getAsJsonObject();
    }

    static JsonElement strict(String json) {
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            JsonElement e = com.google.gson.internal.Streams.parse(reader);
            assertEquals(com.google.gson.stream.JsonToken.END_DOCUMENT, reader.peek(), "one JSON value");
            return e;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("not strict JSON: " + e.getMessage() + "\n" + json, e);
        }
    }

    static double num(JsonObject o, String... path) {
        JsonObject at = o;
        for (int i = 0; i < path.length - 1; i++) {
            at = at.getAsJsonObject(path[i]);
        }
        return at.get(path[path.length - 1]).getAsDouble();
    }

    static JsonObject part(JsonObject o, String... path) {
        JsonObject at = o;
        for (String p : path) {
            at = at.getAsJsonObject(p);
        }
        return at;
    }

    static void assertRow(double[] expected, JsonArray actual, double tol, String what) {
        assertEquals(expected.length, actual.size(), what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.get(i).getAsDouble(), tol, what + "[" + i + "]");
        }
    }

    @Test
    void theScoresTable() {
        JsonObject j = section("scores");
        assertEquals(false, part(j, "cat").get("correct").getAsBoolean());
        assertEquals(true, part(j, "automobile").get("correct").getAsBoolean());
        assertEquals(false, part(j, "frog").get("correct").getAsBoolean());
        assertEquals("dog (8.02)", part(j, "cat").get("highest").getAsString());
        assertEquals("automobile (6.04)", part(j, "automobile").get("highest").getAsString());
        assertEquals("truck (6.14)", part(j, "frog").get("highest").getAsString());
        assertEquals(1, num(j, "correct"), 0);
        // lecture_golden.py: "scores: argmax 5 svm 10.58 softmax 5.1698427276" and so on
        assertEquals(10.58, num(j, "cat", "svm_loss"), 1e-9);
        assertEquals(0.27, num(j, "automobile", "svm_loss"), 1e-9);
        assertEquals(71.91, num(j, "frog", "svm_loss"), 1e-9);
        assertEquals(5.1698427276, num(j, "cat", "softmax_loss"), 1e-9);
        assertEquals(0.5774809508, num(j, "automobile", "softmax_loss"), 1e-9);
        assertEquals(11.2944847672, num(j, "frog", "softmax_loss"), 1e-9);
        assertEquals(27.5866666667, num(j, "svm_mean"), 1e-9);
        assertEquals(5.6806028152, num(j, "softmax_mean"), 1e-9);
    }

    @Test
    void theSvmSlideMarginByMarginAndItsQuestions() {
        JsonObject j = section("svm");
        // the slide: cat max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 2.9 + 0
        assertEquals(2.9, num(j, "cat", "margin_car"), 1e-12);
        assertEquals(-3.9, num(j, "cat", "margin_frog"), 1e-12);
        assertEquals(2.9, num(j, "cat", "term_car"), 1e-12);
        assertEquals(0, num(j, "cat", "term_frog"), 0);
        assertEquals(2.9, num(j, "cat", "loss"), 1e-12);
        // car: max(0, 1.3 - 4.9 + 1) + max(0, 2.0 - 4.9 + 1) = max(0, -2.6) + max(0, -1.9) = 0
        assertEquals(-2.6, num(j, "car", "margin_cat"), 1e-12);
        assertEquals(-1.9, num(j, "car", "margin_frog"), 1e-12);
        assertEquals(0, num(j, "car", "loss"), 0);
        // frog: max(0, 2.2 - (-3.1) + 1) + max(0, 2.5 - (-3.1) + 1) = 6.3 + 6.6 = 12.9
        assertEquals(6.3, num(j, "frog", "term_cat"), 1e-12);
        assertEquals(6.6, num(j, "frog", "term_car"), 1e-12);
        assertEquals(12.9, num(j, "frog", "loss"), 1e-12);
        assertEquals(5.27, num(j, "mean"), 0.005);
        JsonObject q = part(j, "questions");
        assertEquals(0, num(q, "car_jiggled"), 0);
        assertEquals(0, num(q, "min"), 0);
        assertEquals("Infinity", q.get("max").getAsString(), "JSON has no infinity: a string Number() reads");
        assertEquals(2, num(q, "at_init"), 0, "C - 1");
        assertEquals(5.2667 + 1, num(q, "sum_all_mean"), 1e-4, "every loss + 1");
        assertEquals(5.2667 / 2, num(q, "mean_terms"), 1e-4);
        assertEquals(30.5533333333, num(q, "squared"), 1e-9, "lecture_golden.py: svm squared mean");
        // the slide's 2W: the car's scores 2.6, 9.8, 4.0: margins -6.2 and -4.8, still 0
        JsonObject twice = part(j, "double_w");
        assertRow(new double[] {2.6, 9.8, 4.0}, twice.getAsJsonArray("car_scores"), 1e-12, "2W scores");
        assertEquals(-6.2, num(twice, "margin_cat"), 1e-12);
        assertEquals(-4.8, num(twice, "margin_frog"), 1e-12);
        assertEquals(0, num(twice, "car_loss"), 0);
    }

    @Test
    void theRegularizationSlide() {
        JsonObject j = section("regularization");
        assertEquals(1, num(j, "score_w1"), 0);
        assertEquals(1, num(j, "score_w2"), 0);
        assertEquals(1, num(j, "l2_w1"), 0);
        assertEquals(0.25, num(j, "l2_w2"), 0);
        assertEquals(1, num(j, "l1_w1"), 0);
        assertEquals(1, num(j, "l1_w2"), 0);
        assertTrue(j.get("l2_prefers").getAsString().startsWith("w2"));
    }

    @Test
    void theSoftmaxSlideEveryColumnAndItsQuestions() {
        JsonObject j = section("softmax");
        // the slide's car column: exp 3.67, 134.29, 7.39; normalized 0.025, 0.924, 0.051 (printed 0.02, 0.92, 0.06)
        assertRow(new double[] {3.67, 134.29, 7.39}, part(j, "car").getAsJsonArray("exp"), 0.005, "car exp");
        assertRow(new double[] {0.025, 0.924, 0.051}, part(j, "car").getAsJsonArray("probabilities"), 0.0005, "car p");
        assertEquals(0.0791, num(j, "car", "loss"), 5e-5);
        assertEquals(0.03, num(j, "car", "loss_log10"), 0.005, "the slide's 0.03 is log base 10");
        assertEquals(2.04, num(j, "cat", "loss"), 0.005);
        assertEquals(6.16, num(j, "frog", "loss"), 0.005);
        // lecture_golden.py: "softmax cat: exp [24.5325 164.0219 0.1827] p [0.13 0.869 0.001] ln 2.0403551528 ..."
        assertRow(new double[] {24.5325, 164.0219, 0.1827}, part(j, "cat").getAsJsonArray("exp"), 5e-5, "cat exp");
        assertRow(new double[] {0.13, 0.869, 0.001}, part(j, "cat").getAsJsonArray("probabilities"), 5e-4, "cat p");
        assertRow(new double[] {9.025, 12.1825, 0.045}, part(j, "frog").getAsJsonArray("exp"), 5e-5, "frog exp");
        assertRow(new double[] {0.4247, 0.5732, 0.0021}, part(j, "frog").getAsJsonArray("probabilities"), 5e-5, "frog p");
        assertEquals(2.0403551528, num(j, "cat", "loss"), 1e-9);
        assertEquals(0.0791317783, num(j, "car", "loss"), 1e-9);
        assertEquals(6.1564772017, num(j, "frog", "loss"), 1e-9);
        assertEquals(0.8861149840, num(j, "cat", "loss_log10"), 1e-9);
        assertEquals(0.0343664947, num(j, "car", "loss_log10"), 1e-9);
        assertEquals(2.6737240766, num(j, "frog", "loss_log10"), 1e-9);
        assertEquals(2.7586547109, num(j, "mean"), 1e-9);
        JsonObject q = part(j, "questions");
        assertEquals(0, num(q, "min"), 0);
        assertEquals("Infinity", q.get("max").getAsString());
        assertEquals(Math.log(3), num(q, "at_init"), 1e-12);
        assertEquals(Math.log(10), num(q, "at_init_cifar"), 1e-12);
    }

    @Test
    void softmaxVersusSvm() {
        JsonObject j = section("softmax-vs-svm");
        // lecture_golden.py: "softmax-vs-svm [10. -2. 3.]: svm 0 softmax 0.0009176050 jiggled svm 0 softmax 0.0005566561"
        double[][] golden = {{0, 0.0009176050, 0, 0.0005566561}, {0, 0.5514447139, 0, 0.3689811354},
            {91, 90, 90.5, 89.5}};
        for (int i = 0; i < 3; i++) {
            JsonObject r = part(j, "scores_" + (i + 1));
            assertEquals(golden[i][0], num(r, "svm"), 1e-9);
            assertEquals(golden[i][1], num(r, "softmax"), 1e-9);
            assertEquals(golden[i][2], num(r, "svm_jiggled"), 1e-9);
            assertEquals(golden[i][3], num(r, "softmax_jiggled"), 1e-9);
        }
    }

    /** The gradient section: the slide's six finite differences, then a small W of our own (golden values). */
    @Test
    void theNumericalGradientByHand() {
        JsonObject j = section("gradient");
        JsonObject slide = part(j, "slide");
        double[] dW = {-2.5, 0.6, 0.0, -10.0, 4.0, -0.1};
        String[] names = {"first", "second", "third", "fourth", "fifth", "sixth"};
        for (int k = 0; k < dW.length; k++) {
            assertEquals(dW[k], num(slide, names[k]), 1e-9, names[k]);
        }
        JsonObject own = part(j, "own");
        // lecture_golden.py: "own W: L 5.3925 dW[0,0] -1.75 dW[0,1] -2.25"
        assertEquals(5.3925, num(own, "loss"), 1e-12);
        assertEquals(-1.75, num(own, "entry_0", "analytic"), 1e-12);
        assertEquals(-2.25, num(own, "entry_1", "analytic"), 1e-12);
        for (String e : new String[] {"entry_0", "entry_1"}) {
            assertEquals(num(own, e, "analytic"), num(own, e, "numerical"), 1e-6, e);
            assertTrue(num(own, e, "relative_error") < 1e-6, e);
        }
    }

    /** --all --json is one strict JSON document holding every section; --plots writes every section's pictures. */
    @Test
    void allSectionsAreOneStrictJsonDocumentAndWriteTheirPictures(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path plots = dir.resolve("plots");
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err), "lecture", "--all", "--plots",
                plots.toString(), "--json"), err.toString());
        JsonObject all = strict(out.toString()).getAsJsonObject();
        assertEquals(dev.slope.lecture.Sections.NAMES.size(), all.getAsJsonArray("sections").size());
        java.util.List<String> names = new java.util.ArrayList<>();
        for (JsonElement e : all.getAsJsonArray("plots")) {
            Path png = Path.of(e.getAsString());
            assertTrue(java.nio.file.Files.size(png) > 1000, png.toString());
            names.add(png.getFileName().toString());
        }
        assertEquals(java.util.List.of("strategy-1-random-search.png", "strategy-2-random-local-search.png",
                "strategy-3-follow-the-slope.png", "gradient-descent.png", "polar-transform.png", "hog-cells.png",
                "hue-histogram.png", "knn-1.png", "knn-5.png"), names, "every section's pictures");
    }
}
