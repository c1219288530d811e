package dev.slope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {
    /** n 1x1 images whose pixel is their index. */
    static ImageSet indexed(int n) {
        byte[] px = new byte[n];
        for (int i = 0; i < n; i++) {
            px[i] = (byte) i;
        }
        return new ImageSet(px, new int[n], 1, 1, 1, List.of("only"));
    }

    static List<Integer> pixels(ImageSet s) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.pixel(i, 0));
        }
        return out;
    }

    @Test
    void aHoldOutIsDisjointCompleteSortedAndSeeded() {
        ImageSet all = indexed(200);
        Split a = Split.holdOut(all, 0.1, 7);
        assertEquals(20, a.validation().size());
        assertEquals(180, a.train().size());
        Set<Integer> union = new HashSet<>(pixels(a.train()));
        union.addAll(pixels(a.validation()));
        assertEquals(200, union.size(), "every image lands in exactly one part");
        List<Integer> train = pixels(a.train());
        for (int i = 1; i < train.size(); i++) {
            assertTrue(train.get(i) > train.get(i - 1), "the parts keep the original order");
        }
        assertEquals(pixels(a.validation()), pixels(Split.holdOut(all, 0.1, 7).validation()), "the same seed, the same split");
        assertNotEquals(pixels(a.validation()), pixels(Split.holdOut(all, 0.1, 8).validation()));
        assertEquals(0, Split.holdOut(all, 0, 7).validation().size());
        assertEquals(pixels(all), pixels(Split.holdOut(all, 0, 7).train()));
    }

    @Test
    void badFractionsAreRefused() {
        ImageSet all = indexed(10);
        for (double f : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> Split.holdOut(all, f, 1), "fraction " + f);
        }
    }
}
