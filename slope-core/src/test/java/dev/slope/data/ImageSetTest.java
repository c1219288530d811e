package dev.slope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A selection shares its parent's pixels and reads exactly as a copy of the chosen images would. */
class ImageSetTest {

    /** n random 2x3x2 images (12 bytes each) with labels 0..2. */
    static ImageSet random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[n * 12];
        int[] labels = new int[n];
        for (int k = 0; k < px.length; k++) {
            px[k] = (byte) r.nextInt(256);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(3);
        }
        return new ImageSet(px, labels, 2, 3, 2, List.of("a", "b", "c"));
    }

    /** The chosen images copied out by hand: what a selection must read as. */
    static byte[] copied(ImageSet all, int[] chosen) {
        byte[] out = new byte[chosen.length * 12];
        for (int n = 0; n < chosen.length; n++) {
            System.arraycopy(all.pixelBuffer(), chosen[n] * 12, out, n * 12, 12);
        }
        return out;
    }

    @Test
    void uniformImagesDrawEveryPixelThenEveryLabelFromTheirStream() {
        ImageSet a = ImageSet.uniform(50, 4, 3, 2, 7, new SplittableRandom(9));
        assertEquals(50, a.size());
        assertEquals(List.of(4, 3, 2), List.of(a.height(), a.width(), a.channels()));
        assertEquals(List.of("class 0", "class 1", "class 2", "class 3", "class 4", "class 5", "class 6"),
                a.classNames());
        // the same draws by hand: 50·4·3·2 bytes, then 50 labels
        SplittableRandom r = new SplittableRandom(9);
        byte[] pixels = new byte[50 * 24];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) r.nextInt(256);
        }
        int[] labels = new int[50];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextInt(7);
        }
        assertArrayEquals(pixels, a.pixelBuffer());
        assertArrayEquals(labels, a.labels());
    }

    @Test
    void aSelectionOfASelectionReadsAsTheCopiedImagesAndSharesTheStore() throws Exception {
        ImageSet all = random(50, 3);
        int[] first = {49, 0, 7, 7, 21, 13, 2, 30};
        int[] second = {3, 0, 7, 1};
        ImageSet some = all.select(first);
        ImageSet fewer = some.select(second);
        int[] composed = {first[3], first[0], first[7], first[1]};

        assertSame(all.pixelStore(), fewer.pixelStore(), "no pixel is copied");
        assertArrayEquals(copied(all, composed), fewer.pixelBuffer());
        assertSame(fewer.pixelBuffer(), fewer.pixelBuffer(), "the contiguous copy is made once");
        for (int n = 0; n < composed.length; n++) {
            assertEquals(all.label(composed[n]), fewer.label(n));
            assertArrayEquals(all.image(composed[n]), fewer.image(n));
            assertEquals(composed[n] * 12, fewer.pixelOffset(n));
            for (int k = 0; k < 12; k++) {
                assertEquals(all.pixel(composed[n], k), fewer.pixel(n, k));
            }
        }
        MessageDigest viaView = MessageDigest.getInstance("SHA-256");
        fewer.digestPixels(viaView);
        MessageDigest viaCopy = MessageDigest.getInstance("SHA-256");
        viaCopy.update(copied(all, composed));
        assertArrayEquals(viaCopy.digest(), viaView.digest());
        assertEquals(DatasetInfo.sha256(fewer), DatasetInfo.sha256(new ImageSet(copied(all, composed),
                fewer.labels(), 2, 3, 2, all.classNames())), "a selection's provenance is its images', not its store's");
    }

    @Test
    void aSetReadFromFilesIsItsOwnBuffer() {
        ImageSet all = random(5, 4);
        assertSame(all.pixelStore(), all.pixelBuffer());
        assertEquals(24, all.pixelOffset(2));
        assertEquals(0, all.head(0).size());
        assertArrayEquals(copied(all, new int[] {0, 1, 2}), all.head(3).pixelBuffer());
    }

    @Test
    void anImageOutsideTheSetIsRefusedByNumber() {
        ImageSet all = random(5, 5);
        var e = assertThrows(IndexOutOfBoundsException.class, () -> all.select(new int[] {1, 5}));
        assertEquals("image 5 of a set of 5", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> all.select(new int[] {0}).select(new int[] {1}));
    }
}
