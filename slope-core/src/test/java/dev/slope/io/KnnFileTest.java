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
        DataFormatException lying = assertThrows(DataFormatException.class, () -> KnnFile.decode(Path.of("k.slope"),
                withHeader(good, "\"rows\":500", "\"rows\":900")));
        assertTrue(lying.getMessage().contains("fewer bytes than the header"), lying.getMessage());
        // 500,000 rows of 784 bytes from about 0.2 MB: more than deflate's 1032:1 can hold, refused unallocated
        DataFormatException huge = assertThrows(DataFormatException.class, () -> KnnFile.decode(Path.of("k.slope"),
                withHeader(good, "\"rows\":500", "\"rows\":500000")));
        assertTrue(huge.getMessage().contains("more than deflate can hold"), huge.getMessage());
    }

    /** The file with one text of its header replaced and the checksum fixed up. */
    static byte[] withHeader(byte[] good, String was, String is) {
        int headerLength = ByteBuffer.wrap(good, 12, 4).getInt();
        String header = new String(good, 16, headerLength, java.nio.charset.StandardCharsets.UTF_8);
        String lie = header.replace(was, is);
        assertTrue(!lie.equals(header), header);
        byte[] h = lie.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(good.length - headerLength + h.length);
        b.put(good, 0, 12).putInt(h.length).put(h).put(good, 16 + headerLength, good.length - 16 - headerLength - 4);
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(b.array(), 0, b.position());
        b.putInt((int) c.getValue());
        return b.array();
    }

    /** Any fitted pipeline is saved with the rows: mean image, bias column, HOG and its standardizer. */
    @Test
    void aKnnOverAFittedFeaturePipelineRoundTrips() {
        ImageData data = TestRuns.shipped();
        Pipeline fitted = dev.slope.optimize.TrainConfig.builder().parse("features", "hog,pixels").parse("hog_cell", "7")
                .build().pipelineSpec().fit(data.train().head(200));
        Dataset train = TestRuns.rows(fitted, data.train().head(200));
        Dataset test = TestRuns.rows(fitted, data.test().head(40));
        KnnClassifier knn = new KnnClassifier(train, 3, Distance.L1);
        KnnClassifier back = KnnFile.decode(Path.of("knn.slope"), KnnFile.encode(knn, Provenance.ofSettings(Map.of())));
        assertEquals(fitted, back.pipeline());
        assertArrayEquals(knn.outputs(test, TestRuns.ENGINE), back.outputs(test, TestRuns.ENGINE));
    }

    /** A file of format version 1 (raw pixels only), as the previous Slope wrote it, still loads and predicts. */
    @Test
    void aVersionOneFileStillLoads() throws Exception {
        byte[] v1 = Files.readAllBytes(Path.of("src/test/resources/dev/slope/fuzz/ReaderFuzzTestInputs/knnFile/knn-30-images"));
        assertEquals(1, ByteBuffer.wrap(v1, 8, 4).getInt());
        KnnClassifier knn = KnnFile.decode(Path.of("knn-30-images"), v1);
        ImageData data = TestRuns.shipped();
        int[] predicted = knn.predict(TestRuns.rows(knn.pipeline(), data.test().head(20)), TestRuns.ENGINE);
        assertEquals(20, predicted.length);
        assertEquals(KnnLearner.RAW_PIXELS.fit(data.train().head(1)).pixels().scale(), knn.pipeline().pixels().scale());
    }

    @Test
    void aTextFileIsNotAModel() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.slope"), "hello");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFile.loadClassifier(text));
        assertTrue(e.getMessage().contains("SLOPEKNN"), e.getMessage());
    }
}
