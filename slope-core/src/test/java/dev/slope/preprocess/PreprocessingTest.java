package dev.slope.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
