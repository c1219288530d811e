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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    /** The project folder: tests run in slope-core/. */
    static final Path HOME = Path.of("..");

    @TempDir
    Path dir;

    @Test
    void theShippedSubsetIsRealFashionMnist() {
        ImageData data = Datasets.open(Datasets.resolve(null, HOME));
        assertEquals("IDX", data.format());
        assertEquals(12000, data.train().size());
        assertEquals(2000, data.test().size());
        assertEquals(28, data.train().height());
        assertEquals(Datasets.FASHION_CLASSES, data.train().classNames());
        int[] perClass = new int[10];
        Arrays.fill(perClass, 1200);
        assertArrayEquals(perClass, data.train().classCounts());
    }

    @Test
    void idxFolderWithoutClassNamesGetsNumbers() throws IOException {
        IdxFiles.writeSet(dir, "train", 20, 4, 4, 5, false);
        IdxFiles.writeSet(dir, "t10k", 10, 4, 4, 5, true);
        ImageData data = Datasets.open(dir);
        assertEquals(5, data.train().classCount());
        assertEquals("4", data.train().classNames().get(4));
        assertEquals(10, data.test().size());
    }

    @Test
    void missingTestFilesAreNamed() throws IOException {
        IdxFiles.writeSet(dir, "train", 20, 4, 4, 5, false);
        SlopeException e = assertThrows(SlopeException.class, () -> Datasets.open(dir));
        assertTrue(e.getMessage().contains("missing t10k-images-idx3-ubyte[.gz]"), e.getMessage());
    }

    @Test
    void badPathsSayWhatToDo() throws IOException {
        SlopeException e = assertThrows(SlopeException.class, () -> Datasets.open(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("no such folder") && dev.slope.FieldNames.FLAGS.messageOf(e).contains("--data"), e.getMessage());
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        e = assertThrows(SlopeException.class, () -> Datasets.open(file));
        assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
        e = assertThrows(SlopeException.class, () -> Datasets.open(dir));
        assertTrue(e.getMessage().contains("no dataset found") && e.getMessage().contains("data_batch_1.bin"), e.getMessage());
    }

    @Test
    void splitIsSeededAndDisjoint() {
        ImageSet all = Datasets.open(Datasets.resolve("small", HOME)).test();
        Split a = Split.holdOut(all, 0.25, 7);
        Split b = Split.holdOut(all, 0.25, 7);
        Split c = Split.holdOut(all, 0.25, 8);
        assertEquals(500, a.validation().size());
        assertEquals(1500, a.train().size());
        assertArrayEquals(a.validation().labels(), b.validation().labels());
        assertArrayEquals(a.validation().pixelBuffer(), b.validation().pixelBuffer());
        assertTrue(!Arrays.equals(a.validation().pixelBuffer(), c.validation().pixelBuffer()));
        assertThrows(IllegalArgumentException.class, () -> Split.holdOut(all, 1.0, 1));
    }
}
