package dev.slope.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.data.ImageSet;
import dev.slope.data.Split;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pipeline is fitted on the training split only and applied to every split. */
class SplitsTest {
    /** n 1x1 grey images whose pixel is their index, labels alternating. */
    static ImageSet indexed(int n) {
        byte[] px = new byte[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = (byte) i;
            labels[i] = i % 2;
        }
        return new ImageSet(px, labels, 1, 1, 1, List.of("even", "odd"));
    }

    @Test
    void theMeanImageIsTheTrainingSplitsAlone() {
        ImageSet all = indexed(100);
        ImageSet test = indexed(10);
        Splits s = Splits.prepare(dev.slope.TestRuns.source(all), all, test, new Pipeline.Spec(1f, true, true), 0.2, 7);
        assertEquals(80, s.train().size());
        assertEquals(20, s.validation().size());
        assertEquals(10, s.test().size());
        double sum = 0;
        float[] row = new float[2];
        Set<Integer> trainPixels = new HashSet<>();
        for (int i = 0; i < 80; i++) {
            s.train().rows().copyRow(i, row);
            assertEquals(1f, row[1], "the bias trick's 1");
            sum += row[0];
        }
        assertEquals(0, sum, 1e-3, "training rows are centred on their own mean");
        float mean = s.pipeline().pixels().mean()[0];
        for (int i = 0; i < 80; i++) {
            s.train().rows().copyRow(i, row);
            trainPixels.add(Math.round(row[0] + mean));
        }
        for (int i = 0; i < 20; i++) {
            s.validation().rows().copyRow(i, row);
            int pixel = Math.round(row[0] + mean);
            assertTrue(!trainPixels.contains(pixel), "validation image " + pixel + " is not a training image");
        }
        assertSame(s.pipeline(), s.validation().pipeline());
        assertSame(s.pipeline(), s.test().pipeline());
        s.test().rows().copyRow(3, row);
        assertEquals(3 - mean, row[0], 1e-5);
    }

    @Test
    void kFoldsHoldOutEveryImageOnceAndFitOnTheRest() {
        ImageSet all = indexed(10);
        List<Split> folds = Split.kFold(all, 3, 1);
        assertEquals(3, folds.size());
        Set<Integer> held = new HashSet<>();
        for (Split f : folds) {
            Set<Integer> fit = new HashSet<>();
            for (int i = 0; i < f.train().size(); i++) {
                fit.add(f.train().pixel(i, 0));
            }
            for (int i = 0; i < f.validation().size(); i++) {
                int p = f.validation().pixel(i, 0);
                assertTrue(held.add(p), "image " + p + " held out twice");
                assertTrue(!fit.contains(p));
            }
            assertEquals(10, fit.size() + f.validation().size());
        }
        assertEquals(10, held.size());
        assertArrayEquals(new int[] {3, 3, 4}, folds.stream().mapToInt(f -> f.validation().size()).toArray());
        assertThrows(IllegalArgumentException.class, () -> Split.kFold(all, 11, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.kFold(all, 1, 1));
    }

    @Test
    void anEmptyTrainingSplitIsRefused() {
        ImageSet none = indexed(0);
        assertThrows(IllegalArgumentException.class, () -> Splits.prepare(dev.slope.TestRuns.source(none), none, none, Pipeline.Spec.DEFAULT, 0, 1));
    }
}
