package dev.slope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.SlopeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static final List<String> THREE = List.of("a", "b", "c");

    @Test
    void readsRawAndGzippedFilesAlike() throws IOException {
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        byte[] idx = IdxFiles.idx(8, new int[] {3, 2, 2}, data);
        Files.write(dir.resolve("raw"), idx);
        Files.write(dir.resolve("packed.gz"), IdxFiles.gzip(idx));
        for (String name : List.of("raw", "packed.gz")) {
            IdxReader.IdxArray a = IdxReader.read(dir.resolve(name));
            assertArrayEquals(new int[] {3, 2, 2}, a.dims());
            assertArrayEquals(data, a.data());
        }
    }

    @Test
    void readsAnImageSetWithItsLabels() throws IOException {
        IdxFiles.writeSet(dir, "train", 5, 3, 4, 3, true);
        ImageSet set = IdxReader.readImageSet(dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), THREE);
        assertEquals(5, set.size());
        assertEquals(3, set.height());
        assertEquals(4, set.width());
        assertEquals(1, set.channels());
        assertEquals(2, set.label(2));
        assertEquals((4 * 7 + 5) % 256, set.pixel(4, 5));
    }

    @Test
    void wrongMagicNumber() throws IOException {
        Path f = dir.resolve("bad");
        Files.write(f, new byte[] {0x50, 0x4b, 3, 4, 0, 0, 0, 0});
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("wrong magic number 0x504B0304"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000803"), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void truncatedBody() throws IOException {
        byte[] idx = IdxFiles.idx(8, new int[] {4, 2, 2}, new byte[16]);
        for (boolean gz : new boolean[] {false, true}) {
            // the header promises 16 bytes, the file ends after 10 of them
            byte[] cut = Arrays.copyOf(idx, idx.length - 6);
            Path f = dir.resolve(gz ? "cut.gz" : "cut");
            Files.write(f, gz ? IdxFiles.gzip(cut) : cut);
            DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
            assertTrue(e.getMessage().contains("16 bytes of data") && e.getMessage().contains("only 10 bytes"), e.getMessage());
        }
    }

    @Test
    void aDamagedGzipStreamIsReported() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.idx(8, new int[] {1000, 28, 28}, new byte[784_000]));
        Path f = dir.resolve("half.gz");
        Files.write(f, Arrays.copyOf(gz, gz.length / 2));
        SlopeException e = assertThrows(SlopeException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void aLyingHeaderIsRejectedBeforeAllocating() throws IOException {
        // claims 2^31-1 x 28 x 28 bytes in a 20-byte file: must fail fast, not run out of memory
        byte[] idx = IdxFiles.idx(8, new int[] {Integer.MAX_VALUE, 28, 28}, new byte[4]);
        Path f = dir.resolve("liar");
        Files.write(f, idx);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("header claims"), e.getMessage());
        byte[] modest = IdxFiles.idx(8, new int[] {60000, 28, 28}, new byte[4]);
        Files.write(f, modest);
        e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("47040000 bytes of data") && e.getMessage().contains("only 4 bytes"), e.getMessage());
        Files.write(dir.resolve("liar.gz"), IdxFiles.gzip(modest));
        e = assertThrows(DataFormatException.class, () -> IdxReader.read(dir.resolve("liar.gz")));
        assertTrue(e.getMessage().contains("(uncompressed)"), e.getMessage());
    }

    @Test
    void imagesAndLabelsOfDifferentCounts() throws IOException {
        Files.write(dir.resolve("img"), IdxFiles.idx(8, new int[] {3, 2, 2}, new byte[12]));
        Files.write(dir.resolve("lab"), IdxFiles.idx(8, new int[] {2}, new byte[2]));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.readImageSet(dir.resolve("img"), dir.resolve("lab"), THREE));
        assertTrue(e.getMessage().contains("holds 2 labels but img holds 3 images"), e.getMessage());
    }

    @Test
    void aLabelOutsideTheClasses() throws IOException {
        Files.write(dir.resolve("img"), IdxFiles.idx(8, new int[] {3, 2, 2}, new byte[12]));
        Files.write(dir.resolve("lab"), IdxFiles.idx(8, new int[] {3}, new byte[] {0, 2, 7}));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.readImageSet(dir.resolve("img"), dir.resolve("lab"), THREE));
        assertTrue(e.getMessage().contains("label 7 of item 2 is outside 0..2"), e.getMessage());
        assertEquals(10, e.offset());
    }

    @Test
    void swappedFilesAreNamed() throws IOException {
        Files.write(dir.resolve("img"), IdxFiles.idx(8, new int[] {3, 2, 2}, new byte[12]));
        Files.write(dir.resolve("lab"), IdxFiles.idx(8, new int[] {3}, new byte[3]));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.readImageSet(dir.resolve("lab"), dir.resolve("img"), THREE));
        assertTrue(e.getMessage().contains("expected an image file"), e.getMessage());
    }

    @Test
    void trailingBytesAndUnsupportedTypes() throws IOException {
        byte[] idx = IdxFiles.idx(8, new int[] {2}, new byte[] {1, 2});
        Files.write(dir.resolve("long"), Arrays.copyOf(idx, idx.length + 3));
        assertThrows(DataFormatException.class, () -> IdxReader.read(dir.resolve("long")));
        Files.write(dir.resolve("floats"), IdxFiles.idx(0x0D, new int[] {1}, new byte[4]));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(dir.resolve("floats")));
        assertTrue(e.getMessage().contains("0x0D is not supported"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        SlopeException e = assertThrows(SlopeException.class, () -> IdxReader.read(dir.resolve("nope")));
        assertTrue(e.getMessage().endsWith("nope: no such file"), e.getMessage());
    }
}
