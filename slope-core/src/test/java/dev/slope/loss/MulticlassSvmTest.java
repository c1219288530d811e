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

class MulticlassSvmTest {
    private final Loss svm = new MulticlassSvm();

    @Test
    void lectureWorkedExample() {
        double[] per = svm.perExample(LectureExample.scores(), LectureExample.labels(), 3);
        assertArrayEquals(new double[] {2.9, 0, 12.9}, per, LECTURE);
        assertEquals(5.266667, svm.mean(LectureExample.scores(), LectureExample.labels(), 3, null), LECTURE);
    }

    @Test
    void doublingTheCarImageScoresKeepsItsLossZero() {
        double[] car = {1.3, 4.9, 2.0};
        double[] doubled = {2.6, 9.8, 4.0};
        assertEquals(0, svm.lossAndGradient(car, 0, 3, 1, null, 0), EXACT);
        assertEquals(0, svm.lossAndGradient(doubled, 0, 3, 1, null, 0), EXACT);
    }

    @Test
    void softmaxVersusSvmScores() {
        assertEquals(0, svm.lossAndGradient(new double[] {10, -2, 3}, 0, 3, 0, null, 0), EXACT);
        assertEquals(0, svm.lossAndGradient(new double[] {10, 9, 9}, 0, 3, 0, null, 0), EXACT);
        assertEquals(91, svm.lossAndGradient(new double[] {10, 100, -100}, 0, 3, 0, null, 0), EXACT);
    }

    @Test
    void equalScoresGiveClassesMinusOne() {
        for (int classes : new int[] {2, 3, 10, 100}) {
            assertEquals(classes - 1, svm.lossAtEqualScores(classes), EXACT);
        }
    }

    @Test
    void summingOverAllClassesAddsTheMargin() {
        Loss all = new MulticlassSvm(1.0, false, true);
        double[] s = LectureExample.scores();
        int[] y = LectureExample.labels();
        double[] plain = svm.perExample(s, y, 3);
        double[] withY = all.perExample(s, y, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(plain[i] + 1.0, withY[i], EXACT);
        }
        Loss wide = new MulticlassSvm(2.5, false, true);
        assertEquals(new MulticlassSvm(2.5, false).lossAndGradient(s, 0, 3, 0, null, 0) + 2.5,
                wide.lossAndGradient(s, 0, 3, 0, null, 0), EXACT);
    }

    @Test
    void squaredHingeSquaresEachTerm() {
        Loss sq = new MulticlassSvm(1.0, true);
        // cat image: margins 2.9 and -3.9 -> 2.9^2
        assertEquals(2.9 * 2.9, sq.lossAndGradient(LectureExample.scores(), 0, 3, 0, null, 0), 1e-12);
        // frog image: 6.3^2 + 6.6^2
        assertEquals(6.3 * 6.3 + 6.6 * 6.6, sq.lossAndGradient(LectureExample.scores(), 6, 3, 2, null, 0), 1e-9);
    }

    @Test
    void gradientOfTheCatImage() {
        double[] ds = new double[3];
        svm.lossAndGradient(LectureExample.scores(), 0, 3, 0, ds, 0);
        // car violates the margin (+1), frog does not (0), the true class gets minus the count
        assertArrayEquals(new double[] {-1, 1, 0}, ds, EXACT);
    }

    @Test
    void gradientMatchesFiniteDifferencesAwayFromKinks() {
        SplittableRandom r = Tolerances.random(7);
        for (Loss loss : new Loss[] {svm, new MulticlassSvm(1.0, true), new MulticlassSvm(0.5, false)}) {
            for (int trial = 0; trial < 50; trial++) {
                double[] s = Tolerances.gaussian(r, 6);
                int y = r.nextInt(6);
                double[] ds = new double[6];
                loss.lossAndGradient(s, 0, 6, y, ds, 0);
                double[] num = NumericalGradient.full((theta, g) -> loss.lossAndGradient(theta, 0, 6, y, null, 0), s, 1e-6,
                        NumericalGradient.Difference.CENTRED);
                for (int j = 0; j < 6; j++) {
                    assertEquals(ds[j], num[j], 1e-6, "class " + j + " trial " + trial);
                }
            }
        }
    }

    @Test
    void rejectsANegativeMargin() {
        assertThrows(IllegalArgumentException.class, () -> new MulticlassSvm(-1, false));
    }
}
