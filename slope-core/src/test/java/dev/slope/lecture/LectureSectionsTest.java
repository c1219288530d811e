package dev.slope.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every number of the lecture's slides that `slope lecture` reproduces. Where the slide gives a number it is the
 * expected value (to the slide's rounding); where it gives none, the golden value comes from
 * src/test/resources/lecture/lecture_golden.py (numpy, an independent computation).
 */
class LectureSectionsTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> part(Map<String, Object> m, String... keys) {
        Map<String, Object> at = m;
        for (String k : keys) {
            at = (Map<String, Object>) at.get(k);
        }
        return at;
    }

    static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void theSvmSlideMarginByMargin() {
        Map<String, Object> j = Sections.run("svm").json();
        assertEquals(2.9, num(part(j, "cat"), "term_car"), 1e-12);
        assertEquals(0, num(part(j, "cat"), "term_frog"), 0);
        assertEquals(2.9, num(part(j, "cat"), "loss"), 1e-12);
        assertEquals(0, num(part(j, "car"), "loss"), 0);
        assertEquals(6.3, num(part(j, "frog"), "term_cat"), 1e-12);
        assertEquals(6.6, num(part(j, "frog"), "term_car"), 1e-12);
        assertEquals(12.9, num(part(j, "frog"), "loss"), 1e-12);
        assertEquals(5.27, num(j, "mean"), 0.005);
        Map<String, Object> q = part(j, "questions");
        assertEquals(0, num(q, "car_jiggled"), 0);
        assertEquals(0, num(q, "min"), 0);
        assertEquals(Double.POSITIVE_INFINITY, num(q, "max"), 0);
        assertEquals(2, num(q, "at_init"), 0, "C - 1");
        assertEquals(5.2667 + 1, num(q, "sum_all_mean"), 1e-4, "every loss + 1");
        assertEquals(5.2667 / 2, num(q, "mean_terms"), 1e-4);
        assertEquals((2.9 * 2.9 + 0 + 6.3 * 6.3 + 6.6 * 6.6) / 3, num(q, "squared"), 1e-9);
    }

    @Test
    void theSoftmaxSlide() {
        Map<String, Object> j = Sections.run("softmax").json();
        assertEquals(2.04, num(part(j, "cat"), "loss"), 0.005);
        assertEquals(0.0791, num(part(j, "car"), "loss"), 5e-5);
        assertEquals(6.16, num(part(j, "frog"), "loss"), 0.005);
        assertEquals(0.03, num(part(j, "car"), "loss_log10"), 0.005, "the slide's 0.03 is log base 10");
        @SuppressWarnings("unchecked")
        List<Double> exp = (List<Double>) part(j, "car").get("exp");
        assertEquals(3.67, exp.get(0), 0.005);
        assertEquals(134.29, exp.get(1), 0.005);
        assertEquals(7.39, exp.get(2), 0.005);
        @SuppressWarnings("unchecked")
        List<Double> p = (List<Double>) part(j, "car").get("probabilities");
        assertEquals(0.025, p.get(0), 0.0005);
        assertEquals(0.924, p.get(1), 0.0005);
        assertEquals(0.051, p.get(2), 0.0005);
    }

    @Test
    void theRegularizationSlide() {
        Map<String, Object> j = Sections.run("regularization").json();
        assertEquals(1, num(j, "score_w1"), 0);
        assertEquals(1, num(j, "score_w2"), 0);
        assertEquals(1, num(j, "l2_w1"), 0);
        assertEquals(0.25, num(j, "l2_w2"), 0);
        assertEquals(1, num(j, "l1_w1"), 0);
        assertEquals(1, num(j, "l1_w2"), 0);
    }

    @Test
    void theScoresTableAgainstNumpy() {
        Map<String, Object> j = Sections.run("scores").json();
        assertEquals(false, part(j, "cat").get("correct"));
        assertEquals(true, part(j, "automobile").get("correct"));
        assertEquals(false, part(j, "frog").get("correct"));
        assertEquals("dog (8.02)", part(j, "cat").get("highest"));
        assertEquals("truck (6.14)", part(j, "frog").get("highest"));
        // lecture_golden.py
        assertEquals(10.58, num(part(j, "cat"), "svm_loss"), 1e-9);
        assertEquals(0.27, num(part(j, "automobile"), "svm_loss"), 1e-9);
        assertEquals(71.91, num(part(j, "frog"), "svm_loss"), 1e-9);
        assertEquals(5.1698427276, num(part(j, "cat"), "softmax_loss"), 1e-9);
        assertEquals(0.5774809508, num(part(j, "automobile"), "softmax_loss"), 1e-9);
        assertEquals(11.2944847672, num(part(j, "frog"), "softmax_loss"), 1e-9);
        assertEquals(27.5866666667, num(j, "svm_mean"), 1e-9);
        assertEquals(5.6806028152, num(j, "softmax_mean"), 1e-9);
    }

    @Test
    void softmaxVersusSvmAgainstNumpy() {
        Map<String, Object> j = Sections.run("softmax-vs-svm").json();
        double[][] golden = {{0, 0.0009176050, 0, 0.0005566561}, {0, 0.5514447139, 0, 0.3689811354},
            {91, 90, 90.5, 89.5}};
        for (int i = 0; i < 3; i++) {
            Map<String, Object> r = part(j, "scores_" + (i + 1));
            assertEquals(golden[i][0], num(r, "svm"), 1e-9);
            assertEquals(golden[i][1], num(r, "softmax"), 1e-9);
            assertEquals(golden[i][2], num(r, "svm_jiggled"), 1e-9);
            assertEquals(golden[i][3], num(r, "softmax_jiggled"), 1e-9);
        }
    }

    @Test
    void theNumericalGradientByHand() {
        Map<String, Object> j = Sections.gradientByHand().json();
        assertEquals(-2.5, num(part(j, "slide"), "first"), 1e-9);
        assertEquals(0.6, num(part(j, "slide"), "second"), 1e-9);
        for (String e : List.of("entry_0", "entry_1")) {
            Map<String, Object> m = part(j, "own", e);
            assertEquals(num(m, "analytic"), num(m, "numerical"), 1e-6, e);
            assertTrue(num(m, "relative_error") < 1e-6, e);
        }
        assertTrue(num(part(j, "own", "entry_0"), "analytic") != num(part(j, "own", "entry_1"), "analytic"));
    }

    @Test
    void everySectionRunsAndRendersAndAnUnknownOneIsNamed() {
        for (String name : Sections.NAMES.keySet()) {
            if (Sections.needsData(name)) {
                continue; // DataSectionsTest
            }
            Worked w = Sections.run(name);
            assertTrue(w.lines().size() > 3, name);
            assertTrue(!w.json().isEmpty(), name);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sections.run("backprop"));
        assertTrue(e.getMessage().contains("the sections are scores, svm"), e.getMessage());
    }
}
