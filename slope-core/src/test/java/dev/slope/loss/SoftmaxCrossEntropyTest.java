package dev.slope.loss;

import static dev.slope.Tolerances.EXACT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.Tolerances;
import dev.slope.objective.NumericalGradient;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
    private final Loss softmax = new SoftmaxCrossEntropy();

    @Test
    void lectureWorkedExampleWithTheNaturalLog() {
        double[] per = softmax.perExample(LectureExample.scores(), LectureExample.labels(), 3);
        assertArrayEquals(new double[] {2.0404, 0.0791, 6.1565}, per, 5e-5);
    }

    @Test
    void theSlidesCarValueIsABase10Log() {
        double[] p = new double[3];
        SoftmaxCrossEntropy.probabilities(LectureExample.scores(), 3, 3, p, 0);
        assertEquals(0.92, p[1], 0.005);
        // Slope's loss uses the natural log: 0.0791; the slide's 0.03 is the same loss in base 10 (divided by ln 10)
        double loss = softmax.lossAndGradient(LectureExample.scores(), 3, 3, 1, null, 0);
        assertEquals(0.0791, loss, 5e-5);
        assertEquals(0.03, Math.round(loss / Math.log(10) * 100) / 100.0, 1e-12);
        assertEquals(-Math.log(p[1]), loss, 1e-12, "the loss is minus the log of Slope's own probability");
    }

    @Test
    void softmaxVersusSvmScores() {
        assertEquals(0.00092, softmax.lossAndGradient(new double[] {10, -2, 3}, 0, 3, 0, null, 0), 5e-6);
        assertEquals(0.5514, softmax.lossAndGradient(new double[] {10, 9, 9}, 0, 3, 0, null, 0), 5e-5);
        assertEquals(90.0, softmax.lossAndGradient(new double[] {10, 100, -100}, 0, 3, 0, null, 0), 1e-9);
    }

    @Test
    void equalScoresGiveLnC() {
        for (int classes : new int[] {2, 3, 10, 1000}) {
            assertEquals(Math.log(classes), softmax.lossAtEqualScores(classes), EXACT);
        }
    }

    @Test
    void hugeScoresStayFinite() {
        double[] s = {1000, -1000, 999};
        double[] ds = new double[3];
        double l = softmax.lossAndGradient(s, 0, 3, 2, ds, 0);
        assertEquals(Math.log(1 + Math.exp(-1)) + 1, l, 1e-9);
        for (double v : ds) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void gradientIsProbabilitiesMinusOneHotAndMatchesFiniteDifferences() {
        SplittableRandom r = Tolerances.random(11);
        for (int trial = 0; trial < 50; trial++) {
            double[] s = Tolerances.gaussian(r, 5);
            int y = r.nextInt(5);
            double[] ds = new double[5];
            softmax.lossAndGradient(s, 0, 5, y, ds, 0);
            double sum = 0;
            for (double v : ds) {
                sum += v;
            }
            assertEquals(0, sum, 1e-12);
            double[] num = NumericalGradient.full((theta, g) -> softmax.lossAndGradient(theta, 0, 5, y, null, 0), s, 1e-5,
                    NumericalGradient.Difference.CENTRED);
            for (int j = 0; j < 5; j++) {
                assertEquals(ds[j], num[j], 1e-8);
            }
        }
    }

    @Test
    void meanDividesTheGradientByN() {
        double[] ds = new double[9];
        double mean = softmax.mean(LectureExample.scores(), LectureExample.labels(), 3, ds);
        assertEquals((2.0404 + 0.0791 + 6.1565) / 3, mean, 5e-5);
        double[] one = new double[3];
        softmax.lossAndGradient(LectureExample.scores(), 0, 3, 0, one, 0);
        assertEquals(one[0] / 3, ds[0], EXACT);
    }
}
