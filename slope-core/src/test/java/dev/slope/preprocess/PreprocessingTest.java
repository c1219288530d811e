package dev.slope.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.data.ImageSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    @Test
    void meanIsFittedOnTheGivenImagesAndTheBiasOneIsAppended() {
        // two 1x2 grey images: pixels (0, 255) and (100, 55)
        ImageSet train = new ImageSet(new byte[] {0, (byte) 255, 100, 55}, new int[] {0, 1}, 1, 2, 1, List.of("a", "b"));
        Preprocessing pre = Preprocessing.fit(train, 1f, true, true);
        assertArrayEquals(new float[] {50, 155}, pre.mean(), 0);
        float[] x = new float[3];
        pre.apply(train.pixelBuffer(), 0, x);
        assertArrayEquals(new float[] {-50, 100, 1}, x, 0);
        Preprocessing scaled = Preprocessing.fit(train, 1f / 255, false, false);
        float[] y = new float[2];
        scaled.apply(train.pixelBuffer(), 2, y);
        assertArrayEquals(new float[] {100f / 255, 55f / 255}, y, 1e-7f);
        assertEquals(2, scaled.inputDim());
    }

    @Test
    void pixelRowsReadThroughThePreprocessing() {
        ImageSet set = new ImageSet(new byte[] {10, 20, 30, 40}, new int[] {0, 1}, 1, 2, 1, List.of("a", "b"));
        PixelRows rows = new PixelRows(set, Preprocessing.fit(set, 1f, true, true));
        float[] out = new float[3];
        rows.copyRow(1, out);
        assertArrayEquals(new float[] {10, 10, 1}, out, 0);
        assertEquals(3, rows.cols());
    }

    /** Raw values given as numbers (a Spark frame's vectors) become the same floats as the same values given as bytes. */
    @Test
    void numbersArePreprocessedExactlyAsBytesAre() {
        java.util.Random random = new java.util.Random(4);
        byte[] pixels = new byte[2 * 300];
        random.nextBytes(pixels);
        ImageSet set = new ImageSet(pixels, new int[] {0, 1}, 10, 10, 3, List.of("a", "b"));
        for (Preprocessing pre : List.of(Preprocessing.fit(set, 1f / 255, true, true),
                Preprocessing.fit(set, 1f / 255, false, false), Preprocessing.fit(set, 0.3f, true, false))) {
            float[] fromBytes = new float[pre.inputDim()];
            pre.apply(pixels, 300, fromBytes);
            float[] raw = new float[300];
            for (int k = 0; k < 300; k++) {
                raw[k] = pixels[300 + k] & 0xFF;
            }
            float[] fromNumbers = new float[pre.inputDim()];
            pre.apply(raw, fromNumbers);
            assertArrayEquals(fromBytes, fromNumbers, 0f, pre.toString());
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.fit(set, 1f, false, false).apply(new float[299], new float[300]));
    }

    @Test
    void pixelRowsAreFiniteByConstructionUnlessTheMeanOrScaleOverflowAndThenTheCheckReadsThem() {
        ImageSet set = new ImageSet(new byte[] {0, (byte) 255, 100, 55}, new int[] {0, 1}, 1, 2, 1, List.of("a", "b"));
        assertTrue(new PixelRows(set, Preprocessing.fit(set, 1f / 255, true, true)).finiteByConstruction());
        // 255 · 1e37 overflows a float: read, the rows say where
        Preprocessing huge = new Preprocessing(1e37f, new float[0], true, 2);
        assertFalse(huge.finiteOnBytes());
        Pipeline pipeline = new Pipeline(1, 2, 1, huge);
        Dataset rows = pipeline.apply(set, dev.slope.data.DatasetInfo.of("t", set, set.head(0)), "training split");
        var e = assertThrows(IllegalArgumentException.class, () -> rows.requireLearnable("the training rows"));
        assertEquals("row 0 of the training rows has Infinity in column 1; every value must be finite (check the"
                + " features that made it)", e.getMessage());
        // 255 · 1e36 is finite alone; less a mean near minus the largest float, it overflows
        assertFalse(new Preprocessing(1e36f, new float[] {-3.4e38f, 0}, false, 2).finiteOnBytes());
        assertTrue(new Preprocessing(1e36f, new float[] {3.4e38f, 0}, false, 2).finiteOnBytes());
    }
}
