package dev.slope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.SlopeException;
import dev.slope.TestRuns;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path dir;

    /** Writes H×W grey bytes as an 8-bit grey image file. */
    Path grey(String name, byte[] pixels, int h, int w, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, w, h, pixels);
        Path f = dir.resolve(name);
        ImageIO.write(img, format, f.toFile());
        return f;
    }

    /** Writes H×W grey bytes as an RGB image with r = g = b. */
    Path rgbOfGrey(String name, byte[] pixels, int h, int w) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int v = pixels[r * w + c] & 0xFF;
                img.setRGB(c, r, v << 16 | v << 8 | v);
            }
        }
        Path f = dir.resolve(name);
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void aGreyRampReadsBackAsStoredNotGammaConverted() throws IOException {
        byte[] ramp = {0, 32, 64, (byte) 128, (byte) 200, (byte) 255};
        assertArrayEquals(ramp, ImageFiles.read(grey("ramp.png", ramp, 1, 6, "png"), 1, 6, 1));
        assertArrayEquals(ramp, ImageFiles.read(rgbOfGrey("ramp-rgb.png", ramp, 1, 6), 1, 6, 1));
        byte[] three = ImageFiles.read(grey("ramp3.png", ramp, 1, 6, "png"), 1, 6, 3);
        for (int k = 0; k < 6; k++) {
            assertEquals(ramp[k], three[3 * k]);
            assertEquals(ramp[k], three[3 * k + 2], "a grey value is repeated on every channel");
        }
    }

    /** A test image of the dataset saved as a grey PNG reads back as its dataset row, byte for byte. */
    @Test
    void aDatasetImageSavedAsPngIsTheSameImage() throws IOException {
        ImageSet test = TestRuns.shipped().test().head(30);
        for (int i = 0; i < test.size(); i++) {
            byte[] row = Arrays.copyOfRange(test.pixelBuffer(), i * 784, (i + 1) * 784);
            assertArrayEquals(row, ImageFiles.read(grey("t" + i + ".png", row, 28, 28, "png"), 28, 28, 1), "image " + i);
            assertArrayEquals(row, ImageFiles.read(grey("t" + i + ".bmp", row, 28, 28, "bmp"), 28, 28, 1), "image " + i);
        }
    }

    @Test
    void colourBecomesLumaForAGreyModel() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        img.setRGB(1, 0, 0x0000FF);
        Path f = dir.resolve("rb.png");
        ImageIO.write(img, "png", f.toFile());
        assertArrayEquals(new byte[] {(byte) 76, (byte) 29}, ImageFiles.read(f, 1, 2, 1), "0.299·255 and 0.114·255");
        assertArrayEquals(new byte[] {(byte) 255, 0, 0, 0, 0, (byte) 255}, ImageFiles.read(f, 1, 2, 3));
    }

    @Test
    void resizingEnlargesLinearlyAndShrinksByArea() {
        // 1x2 -> 1x4: centres at -0.25, 0.25, 0.75, 1.25 of the source, clamped
        float[] up = ImageFiles.resize(new float[] {0, 100}, 1, 2, 1, 1, 4);
        assertArrayEquals(new float[] {0, 25, 75, 100}, up, 1e-4f);
        // 1x4 -> 1x2: each target pixel averages two source pixels
        float[] down = ImageFiles.resize(new float[] {0, 100, 50, 50}, 1, 4, 1, 1, 2);
        assertArrayEquals(new float[] {50, 50}, down, 1e-4f);
        // 3 -> 2: overlaps of 1.5 source pixels
        float[] thirds = ImageFiles.resize(new float[] {0, 30, 60}, 3, 1, 1, 2, 1);
        assertArrayEquals(new float[] {10, 50}, thirds, 1e-4f);
        // a constant image stays constant, in both directions and on every channel
        float[] flat = new float[7 * 5 * 3];
        Arrays.fill(flat, 42);
        for (float v : ImageFiles.resize(flat, 7, 5, 3, 28, 3)) {
            assertEquals(42, v, 1e-4);
        }
    }

    @Test
    void badFilesAreNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(text, 28, 28, 1));
        assertTrue(e.getMessage().startsWith(text.toString()), e.getMessage());
        SlopeException folder = assertThrows(SlopeException.class, () -> ImageFiles.read(dir, 28, 28, 1));
        assertTrue(folder.getMessage().contains("is a folder, not a file"), folder.getMessage());
        SlopeException missing = assertThrows(SlopeException.class, () -> ImageFiles.read(dir.resolve("x.png"), 28, 28, 1));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    /** A 57-byte PNG whose header claims 20000×20000 RGBA (1.6 GB decoded) is refused before decoding. */
    @Test
    void aLyingHeaderIsRefusedBeforeDecoding() throws IOException {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(20000).putInt(20000)
                .put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue()).putInt(0).put("IEND".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(0xAE426082);
        Path f = Files.write(dir.resolve("huge.png"), png.array());
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(f, 28, 28, 1));
        assertTrue(e.getMessage().contains("the header says 20000x20000 pixels"), e.getMessage());
    }

    @Test
    void withoutResizingAnotherSizeIsRefused() throws IOException {
        Path f = grey("small.png", new byte[6], 2, 3, "png");
        assertArrayEquals(new int[] {2, 3}, ImageFiles.size(f));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(f, 28, 28, 1, false));
        assertTrue(e.getMessage().contains("is 2x3 but the other images are 28x28"), e.getMessage());
        assertEquals(28 * 28, ImageFiles.read(f, 28, 28, 1, true).length);
    }
}
