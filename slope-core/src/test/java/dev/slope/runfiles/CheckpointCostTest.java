package dev.slope.runfiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.Synthetic;
import dev.slope.TestRuns;
import dev.slope.data.ImageSet;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long run's checkpoints cost the model plus the steps since the last one, never the whole history again: a million
 * steps of batch 1 (20 epochs of 50,000 synthetic rows) with a checkpoint after every epoch.
 */
class CheckpointCostTest {
    static final int ROWS = 50_000;
    static final int EPOCHS = 20;

    @Test
    void aMillionStepsOfCheckpointsCostTheirModelsAndNewStepsOnly(@TempDir Path dir) {
        ImageSet train = Synthetic.bands(ROWS, 4, 4, 1, 4, 1);
        TrainConfig c = TrainConfig.builder().parse("batch_size", "1").parse("lr", "0.01").parse("val_fraction", "0")
                .parse("epochs", Integer.toString(EPOCHS)).build();
        Splits s = Splits.prepare(TestRuns.source(train), train, Synthetic.bands(100, 4, 4, 1, 4, 2), c.pipelineSpec(), c.valFraction(),
                c.seed());
        GradientTrainer trainer = new GradientTrainer(c, TestRuns.ENGINE);
        // a short run with checkpoints first: the JIT's first compilations and the classes' loading (about 0.1 s, once
        // per JVM) are not what this test measures
        try (CheckpointFile.Writer warm = new CheckpointFile.Writer(CheckpointStore.folder(dir.resolve("warm-up")),
                new CheckpointFile.Restart(c.toJson(), dir, Map.of(), dir.resolve("model.slope"), 1))) {
            new GradientTrainer(c.toBuilder().parse("epochs", "3").build(), TestRuns.ENGINE).train(s.train(),
                    s.validation(), new GradientTrainer.Checkpointing(null, 1, warm.sink(s.train(),
                            c.objective().loss(), "test")));
        }

        // one run's result is reachable at each measurement of the heap: the plain run's, then the checkpointed one's
        GradientTrainer.Result[] reachable = {trainer.train(s.train(), s.validation())};
        assertEquals((long) ROWS * EPOCHS, reachable[0].history().steps());
        float[] plainW = reachable[0].model().parameters().w();
        double plainLoss = reachable[0].history().stepLoss(ROWS * (EPOCHS - 1) - 1);
        long heapWithoutCheckpoints = Synthetic.retainedHeap();
        reachable[0] = null;

        List<String> writes = new CopyOnWriteArrayList<>(); // "name bytes" of each file the writer wrote, in order
        CheckpointFile.Writer writer = new CheckpointFile.Writer(recording(CheckpointStore.folder(dir), writes),
                new CheckpointFile.Restart(c.toJson(), dir, Map.of(), dir.resolve("model.slope"), 1));
        GradientTrainer.CheckpointSink sink = writer.sink(s.train(), c.objective().loss(), "test");
        int[] saves = new int[1];
        reachable[0] = trainer.train(s.train(), s.validation(), new GradientTrainer.Checkpointing(null, 1, cp -> {
            sink.save(cp);
            saves[0]++;
        }));
        writer.close();
        long heapWithCheckpoints = Synthetic.retainedHeap();

        assertArrayEquals(plainW, reachable[0].model().parameters().w(), "checkpoints change nothing");
        assertEquals(EPOCHS - 1, saves[0], "a checkpoint after every epoch but the last");
        // what was written: every step and epoch once, in a segment with its header, and each checkpoint file whole,
        // the same size each time (the run's length shows only in a few digits of its header)
        long stepsSaved = (long) ROWS * (EPOCHS - 1);
        long segmentBytes = CheckpointFile.STEP_BYTES * stepsSaved + CheckpointFile.EPOCH_BYTES * (EPOCHS - 1L)
                + (CheckpointFile.SEGMENT_HEAD + 4L) * (EPOCHS - 1);
        long onDisk = 0;
        long runId = CheckpointFile.load(dir).runId();
        for (int n = 1; n <= EPOCHS - 1; n++) {
            onDisk += size(dir.resolve(CheckpointFile.segmentName(runId, n)));
        }
        assertEquals(segmentBytes, onDisk, "the segments on disk");
        long mainFile = size(dir.resolve(CheckpointFile.NAME));
        long mainFiles = writer.bytesWritten() - segmentBytes;
        assertTrue(mainFiles > (EPOCHS - 1) * (mainFile - 64) && mainFiles <= (EPOCHS - 1) * mainFile,
                (EPOCHS - 1) + " checkpoint files of about " + mainFile + " bytes took " + mainFiles);
        // each save's work: its epoch's steps in a new segment, then one checkpoint file; the same at the 19th save as
        // at the first (a writer that rewrote the history would write 19 times as much by the end). Counted in bytes,
        // not seconds, so a busy machine or a slow disk cannot fail it, and a cheaper writer cannot pass it by luck
        long segment = CheckpointFile.STEP_BYTES * ROWS + CheckpointFile.EPOCH_BYTES + CheckpointFile.SEGMENT_HEAD + 4L;
        assertEquals(2 * (EPOCHS - 1), writes.size(), "a segment and a checkpoint file per save: " + writes);
        for (int n = 1; n <= EPOCHS - 1; n++) {
            assertEquals(CheckpointFile.segmentName(runId, n) + " " + segment, writes.get(2 * n - 2), "save " + n);
            String[] main = writes.get(2 * n - 1).split(" ");
            long bytes = Long.parseLong(main[1]);
            assertTrue(main[0].equals(CheckpointFile.NAME) && bytes > mainFile - 64 && bytes <= mainFile, "save " + n
                    + " wrote " + writes.get(2 * n - 1) + "; the last checkpoint file is " + mainFile + " bytes");
        }
        // memory: what stays reachable after the run is the same with checkpoints as without (the history is the
        // run's, once); a writer that kept the history it wrote (a copy per checkpoint) would leave megabytes
        long growth = heapWithCheckpoints - heapWithoutCheckpoints;
        assertTrue(Math.abs(growth) < 4 << 20, "checkpoints left " + (growth >> 10) + " KiB more reachable");

        CheckpointFile.Saved back = CheckpointFile.load(dir);
        assertEquals(EPOCHS - 1, back.checkpoint().epochsDone());
        assertEquals(stepsSaved, back.checkpoint().history().steps());
        assertEquals(plainLoss, back.checkpoint().history().stepLoss((int) stepsSaved - 1));
        assertEquals(EPOCHS - 1, back.segments());
    }

    /** {@code store}, noting each file written as "name bytes" in {@code writes}. */
    private static CheckpointStore recording(CheckpointStore store, List<String> writes) {
        return new CheckpointStore() {
            @Override
            public void write(String name, byte[] bytes) {
                store.write(name, bytes);
                writes.add(name + " " + bytes.length);
            }

            @Override
            public byte[] read(String name, long limit) {
                return store.read(name, limit);
            }

            @Override
            public List<String> names() {
                return store.names();
            }

            @Override
            public void delete(String name) {
                store.delete(name);
            }

            @Override
            public String location() {
                return store.location();
            }
        };
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
