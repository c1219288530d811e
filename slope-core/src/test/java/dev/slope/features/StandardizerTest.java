package dev.slope.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StandardizerTest {
    @Test
    void centresAndScalesEachFeatureToMeanZeroAndUnitSpread() {
        // column 0: 1, 3 (mean 2, σ 1); column 1: 0, 4 (mean 2, σ 2)
        Standardizer s = Standardizer.fit(new float[] {1, 0, 3, 4}, 2, 2);
        assertArrayEquals(new float[] {2, 2}, s.mean(), 0);
        assertArrayEquals(new float[] {1, 0.5f}, s.scale(), 0);
        float[] x = {3, 0};
        s.apply(x, 0);
        assertArrayEquals(new float[] {1, -1}, x, 0);
    }

    /**
     * A pixel fixed at 252 in all 60,000 training images, scaled by 1/255: E[x²] − μ² leaves 1.59e-12 of
     * rounding noise (above the 1e-12 cut-off), which made the scale 7.9e5 and a test image's 0 there a
     * feature of −7.8e5. Two passes give a variance of exactly 0, so the scale stays 1.
     */
    @Test
    void aFeatureThatNeverVariesKeepsAScaleOfOne() {
        int n = 60_000;
        float v = 252 * (1 / 255f);
        float[] rows = new float[2 * n];
        for (int i = 0; i < n; i++) {
            rows[2 * i] = v;
            rows[2 * i + 1] = i % 2;
        }
        Standardizer s = Standardizer.fit(rows, n, 2);
        assertEquals(1f, s.scale()[0], 0);
        assertEquals(v, s.mean()[0], 0);
        assertEquals(2f, s.scale()[1], 1e-6);
        float[] test = {0, 1};
        s.apply(test, 0);
        assertEquals(-v, test[0], 1e-6, "a constant feature is only centred");
    }
}
