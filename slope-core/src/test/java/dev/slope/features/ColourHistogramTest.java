package dev.slope.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ColourHistogramTest {
    static float[] histogram(ColourHistogram h, byte[] image, int height, int width, int channels) {
        float[] out = new float[h.dim(height, width, channels)];
        h.compute(image, 0, height, width, channels, out, 0);
        return out;
    }

    static byte[] filled(int pixels, int r, int g, int b) {
        byte[] img = new byte[pixels * 3];
        for (int p = 0; p < pixels; p++) {
            img[3 * p] = (byte) r;
            img[3 * p + 1] = (byte) g;
            img[3 * p + 2] = (byte) b;
        }
        return img;
    }

    /** One colour: all the mass in its hue's bin (red 0, green 1/3, blue 2/3 of the circle). */
    @Test
    void oneColourFillsOneHueBin() {
        ColourHistogram h = new ColourHistogram(12, false);
        int[][] colours = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}};
        int[] bins = {0, 4, 8, 2};
        for (int k = 0; k < colours.length; k++) {
            float[] v = histogram(h, filled(20, colours[k][0], colours[k][1], colours[k][2]), 4, 5, 3);
            float[] expected = new float[12];
            expected[bins[k]] = 1f;
            assertArrayEquals(expected, v, 1e-6f, "colour " + k);
        }
    }

    @Test
    void saturationAndValueFollowTheHue() {
        float[] v = histogram(new ColourHistogram(4, true), filled(6, 255, 0, 0), 2, 3, 3);
        assertEquals(12, v.length);
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1}, v, 1e-6f, "hue 0, saturation 1, value 1");
        float[] dark = histogram(new ColourHistogram(4, true), filled(6, 0, 0, 0), 2, 3, 3);
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}, dark, 1e-6f, "black: hue 0, saturation 0, value 0");
    }

    @Test
    void aGreyImageGetsAnIntensityHistogram() {
        byte[] grey = {0, 0, (byte) 255, (byte) 128};
        float[] v = histogram(new ColourHistogram(4, true), grey, 2, 2, 1);
        assertArrayEquals(new float[] {0.5f, 0, 0.25f, 0.25f}, v, 1e-6f);
        // grey 85 is a third of the way up, binned as the value of RGB(85, 85, 85) is: bin 1 of 3, not bin 0
        assertArrayEquals(new float[] {0, 1, 0}, histogram(new ColourHistogram(3, false), new byte[] {85}, 1, 1, 1), 0);
        float[] rgb = histogram(new ColourHistogram(3, true), new byte[] {85, 85, 85}, 1, 1, 3);
        assertArrayEquals(new float[] {0, 1, 0}, java.util.Arrays.copyOfRange(rgb, 6, 9), 0, "the colour image's value bins");
        assertThrows(IllegalArgumentException.class, () -> new ColourHistogram(0, false));
    }
}
