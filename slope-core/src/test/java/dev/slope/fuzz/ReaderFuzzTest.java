package dev.slope.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.slope.SlopeException;
import dev.slope.data.Cifar10Reader;
import dev.slope.data.IdxReader;
import dev.slope.io.KnnFile;
import dev.slope.io.ModelFile;
import dev.slope.io.ScoresCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every reader of outside bytes (IDX, CIFAR-10, model files, kNN model files, image files, the scores CSV), fuzzed: the only outcome allowed for bad bytes is the reader's documented
 * {@link SlopeException} (a {@code DataFormatException} names the file and the offset) with a message; any other
 * exception, a hang or an out-of-memory is a finding. Inside {@code mvn verify} each target runs over its committed
 * inputs (src/test/resources/dev/slope/fuzz/ReaderFuzzTestInputs/&lt;target&gt;/: valid files and cut ones); with
 * {@code JAZZER_FUZZ=1} one target is fuzzed for its {@code maxDuration} (`.ci/run` does that for each).
 */
class ReaderFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("slope-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<String> TEN = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static Path write(String name, byte[] data) {
        try {
            return Files.write(DIR.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a read; a SlopeException with a message is the allowed answer to bad bytes. */
    private static void clearErrorOnly(Runnable read) {
        try {
            read.run();
        } catch (SlopeException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a reader's error without a message", e);
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void idx(byte[] data) {
        Path file = write("input.idx", data);
        clearErrorOnly(() -> IdxReader.read(file));
    }

    @FuzzTest(maxDuration = "10s")
    void cifar10(byte[] data) {
        Path file = write("data_batch_1.bin", data);
        clearErrorOnly(() -> Cifar10Reader.readBatches(List.of(file), TEN));
    }

    @FuzzTest(maxDuration = "10s")
    void modelFile(byte[] data) {
        Path file = write("model.slope", data);
        clearErrorOnly(() -> ModelFile.decode(file, data));
    }

    /** A checkpoint file; the history segments it names are read from the same folder (there are none). */
    @FuzzTest(maxDuration = "10s")
    void checkpointFile(byte[] data) {
        write(dev.slope.runfiles.CheckpointFile.NAME, data);
        clearErrorOnly(() -> dev.slope.runfiles.CheckpointFile.load(dev.slope.runfiles.CheckpointStore.folder(DIR)));
    }

    /** A checkpoint's history segment, taken as segment 1 of the run it names (bytes 12 to 20). */
    @FuzzTest(maxDuration = "10s")
    void checkpointHistory(byte[] data) {
        Path file = write("history-000001.bin", data);
        long run = data.length >= 20 ? java.nio.ByteBuffer.wrap(data, 12, 8).getLong() : 0;
        clearErrorOnly(() -> dev.slope.runfiles.CheckpointFile.decodeSegment(file, data, run, 1,
                new dev.slope.learn.History()));
    }

    @FuzzTest(maxDuration = "10s")
    void knnFile(byte[] data) {
        Path file = write("knn.slope", data);
        clearErrorOnly(() -> KnnFile.decode(file, data));
    }

    @FuzzTest(maxDuration = "10s")
    void imageFile(byte[] data) {
        Path file = write("image.png", data);
        clearErrorOnly(() -> dev.slope.data.ImageFiles.read(file, 28, 28, 1, true));
    }

    @FuzzTest(maxDuration = "10s")
    void runFolder(byte[] data) {
        Path dir = DIR.resolve("run");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write("run/run.json", data);
        clearErrorOnly(() -> dev.slope.viz.RunReport.html(dir));
    }

    @FuzzTest(maxDuration = "10s")
    void scoresCsv(byte[] data) {
        Path file = write("scores.csv", data);
        clearErrorOnly(() -> ScoresCsv.readScores(file));
        clearErrorOnly(() -> ScoresCsv.readLabels(file, 3));
    }
}
