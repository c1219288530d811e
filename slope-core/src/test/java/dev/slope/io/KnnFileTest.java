package dev.slope.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.DataFormatException;
import dev.slope.data.ImageData;
import dev.slope.knn.Distance;
import dev.slope.knn.KnnClassifier;
import dev.slope.knn.KnnLearner;
import dev.slope.model.Classifier;
import dev.slope.model.Provenance;
import dev.slope.preprocess.Dataset;
import dev.slope.preprocess.Pipeline;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnFileTest {
    @TempDir
    Path dir;

    static KnnClassifier knn() {
        ImageData data = TestRuns.shipped();
        Pipeline p = KnnLearner.RAW_PIXELS.fit(data.train().head(500));
        return new KnnClassifier(TestRuns.rows(p, data.train().head(500)), 3, Distance.L1);
    }

    @Test
    void aSavedKnnModelPredictsAsBeforeAndLoadsAsAClassifier() {
        KnnClassifier knn = knn();
        Path f = dir.resolve("knn.slope");
        KnnFile.save(knn, Provenance.ofSettings(Map.of()), f);
        Classifier back = ModelFile.loadClassifier(f);
        assertTrue(back instanceof KnnClassifier);
        KnnClassifier k = (KnnClassifier) back;
        assertEquals(3, k.k());
        assertEquals(Distance.L1, k.distance());
        assertArrayEquals(knn.trainingRows(), k.trainingRows(), 0f);
        assertEquals(knn.pipeline(), k.pipeline());
        Dataset test = TestRuns.rows(k.pipeline(), TestRuns.shipped().test().head(100));
        assertArrayEquals(knn.predict(test, TestRuns.ENGINE), k.predict(test, TestRuns.ENGINE));
        float[] shares = k.outputs(test, TestRuns.ENGINE);
        float sum = 0;
        for (int c = 0; c < 10; c++) {
            sum += shares[c];
        }
        assertEquals(1f, sum, 1e-6f, "vote shares sum to 1");
        DataFormatException linear = assertThrows(DataFormatException.class, () -> ModelFile.load(f));
        assertTrue(linear.getMessage().contains("is a kNN model, not a linear one"), linear.getMessage());
    }

    @Test
    void damagedCutAndLyingFilesAreNamed() {
        byte[] good = KnnFile.encode(knn(), Provenance.ofSettings(Map.of()));
        for (int len : new int[] {0, 12, 30, good.length / 2, good.length - 1}) {
            assertThrows(DataFormatException.class, () -> KnnFile.decode(Path.of("k.slope"), Arrays.copyOf(good, len)),
                    "cut at " + len);
        }
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        DataFormatException crc = assertThrows(DataFormatException.class, () -> KnnFile.decode(Path.of("k.slope"), flipped));
        assertTrue(crc.getMessage().contains("checksum"), crc.getMessage());
        // a header that lies about the rows, with the checksum fixed up: refused before anything is allocated
        int headerLength = ByteBuffer.wrap(good, 12, 4).getInt();
        String header = new String(good, 16, headerLength, java.nio.charset.StandardCharsets.UTF_8);
        String lie = header.replace("\"rows\":500", "\"rows\":900");
        assertTrue(!lie.equals(header));
        byte[] h = lie.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(good.length - headerLength + h.length);
        b.put(good, 0, 12).putInt(h.length).put(h).put(good, 16 + headerLength, good.length - 16 - headerLength - 4);
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(b.array(), 0, b.position());
        b.putInt((int) c.getValue());
        DataFormatException lying = assertThrows(DataFormatException.class, () -> KnnFile.decode(Path.of("k.slope"),
                b.array()));
        assertTrue(lying.getMessage().contains("fewer bytes than the header"), lying.getMessage());
    }

    @Test
    void aTextFileIsNotAModel() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.slope"), "hello");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFile.loadClassifier(text));
        assertTrue(e.getMessage().contains("SLOPEKNN"), e.getMessage());
    }
}
