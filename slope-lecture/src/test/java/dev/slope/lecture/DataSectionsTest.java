package dev.slope.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.objective.FusedPass;
import dev.slope.optimize.SearchProblem;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optimization sections on the shipped data: each strategy beats chance, following the slope beats guessing. */
class DataSectionsTest {

    static double accuracy(Worked w) {
        return ((Number) w.json().get("test_accuracy")).doubleValue();
    }

    @Test
    void theThreeStrategiesInTheLecturesOrderOfQuality() {
        TrainConfig c = DataSections.CONFIG;
        SearchProblem p = new SearchProblem(Splits.prepare(TestRuns.shipped(), c.pipelineSpec(), c.valFraction(), c.seed()), c);
        FusedPass pass = p.pass(TestRuns.ENGINE);
        double random = accuracy(DataSections.run("random-search", TestRuns.shipped(), p, pass, 1));
        double local = accuracy(DataSections.run("local-search", TestRuns.shipped(), p, pass, 1));
        double slope = accuracy(DataSections.run("follow-the-slope", TestRuns.shipped(), p, pass, 1));
        assertTrue(random > 0.15, "random search beats chance (10%): " + random);
        assertTrue(local > 0.15, "random local search beats chance: " + local);
        assertTrue(slope > 0.78 && slope > random + 0.3 && slope > local + 0.2,
                "following the slope: " + slope + " against " + random + " and " + local);
        Map<String, Object> gd = DataSections.run("gradient-descent", TestRuns.shipped(), p, pass, 1).json();
        for (String key : new String[] {"full", "stochastic", "mini_batch_256"}) {
            @SuppressWarnings("unchecked")
            Map<String, Object> part = (Map<String, Object>) gd.get(key);
            assertTrue(((Number) part.get("test_accuracy")).doubleValue() > 0.6, key + ": " + part);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> full = (Map<String, Object>) gd.get("full");
        assertEquals(DataSections.DESCENT_BUDGET, ((Number) full.get("steps")).doubleValue(), 0, "one step per evaluation");
        assertTrue(Sections.needsData("gradient-descent") && !Sections.needsData("svm"));
    }

    @Test
    void featuresAndNeighbours() {
        TrainConfig c = DataSections.CONFIG;
        SearchProblem p = new SearchProblem(Splits.prepare(TestRuns.shipped(), c.pipelineSpec(), c.valFraction(), c.seed()), c);
        FusedPass pass = p.pass(TestRuns.ENGINE);
        Worked features = DataSections.run("features", TestRuns.shipped(), p, pass, 1,
                java.nio.file.Path.of("../data/photos/chelsea-320x240.png"));
        Map<String, Object> f = features.json();
        @SuppressWarnings("unchecked")
        Map<String, Object> photo = (Map<String, Object>) f.get("photo");
        assertEquals(10800, ((Number) photo.get("hog_numbers")).doubleValue(), 0, "a real 320x240 photograph");
        // photo_golden.py (scikit-image's rgb2hsv): the hue histogram of the shipped photograph, bin by bin
        double[] golden = {0.340807, 0.642018, 0.005638, 0.001016, 0.000495, 0.000234, 0.000091, 0.000026, 0.000078,
            0.000117, 0.000130, 0.000013, 0.000026, 0.000065, 0.000143, 0.009102};
        @SuppressWarnings("unchecked")
        java.util.List<Double> hue = (java.util.List<Double>) photo.get("hue_histogram");
        for (int k = 0; k < golden.length; k++) {
            assertEquals(golden[k], hue.get(k), 5e-7, "hue bin " + k);
        }
        assertEquals(java.util.List.of("polar-transform.png", "hog-cells.png", "hue-histogram.png"),
                java.util.List.copyOf(features.pictures().keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> polar = (Map<String, Object>) f.get("polar");
        assertTrue(((Number) polar.get("accuracy_xy")).doubleValue() < 0.75, polar.toString());
        assertEquals(1.0, ((Number) polar.get("accuracy_polar")).doubleValue(), 0);
        assertEquals(10800, ((Number) f.get("hog_320x240")).doubleValue(), 0, "the lecture's count");
        @SuppressWarnings("unchecked")
        Map<String, Object> image = (Map<String, Object>) f.get("image");
        assertEquals(3 * 3 * 9, ((Number) image.get("hog_numbers")).doubleValue(), 0, "28x28: 3x3 cells of 8");
        @SuppressWarnings("unchecked")
        Map<String, Object> bag = (Map<String, Object>) f.get("bag_of_words");
        assertEquals(20 * 9, ((Number) bag.get("codebook_numbers")).doubleValue(), 0);
        Map<String, Object> g = DataSections.run("gradient", TestRuns.shipped(), p, pass, 1).json();
        @SuppressWarnings("unchecked")
        Map<String, Object> real = (Map<String, Object>) g.get("real");
        assertEquals(true, real.get("passes"), real.toString());
        assertTrue(g.containsKey("slide") && g.containsKey("own"));
        Map<String, Object> k = DataSections.run("knn", TestRuns.shipped(), p, pass, 1).json();
        assertTrue(((Number) k.get("accuracy_1")).doubleValue() > 0.75, k.toString());
        assertTrue(((Number) k.get("accuracy_5")).doubleValue() > 0.75, k.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> plane = (Map<String, Object>) k.get("plane");
        double differ = ((Number) plane.get("regions_differ")).doubleValue();
        assertTrue(differ > 0.005 && differ < 0.5, "1-NN's islands: " + differ);
    }
}
