package dev.slope.optimize;

import dev.slope.learn.History;
import dev.slope.learn.TrainingListener;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.Synthetic;
import dev.slope.TestRuns;
import dev.slope.data.ImageSet;
import dev.slope.preprocess.Splits;
import org.junit.jupiter.api.Test;

/**
 * Long runs: 200 epochs with every update rule under every learning-rate schedule, each ending finite and below its
 * starting loss, with flat memory: what stays reachable between epoch 20 and epoch 200 (after full collections) grows
 * by the history's new steps and epochs only. A model of this size is 31 KB; a leak of one per epoch would be 5.6 MB
 * over those 180 epochs, far past the margin of 1 MB.
 */
class LongRunTest {
    static final int EPOCHS = 200;

    @Test
    void everyRuleUnderEverySchedulePlaysOutWithFlatMemory() {
        ImageSet train = Synthetic.bands(1000, 28, 28, 1, 10, 1);
        ImageSet test = Synthetic.bands(100, 28, 28, 1, 10, 2);
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
                                    heap[0] = Synthetic.retainedHeap();
                                } else if (report.epoch() == EPOCHS) {
                                    heap[1] = Synthetic.retainedHeap();
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

}
