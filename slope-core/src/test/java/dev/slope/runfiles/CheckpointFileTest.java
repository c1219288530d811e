package dev.slope.runfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.SlopeException;
import dev.slope.Synthetic;
import dev.slope.TestRuns;
import dev.slope.data.ImageSet;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint folder that two runs write into in turn, and a store that fails: what is left is always readable. */
class CheckpointFileTest {
    static final ImageSet IMAGES = Synthetic.bands(400, 4, 4, 1, 4, 3);

    /** Trains 3 epochs with a checkpoint after each of the first two, through {@code writer}. */
    static void run(CheckpointFile.Writer writer, long seed) {
        TrainConfig c = TrainConfig.builder().parse("epochs", "3").parse("batch_size", "50")
                .parse("seed", Long.toString(seed)).build();
        Splits s = Splits.prepare(TestRuns.source(IMAGES), IMAGES, IMAGES.head(0), c.pipelineSpec(), c.valFraction(),
                c.seed());
        new GradientTrainer(c, TestRuns.ENGINE).train(s.train(), s.validation(),
                new GradientTrainer.Checkpointing(null, 1, writer.sink(s.train(), c.objective().loss(), "test")));
    }

    static CheckpointFile.Restart restart(Path dir) {
        return new CheckpointFile.Restart(Map.of(), dir, Map.of(), dir.resolve("model.slope"), 1);
    }

    /** A store over a folder whose writes of the checkpoint file fail, as a disk that filled up (or a kill) would. */
    static CheckpointStore failingCheckpointFile(Path dir) {
        CheckpointStore folder = CheckpointStore.folder(dir);
        return new CheckpointStore() {
            @Override
            public void write(String name, byte[] bytes) {
                if (name.equals(CheckpointFile.NAME)) {
                    throw new SlopeException("no space left on the device (as the test says)");
                }
                folder.write(name, bytes);
            }

            @Override
            public byte[] read(String name, long limit) {
                return folder.read(name, limit);
            }

            @Override
            public List<String> names() {
                return folder.names();
            }

            @Override
            public void delete(String name) {
                folder.delete(name);
            }

            @Override
            public String location() {
                return folder.location();
            }
        };
    }

    @Test
    void aNewRunStoppedBeforeItsFirstCheckpointLeavesThePreviousRunsReadable(@TempDir Path dir) {
        try (CheckpointFile.Writer first = new CheckpointFile.Writer(CheckpointStore.folder(dir), restart(dir))) {
            run(first, 1);
        }
        CheckpointFile.Saved before = CheckpointFile.load(dir);
        assertEquals(2, before.checkpoint().epochsDone());

        // a second run in the same folder writes its first segment, then fails before its checkpoint file
        CheckpointFile.Writer second = new CheckpointFile.Writer(failingCheckpointFile(dir), restart(dir));
        SlopeException failed = assertThrows(SlopeException.class, () -> {
            run(second, 2);
            second.close();
        });
        assertTrue(failed.getMessage().contains("no space left"), failed.getMessage());
        // the failure sticks: a writer whose segment may be missing saves nothing more
        assertThrows(SlopeException.class, second::close);
        CheckpointFile.Saved after = CheckpointFile.load(dir);
        assertEquals(before.runId(), after.runId(), "the first run's checkpoint, whole");
        assertEquals(before.checkpoint().history().steps(), after.checkpoint().history().steps());
        assertTrue(CheckpointStore.folder(dir).names().stream().anyMatch(n -> n.startsWith(String.format(
                "history-%016x-", after.runId()))), "the first run's segments are still there");

        // a third run that gets through: its first checkpoint replaces the file, and the other runs' segments go
        try (CheckpointFile.Writer third = new CheckpointFile.Writer(CheckpointStore.folder(dir), restart(dir))) {
            run(third, 3);
        }
        CheckpointFile.Saved last = CheckpointFile.load(dir);
        String own = String.format("history-%016x-", last.runId());
        List<String> segments = CheckpointStore.folder(dir).names().stream().filter(n -> n.startsWith("history-"))
                .toList();
        assertEquals(2, segments.size(), segments.toString());
        assertTrue(segments.stream().allMatch(n -> n.startsWith(own)), segments.toString());
    }
}
