package dev.slope.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sections run and render; the slides' numbers themselves are checked through {@code slope lecture SECTION --json}
 * (slope-cli's LectureCommandTest, against src/test/resources/lecture/lecture_golden.py where the slide gives none).
 */
class LectureSectionsTest {
    /** JSON has no infinity or NaN: a worked solution writes them as the strings JavaScript and Python read back. */
    @Test
    void nonFiniteNumbersAreWrittenAsStrings() {
        Worked w = new Worked("t").number("inf", "∞", Double.POSITIVE_INFINITY).number("minus", "−∞",
                Double.NEGATIVE_INFINITY).number("nan", "?", Double.NaN).number("one", "1", 1);
        assertEquals(Map.of("inf", "Infinity", "minus", "-Infinity", "nan", "NaN", "one", 1.0), w.json());
        assertTrue(w.lines().get(1).endsWith("∞"), w.lines().get(1));
        Worked row = new Worked("t").numbers("row", "a row", new double[] {1, Double.POSITIVE_INFINITY, Double.NaN});
        assertEquals(Map.of("row", java.util.List.of(1.0, "Infinity", "NaN")), row.json());
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
