package dev.slope.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(exact, got, 1e-13 * exact, "summed in double");
        assertArrayEquals(expected, grad, 1e-6f, "only 10..990 change, each by a·w");
        for (int k : new int[] {0, 9, 990, 1000}) {
            assertEquals(expected[k], grad[k], 0f, "untouched at " + k);
        }
    }

    @Test
    void everyRangeAndTailIsSummedAndTheGradientChangesNothingInTheSum() {
        float[] w = randoms(7_853, 1);
        int[][] ranges = {{0, 7_853}, {0, 7_850}, {3, 788}, {785, 1_570}, {5, 5}, {0, 15}, {1, 17}, {100, 131}};
        for (int[] r : ranges) {
            double plain = 0;
            for (int k = r[0]; k < r[1]; k++) {
                plain += (double) w[k] * w[k];
            }
            double squares = Sweeps.squares(w, r[0], r[1]);
            assertEquals(plain, squares, 1e-13 * plain, () -> "Σw² on " + r[0] + ".." + r[1]);
            assertEquals(squares, Sweeps.addScaledSquares(w, r[0], r[1], -0.37, new float[w.length]), 0.0,
                    "the same sum, in the same order");
        }
        assertEquals(Sweeps.squares(w, 0, w.length), Sweeps.squares(w), 0.0);
    }
}
