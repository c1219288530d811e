package dev.slope.regularize;

import static dev.slope.Tolerances.EXACT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegularizersTest {

    @Test
    void lectureL2ExamplePrefersSpreadWeights() {
        float[] x = {1, 1, 1, 1};
        float[] w1 = {1, 0, 0, 0};
        float[] w2 = {0.25f, 0.25f, 0.25f, 0.25f};
        assertEquals(dot(w1, x), dot(w2, x), EXACT);
        assertEquals(1.0, dot(w1, x), EXACT);
        Regularizer l2 = new Regularizers.L2();
        assertEquals(1.0, l2.penalty(w1, 1, 4, 4), EXACT);
        assertEquals(0.25, l2.penalty(w2, 1, 4, 4), EXACT);
        // L1 cannot tell them apart: both sum to 1
        Regularizer l1 = new Regularizers.L1();
        assertEquals(l1.penalty(w1, 1, 4, 4), l1.penalty(w2, 1, 4, 4), EXACT);
    }

    @Test
    void valuesOfEachForm() {
        float[] w = {1, -2, 0.5f, 0};
        assertEquals(0, new Regularizers.None().penalty(w, 2, 2, 2), EXACT);
        assertEquals(1 + 4 + 0.25, new Regularizers.L2().penalty(w, 2, 2, 2), EXACT);
        assertEquals(1 + 2 + 0.5, new Regularizers.L1().penalty(w, 2, 2, 2), EXACT);
        assertEquals(0.5 * 5.25 + 3.5, new Regularizers.ElasticNet(0.5).penalty(w, 2, 2, 2), EXACT);
    }

    @Test
    void aFoldedBiasColumnIsLeftAlone() {
        float[] w = {1, 2, 10, 3, 4, 20};
        assertEquals(1 + 4 + 9 + 16, new Regularizers.L2().penalty(w, 2, 3, 2), EXACT);
        float[] grad = new float[6];
        new Regularizers.L2().addGradient(w, 2, 3, 2, 0.5, grad);
        assertArrayEquals(new float[] {1, 2, 0, 3, 4, 0}, grad, 1e-6f);
    }

    @Test
    void l2SweepsGiveTheDefaultLoopsGradientAndPenalty() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        int rows = 10;
        int cols = 786;
        float[] w = new float[rows * cols];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) random.nextGaussian();
        }
        Regularizer l2 = new Regularizers.L2();
        Regularizer loops = new Regularizer() { // the interface's own loops, on the same r and r'
            @Override
            public String name() {
                return "l2 in plain loops";
            }

            @Override
            public double value(double v) {
                return l2.value(v);
            }

            @Override
            public double derivative(double v) {
                return l2.derivative(v);
            }
        };
        for (int penalized : new int[] {cols, cols - 1}) {
            float[] g1 = new float[w.length];
            float[] g2 = new float[w.length];
            g1[3] = g2[3] = 0.25f;
            double p1 = loops.addGradientAndPenalty(w, rows, cols, penalized, 3e-3, g1);
            double p2 = l2.addGradientAndPenalty(w, rows, cols, penalized, 3e-3, g2);
            assertArrayEquals(g1, g2, 1e-7f, "bias column " + (penalized == cols ? "penalized" : "left alone"));
            assertEquals(p1, p2, 1e-6 * p1);
            assertEquals(p2, l2.penalty(w, rows, cols, penalized), EXACT);
        }
    }

    @Test
    void derivativesMatchFiniteDifferencesAwayFromZero() {
        for (Regularizer r : List.of(new Regularizers.L2(), new Regularizers.L1(), new Regularizers.ElasticNet(0.7),
                new Regularizers.None())) {
            for (double w : new double[] {-1.3, -0.2, 0.05, 0.9, 2.5}) {
                double h = 1e-6;
                double num = (r.value(w + h) - r.value(w - h)) / (2 * h);
                assertEquals(num, r.derivative(w), 1e-8, r.name() + " at " + w);
            }
        }
        assertEquals(0, new Regularizers.L1().derivative(0), EXACT);
    }

    @Test
    void theFusedSweepEqualsPenaltyPlusGradient() {
        float[] w = {1, -2, 0.5f, 0, 3, -0.25f};
        for (Regularizer r : List.of(new Regularizers.L2(), new Regularizers.L1(), new Regularizers.ElasticNet(0.3))) {
            float[] g1 = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
            float[] g2 = g1.clone();
            r.addGradient(w, 2, 3, 2, 0.7, g1);
            double p = r.addGradientAndPenalty(w, 2, 3, 2, 0.7, g2);
            assertEquals(r.penalty(w, 2, 3, 2), p, EXACT);
            assertArrayEquals(g1, g2, 0f);
        }
    }

    @Test
    void aNegativeElasticNetBetaIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Regularizers.ElasticNet(-1));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
