package dev.slope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10's binary format, written here as documented: per record 1 label byte, then R, G, B planes of 32×32. */
class Cifar10ReaderTest {
    @TempDir
    Path dir;

    /** Record r: label r mod 10; channel ch of pixel p is (r + 3p + 101ch) mod 256. */
    static byte[] batch(int records, int firstRecord) {
        byte[] out = new byte[records * Cifar10Reader.RECORD];
        for (int r = 0; r < records; r++) {
            int o = r * Cifar10Reader.RECORD;
            int id = firstRecord + r;
            out[o] = (byte) (id % 10);
            for (int ch = 0; ch < 3; ch++) {
                for (int p = 0; p < 1024; p++) {
                    out[o + 1 + ch * 1024 + p] = (byte) ((id + 3 * p + 101 * ch) % 256);
                }
            }
        }
        return out;
    }

    static void writeCifar(Path dir, int perBatch) throws IOException {
        for (int b = 1; b <= 5; b++) {
            Files.write(dir.resolve("data_batch_" + b + ".bin"), batch(perBatch, (b - 1) * perBatch));
        }
        Files.write(dir.resolve("test_batch.bin"), batch(perBatch, 1000));
        Files.writeString(dir.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n", StandardCharsets.UTF_8);
    }

    @Test
    void readsAllBatchesChannelsLast() throws IOException {
        writeCifar(dir, 4);
        ImageData data = Datasets.open(dir);
        assertEquals("CIFAR-10 binary", data.format());
        ImageSet train = data.train();
        assertEquals(20, train.size());
        assertEquals(32, train.height());
        assertEquals(3, train.channels());
        assertEquals("truck", train.classNames().get(9));
        assertEquals(7, train.label(17));
        // pixel (row 2, col 5) = plane index 69; green channel of record 17
        assertEquals((17 + 3 * 69 + 101) % 256, train.pixel(17, 69 * 3 + 1));
        assertEquals(4, data.test().size());
        assertEquals(1000 % 10, data.test().label(0));
    }

    @Test
    void findsTheBatchesFolderInside() throws IOException {
        Path inner = Files.createDirectory(dir.resolve("cifar-10-batches-bin"));
        writeCifar(inner, 2);
        assertEquals(10, Datasets.open(dir).train().size());
    }

    @Test
    void aBatchWhoseSizeIsNotAMultipleOfTheRecordIsRejected() throws IOException {
        writeCifar(dir, 3);
        byte[] cut = Arrays.copyOf(batch(3, 0), 3 * 3073 - 100);
        Files.write(dir.resolve("data_batch_2.bin"), cut);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.open(dir));
        assertTrue(e.getMessage().contains("data_batch_2.bin") && e.getMessage().contains("not a multiple of 3073"),
                e.getMessage());
    }

    @Test
    void aLabelOutsideTheClassesIsRejected() throws IOException {
        writeCifar(dir, 3);
        byte[] b = batch(3, 0);
        b[2 * 3073] = 12;
        Files.write(dir.resolve("test_batch.bin"), b);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.open(dir));
        assertTrue(e.getMessage().contains("label 12 of record 2") && e.getMessage().contains("at byte 6146"), e.getMessage());
    }
}
