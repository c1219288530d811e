package dev.slope.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.References;
import dev.slope.data.ImageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HogTest {
    /** Where Debian's python3-skimage keeps its sample images and its HOG golden values (.ci/run installs it). */
    static final Path SKIMAGE_DATA = Path.of("/usr/lib/python3/dist-packages/skimage/data");

    static float[] hog(Hog h, byte[] image, int height, int width, int channels) {
        float[] out = new float[h.dim(height, width, channels)];
        h.compute(image, 0, height, width, channels, out, 0);
        return out;
    }

    /** The lecture's example: a 320×240 image in 8×8 cells with 9 bins is 40×30 cells × 9 = 10,800 numbers. */
    @Test
    void theLecturesImageSizeGives10800Numbers() {
        Hog simple = new Hog(8, 1, 9, Hog.Norm.NONE);
        assertEquals(10_800, simple.dim(240, 320, 3));
        assertEquals(10_800, hog(simple, new byte[240 * 320 * 3], 240, 320, 3).length);
        // with 2x2 blocks: 39 x 29 block positions, 36 numbers each
        assertEquals(39 * 29 * 36, new Hog(8, 2, 9, Hog.Norm.L2HYS).dim(240, 320, 1));
    }

    /** A single vertical edge has horizontal gradients only: every cell's magnitude lands in the 0-degree bin. */
    @Test
    void aSingleEdgeDirectionFillsOneBin() {
        int size = 16;
        byte[] img = new byte[size * size];
        for (int r = 0; r < size; r++) {
            for (int c = size / 2; c < size; c++) {
                img[r * size + c] = (byte) 255;
            }
        }
        float[] v = hog(new Hog(8, 1, 9, Hog.Norm.NONE), img, size, size, 1);
        // cells (0,0), (0,1), (1,0), (1,1); the edge runs between columns 7 and 8: columns 7 and 8 see gradient 1
        for (int cell = 0; cell < 4; cell++) {
            for (int b = 1; b < 9; b++) {
                assertEquals(0f, v[cell * 9 + b], "cell " + cell + " bin " + b);
            }
        }
        // each edge cell: 8 rows x 1 column with |g| = 1, over the cell's area 64
        assertEquals(8.0 / 64, v[0], 1e-7);
        assertEquals(8.0 / 64, v[9], 1e-7);
        // a horizontal edge turns it to 90 degrees: bin 4 of 9 (80..100)
        byte[] turned = new byte[size * size];
        for (int r = size / 2; r < size; r++) {
            for (int c = 0; c < size; c++) {
                turned[r * size + c] = (byte) 255;
            }
        }
        float[] t = hog(new Hog(8, 1, 9, Hog.Norm.NONE), turned, size, size, 1);
        assertEquals(8.0 / 64, t[4], 1e-7);
        assertEquals(0f, t[0]);
    }

    @Test
    void blocksAreNormalized() {
        byte[] img = new byte[32 * 32];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int k = 0; k < img.length; k++) {
            img[k] = (byte) r.nextInt(256);
        }
        float[] l2 = hog(new Hog(8, 2, 9, Hog.Norm.L2HYS), img, 32, 32, 1);
        float[] l1 = hog(new Hog(8, 2, 9, Hog.Norm.L1), img, 32, 32, 1);
        for (int b = 0; b < 9; b++) {
            double sq = 0;
            double abs = 0;
            for (int k = 0; k < 36; k++) {
                sq += l2[b * 36 + k] * l2[b * 36 + k];
                abs += Math.abs(l1[b * 36 + k]);
                assertTrue(l2[b * 36 + k] <= 0.2 / 0.2 + 1e-6);
            }
            assertEquals(1, Math.sqrt(sq), 1e-3, "L2-Hys block " + b + " has unit norm");
            assertEquals(1, abs, 1e-3, "L1 block " + b + " sums to 1");
        }
    }

    @Test
    void aCellLargerThanTheImageIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Hog(8, 2, 9, Hog.Norm.L2HYS).dim(12, 12, 1));
        assertTrue(e.getMessage().contains("needs images of at least 16x16 pixels; these are 12x12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Hog(0, 2, 9, Hog.Norm.NONE));
    }

    /** A .npy file of float64 values (little-endian, C order), as numpy writes it. */
    static double[] readNpy(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLength = major == 1 ? buf.getShort(8) & 0xFFFF : buf.getInt(8);
        int start = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(bytes, major == 1 ? 10 : 12, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'<f8'") && header.contains("'fortran_order': False"), header);
        double[] out = new double[(bytes.length - start) / 8];
        buf.position(start);
        buf.asDoubleBuffer().get(out);
        return out;
    }

    /**
     * scikit-image's own golden values: hog(rgb2gray(astronaut), orientations=9, pixels_per_cell=(8, 8),
     * cells_per_block=(3, 3), block_norm='L1' or 'L2-Hys'), on the 512×512 astronaut photograph.
     */
    @Test
    void agreesWithScikitImageOnTheAstronaut() throws IOException {
        References.require(Files.isDirectory(SKIMAGE_DATA), "scikit-image's HOG golden values", "python3-skimage");
        byte[] rgb = ImageFiles.read(SKIMAGE_DATA.resolve("astronaut.png"), 512, 512, 3);
        for (String[] c : new String[][] {{"L1", "astronaut_GRAY_hog_L1.npy"}, {"L2HYS", "astronaut_GRAY_hog_L2-Hys.npy"}}) {
            double[] golden = readNpy(SKIMAGE_DATA.resolve(c[1]));
            float[] ours = hog(new Hog(8, 3, 9, Hog.Norm.valueOf(c[0])), rgb, 512, 512, 3);
            assertEquals(golden.length, ours.length);
            double maxDiff = 0;
            for (int k = 0; k < ours.length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(ours[k] - golden[k]));
            }
            assertTrue(maxDiff < 1e-6, c[0] + ": largest difference from scikit-image " + maxDiff);
        }
    }
}
