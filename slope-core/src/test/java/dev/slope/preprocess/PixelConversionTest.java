package dev.slope.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD byte-to-float conversion gives the plain loop's floats, bit for bit, at every length and offset. */
class PixelConversionTest {

    @Test
    void simdAndPlainLoopsGiveTheSameBits() {
        assertTrue(PixelConversion.VECTOR, "the tests run with jdk.incubator.vector, so the SIMD path is the one under test");
        SplittableRandom r = new SplittableRandom(9);
        for (int pixels : new int[] {1, 7, 15, 16, 17, 33, 784, 3072}) {
            byte[] raw = new byte[3 * pixels + 5];
            for (int k = 0; k < raw.length; k++) {
                raw[k] = (byte) r.nextInt(256);
            }
            raw[2] = (byte) 255;
            raw[3] = 0;
            float[] mean = new float[pixels];
            for (int k = 0; k < pixels; k++) {
                mean[k] = (float) (r.nextDouble() * 0.9);
            }
            for (float[] mu : new float[][] {mean, new float[0]}) {
                for (int offset : new int[] {0, 3, pixels + 5}) {
                    float scale = 1f / 255;
                    float[] simd = new float[pixels];
                    float[] plain = new float[pixels];
                    VectorPixels.convert(raw, offset, simd, scale, mu, pixels);
                    PixelConversion.scalar(raw, offset, plain, scale, mu, pixels, 0);
                    assertArrayEquals(plain, simd, 0f, pixels + " pixels from " + offset);
                    for (int k = 0; k < pixels; k++) {
                        float expected = (raw[offset + k] & 0xFF) * scale - (mu.length == 0 ? 0 : mu[k]);
                        assertTrue(Float.floatToRawIntBits(expected) == Float.floatToRawIntBits(simd[k])
                                || (mu.length == 0 && expected == simd[k]), "pixel " + k);
                    }
                }
            }
        }
    }
}
