package dev.slope.optimize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.ImageSet;
import dev.slope.preprocess.Splits;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Long runs: 200 epochs with every update rule under every learning-rate schedule, each ending finite and below its
 * starting loss, with flat memory: what stays reachable between epoch 20 and epoch 200 (after full collections) grows
 * by the history's new steps and epochs only. A model of this size is 31 KB; a leak of one per epoch would be 5.6 MB
 * over those 180 epochs, far past the margin of 1 MB.
 */
class LongRunTest {
    static final int EPOCHS = 200;

    /** 28x28 grey images of ten classes, each class brighter in its own band of rows. */
    static ImageSet images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] pixels = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
            for (int j = 0; j < 784; j++) {
                int mean = (j / 28) / 3 == labels[i] ? 140 : 90;
                pixels[i * 784 + j] = (byte) Math.max(0, Math.min(255, mean + (int) (r.nextGaussian() * 50)));
            }
        }
        return new ImageSet(pixels, labels, 28, 28, 1, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    @Test
    void everyRuleUnderEverySchedulePlaysOutWithFlatMemory() {
        ImageSet train = images(1000, 1);
        ImageSet test = images(100, 2);
        for (String rule : Settings.UPDATE.choices()) {
            for (String schedule : Settings.LR_SCHEDULE.choices()) {
                TrainConfig c = TrainConfig.builder().parse("update", rule).parse("lr_schedule", schedule)
                        .parse("epochs", Integer.toString(EPOCHS)).parse("batch_size", "100").parse("val_fraction", "0.1")
                        .build();
                Splits s = Splits.prepare(TestRuns.source(train), train, test, c.pipelineSpec(), c.valFraction(), c.seed());
                long[] heap = new long[2];
                GradientTrainer.Result r = new GradientTrainer(c, TestRuns.ENGINE).train(s.train(), s.validation(),
                        new TrainingListener() {
                            @Override
                            public void onEpoch(EpochReport report) {
                                if (report.epoch() == 20) {
                                    heap[0] = retainedHeap();
                                } else if (report.epoch() == EPOCHS) {
                                    heap[1] = retainedHeap();
                                }
                            }
                        });
                String what = rule + " under " + schedule;
                History h = r.history();
                assertTrue(h.epochCount() == EPOCHS && Double.isFinite(r.finalLoss()), what);
                assertTrue(r.finalLoss() < h.stepLoss(0), what + ": loss " + h.stepLoss(0) + " -> " + r.finalLoss());
                // the history's own growth over epochs 21..200: 36 bytes a step (twice that while its arrays double)
                // and an epoch report of about 100 bytes
                long history = 2L * 36 * (h.steps() - h.steps() / 10) + 100L * (EPOCHS - 20);
                long growth = heap[1] - heap[0];
                assertTrue(growth < history + (1 << 20), what + ": " + (growth >> 10) + " KiB more reachable after "
                        + "epoch 200 than after epoch 20 (the history accounts for " + (history >> 10) + " KiB)");
            }
        }
    }

    /** Heap in use after full collections, the least of three. */
    static long retainedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
