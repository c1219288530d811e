package dev.slope.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.ImageSet;
import dev.slope.features.FeatureSet;
import dev.slope.features.Hog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {
    private static final ImageSet IMAGES = TestRuns.shipped().train().head(50);
    private static final FeatureSet HOG8 = new FeatureSet(List.of(new Hog(8, 2, 9, Hog.Norm.L2HYS)));
    private static final FeatureSet HOG4 = new FeatureSet(List.of(new Hog(4, 2, 9, Hog.Norm.L2HYS)));

    @Test
    void aSecondRunReadsWhatTheFirstComputed(@TempDir Path dir) {
        FeatureCache cache = FeatureCache.in(dir.resolve("cache"));
        int d = HOG8.dim(28, 28, 1);
        AtomicInteger computed = new AtomicInteger();
        float[] first = cache.rows(HOG8, IMAGES, d, () -> count(computed, HOG8, d));
        float[] second = cache.rows(HOG8, IMAGES, d, () -> count(computed, HOG8, d));
        assertEquals(1, computed.get(), "computed once, then read");
        assertArrayEquals(first, second, 0f);
        assertArrayEquals(Pipeline.computeFeatures(HOG8, IMAGES, d, TestRuns.ENGINE), second, 0f, "the numbers the pipeline computes");
    }

    @Test
    void aChangedSettingOrChangedImagesNeverReadAStaleFile() {
        String key = FeatureCache.key(HOG8, IMAGES);
        assertEquals(64, key.length());
        assertEquals(key, FeatureCache.key(new FeatureSet(List.of(new Hog(8, 2, 9, Hog.Norm.L2HYS))), IMAGES.head(50)));
        assertNotEquals(key, FeatureCache.key(HOG4, IMAGES), "another cell size");
        assertNotEquals(key, FeatureCache.key(HOG8, IMAGES.head(49)), "fewer images");
        ImageSet other = TestRuns.shipped().train().select(java.util.stream.IntStream.range(1, 51).toArray());
        assertNotEquals(key, FeatureCache.key(HOG8, other), "other images of the same count");
    }

    @Test
    void aCutFileIsIgnoredAndReplaced(@TempDir Path dir) throws IOException {
        FeatureCache cache = FeatureCache.in(dir);
        int d = HOG8.dim(28, 28, 1);
        float[] rows = cache.rows(HOG8, IMAGES, d, () -> Pipeline.computeFeatures(HOG8, IMAGES, d, TestRuns.ENGINE));
        Path file = dir.resolve(FeatureCache.key(HOG8, IMAGES) + ".features");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        AtomicInteger computed = new AtomicInteger();
        assertArrayEquals(rows, cache.rows(HOG8, IMAGES, d, () -> count(computed, HOG8, d)), 0f);
        assertEquals(1, computed.get(), "a cut file is computed again");
        assertEquals(whole.length, Files.size(file), "and written whole");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aCacheThatCannotBeWrittenIsReportedAndTheRunGoesOn(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        int d = HOG8.dim(28, 28, 1);
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        float[] rows;
        try {
            rows = FeatureCache.in(notADirectory.resolve("cache")).rows(HOG8, IMAGES, d,
                    () -> Pipeline.computeFeatures(HOG8, IMAGES, d, TestRuns.ENGINE));
        } finally {
            System.setErr(err);
        }
        assertEquals(IMAGES.size() * d, rows.length);
        assertTrue(captured.toString().contains("could not write the feature cache"), captured.toString());
    }

    @Test
    void thePropertyComesBeforeTheEnvironment() {
        assertNull(FeatureCache.configured(null, Map.of()).dir());
        assertEquals(Path.of("/e"), FeatureCache.configured(null, Map.of(FeatureCache.ENV, "/e")).dir());
        assertEquals(Path.of("/p"), FeatureCache.configured("/p", Map.of(FeatureCache.ENV, "/e")).dir());
        assertNull(FeatureCache.configured(" ", Map.of(FeatureCache.ENV, "")).dir());
    }

    private static float[] count(AtomicInteger computed, FeatureSet f, int d) {
        computed.incrementAndGet();
        return Pipeline.computeFeatures(f, IMAGES, d, TestRuns.ENGINE);
    }
}
