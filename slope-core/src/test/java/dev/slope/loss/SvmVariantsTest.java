package dev.slope.loss;

import static dev.slope.Tolerances.EXACT;
import static dev.slope.Tolerances.LECTURE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slope.Tolerances;
import dev.slope.objective.NumericalGradient;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-vs-all and structured (Crammer–Singer) SVMs of the lecture's web demo, on the lecture's scores. */
class SvmVariantsTest {
    private final Loss ova = new OneVsAllSvm();
    private final Loss structured = new StructuredSvm();

    @Test
    void oneVsAllOnTheLectureScores() {
        // cat (y = 0): 1 - 3.2 < 0, 1 + 5.1, 1 - 1.7 < 0; car (y = 1): 1 + 1.3, 1 - 4.9 < 0, 1 + 2.0;
        // frog (y = 2): 1 + 2.2, 1 + 2.5, 1 + 3.1
        assertArrayEquals(new double[] {6.1, 5.3, 10.8}, ova.perExample(LectureExample.scores(), LectureExample.labels(), 3),
                LECTURE);
    }

    @Test
    void structuredChargesOnlyTheWorstWrongClass() {
        // cat: 1 + 5.1 - 3.2; car: 1 + 2.0 - 4.9 < 0; frog: 1 + 2.5 + 3.1 (Weston-Watkins: 2.9, 0, 12.9)
        assertArrayEquals(new double[] {2.9, 0, 6.6},
                structured.perExample(LectureExample.scores(), LectureExample.labels(), 3), LECTURE);
    }

    @Test
    void equalScores() {
        for (int classes : new int[] {2, 3, 10}) {
            assertEquals(classes, ova.lossAtEqualScores(classes), EXACT);
            assertEquals(1, structured.lossAtEqualScores(classes), EXACT);
        }
    }

    @Test
    void gradientsOfTheFrogImage() {
        double[] ds = new double[3];
        ova.lossAndGradient(LectureExample.scores(), 6, 3, 2, ds, 0);
        assertArrayEquals(new double[] {1, 1, -1}, ds, EXACT);
        structured.lossAndGradient(LectureExample.scores(), 6, 3, 2, ds, 0);
        assertArrayEquals(new double[] {0, 1, -1}, ds, EXACT, "the worst wrong class is the car (2.5)");
        structured.lossAndGradient(LectureExample.scores(), 3, 3, 1, ds, 0);
        assertArrayEquals(new double[] {0, 0, 0}, ds, EXACT, "the car image is inside the margin");
    }

    @Test
    void gradientsMatchFiniteDifferencesAwayFromKinks() {
        SplittableRandom r = Tolerances.random(11);
        for (Loss loss : new Loss[] {ova, structured, new OneVsAllSvm(0.5), new StructuredSvm(2)}) {
            for (int trial = 0; trial < 50; trial++) {
                double[] s = Tolerances.gaussian(r, 5);
                int y = r.nextInt(5);
                double[] ds = new double[5];
                loss.lossAndGradient(s, 0, 5, y, ds, 0);
                double[] num = NumericalGradient.full((theta, g) -> loss.lossAndGradient(theta, 0, 5, y, null, 0), s, 1e-6,
                        NumericalGradient.Difference.CENTRED);
                for (int j = 0; j < 5; j++) {
                    assertEquals(ds[j], num[j], 1e-6, loss.name() + " class " + j + " trial " + trial);
                }
            }
        }
    }

    @Test
    void badMarginsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> new OneVsAllSvm(-1));
        assertThrows(IllegalArgumentException.class, () -> new StructuredSvm(Double.NaN));
    }
}
