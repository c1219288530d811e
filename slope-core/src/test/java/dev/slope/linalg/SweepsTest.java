package dev.slope.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SweepsTest {
    private static float[] randoms(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            w[k] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 3)));
        }
        return w;
    }

    @Test
    void theTestsRunOnLanes() {
        assertTrue(Sweeps.VECTOR, "the build runs with jdk.incubator.vector on 512-bit vectors: the lanes are under test");
    }

    @Test
    void lanesAndPlainLoopsGiveTheSameBitsOnEveryRangeAndTail() {
        float[] w = randoms(7_853, 1);
        int[][] ranges = {{0, 7_853}, {0, 7_850}, {3, 788}, {785, 1_570}, {5, 5}, {0, 15}, {1, 17}, {100, 131}};
        for (int[] r : ranges) {
            double plain = Sweeps.scalar(w, r[0], r[1], 0, null);
            assertEquals(plain, Sweeps.squares(w, r[0], r[1]), 0.0, () -> "Σw² on " + r[0] + ".." + r[1]);
            float[] g1 = randoms(w.length, 2);
            float[] g2 = g1.clone();
            double s1 = Sweeps.scalar(w, r[0], r[1], -0.37, g1);
            double s2 = Sweeps.addScaledSquares(w, r[0], r[1], -0.37, g2);
            assertEquals(s1, s2, 0.0);
            assertEquals(plain, s2, 0.0, "the gradient changes nothing in the sum");
            assertArrayEquals(g1, g2, () -> "grad += a·w on " + r[0] + ".." + r[1]);
        }
    }

    @Test
    void theSumIsTheSumOfSquaresAndTheGradientIsTheProductRoundedOnce() {
        float[] w = randoms(1_001, 3);
        float[] grad = randoms(w.length, 4);
        float[] expected = grad.clone();
        double exact = 0;
        for (int k = 10; k < 990; k++) {
            exact += (double) w[k] * w[k];
            expected[k] += (float) (1.5e-3 * w[k]);
        }
        double got = Sweeps.addScaledSquares(w, 10, 990, 1.5e-3, grad);
        assertEquals(exact, got, 1e-13 * exact);
        assertArrayEquals(expected, grad, "only 10..990 change, each by (float) (a·w)");
    }
}
