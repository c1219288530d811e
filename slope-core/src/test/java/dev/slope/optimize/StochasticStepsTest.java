package dev.slope.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.ImageSet;
import dev.slope.runfiles.CheckpointFile;
import dev.slope.runfiles.CheckpointStore;
import dev.slope.linalg.BatchEngine;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.preprocess.Splits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** SGD with batch 1 runs the fused step; it follows the general step's path (to rounding) and keeps every promise. */
class StochasticStepsTest {
    static final ImageSet SOME = TestRuns.shipped().train().head(600);

    static TrainConfig config(String loss, String regType, double reg, int epochs) {
        return TrainConfig.builder().parse("loss", loss).parse("reg_type", regType).set(Settings.REG, reg)
                .set(Settings.BATCH_SIZE, 1).set(Settings.LR, 0.01).set(Settings.EPOCHS, epochs).build();
    }

    /** The general step on the same rows: the trainer given a pass of its own runs LocalSteps. */
    static GradientTrainer.Result general(TrainConfig c, Splits s, BatchEngine engine) {
        return new GradientTrainer(c, engine).withTrainingPass(new FusedPass(engine, s.train())).train(s.train(),
                s.validation());
    }

    @Test
    void itFollowsTheGeneralStepsPathForBothLossesEveryRuleAndEitherBias() {
        for (String loss : new String[] {"softmax sgd", "svm sgd", "softmax momentum", "svm momentum", "svm nesterov",
            "softmax adagrad", "svm rmsprop", "softmax adam"}) {
            for (boolean biasTrick : new boolean[] {true, false}) {
                TrainConfig c = config(loss.split(" ")[0], "l2", 1e-2, 2).toBuilder().set(Settings.BIAS_TRICK, biasTrick)
                        .parse("update", loss.split(" ")[1]).build();
                assertTrue(StochasticSteps.applies(c, TestRuns.split(c, SOME).train()));
                Splits s = TestRuns.split(c, SOME);
                GradientTrainer.Result fused = new GradientTrainer(c, TestRuns.ENGINE).train(s.train(), s.validation());
                GradientTrainer.Result general = general(c, s, TestRuns.ENGINE);
                String what = loss + (biasTrick ? ", bias trick" : ", separate b");
                // the first step sees the same W: loss, penalty and gradient norm agree to rounding
                assertEquals(general.history().stepLosses()[0], fused.history().stepLosses()[0], 1e-9, what);
                assertEquals(general.history().stepPenalties()[0], fused.history().stepPenalties()[0], 1e-12, what);
                assertEquals(general.history().stepGradientNorms()[0], fused.history().stepGradientNorms()[0],
                        1e-6 * general.history().stepGradientNorms()[0], what);
                // 1080 steps later the paths differ by rounding only: the penalty carried in O(C) per step, the norms,
                // the weights
                int n = general.history().steps();
                assertEquals(n, fused.history().steps());
                for (int k = 0; k < n; k += 97) {
                    assertEquals(general.history().stepPenalties()[k], fused.history().stepPenalties()[k],
                            1e-4 * general.history().stepPenalties()[k] + 1e-12, what + ", step " + k);
                    assertEquals(general.history().stepGradientNorms()[k], fused.history().stepGradientNorms()[k],
                            1e-3 * general.history().stepGradientNorms()[k] + 1e-9, what + ", step " + k);
                    assertEquals(general.history().stepLosses()[k], fused.history().stepLosses()[k],
                            1e-3 * Math.abs(general.history().stepLosses()[k]) + 1e-6, what + ", step " + k);
                }
                float[] a = general.model().parameters().w();
                float[] b = fused.model().parameters().w();
                double diff = 0;
                double norm = 0;
                for (int k = 0; k < a.length; k++) {
                    diff = Math.max(diff, Math.abs(a[k] - b[k]));
                    norm = Math.max(norm, Math.abs(a[k]));
                }
                assertTrue(diff < 1e-3 * norm, what + ": W differs by " + diff + " of " + norm);
                assertArrayEquals(general.model().parameters().b(), fused.model().parameters().b(), 1e-3f * (float) norm);
                assertEquals(general.finalLoss(), fused.finalLoss(), 1e-4 * general.finalLoss(), what);
                assertEquals(general.model().provenance().kernel(), fused.model().provenance().kernel());
            }
        }
    }

    @Test
    void aPenaltyStrongEnoughToFoldTheScaleMidEpochStillFollowsTheGeneralStep() {
        // decay 1 − 2·0.01·5 = 0.9 per step: the scale falls below 1e-6 every 132 steps and is folded there
        TrainConfig c = config("softmax", "l2", 5, 1);
        Splits s = TestRuns.split(c, SOME);
        GradientTrainer.Result fused = new GradientTrainer(c, TestRuns.ENGINE).train(s.train(), s.validation());
        GradientTrainer.Result general = general(c, s, TestRuns.ENGINE);
        float[] a = general.model().parameters().w();
        float[] b = fused.model().parameters().w();
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k], b[k], 1e-4 * Math.abs(a[k]) + 1e-9, "W[" + k + "]");
        }
        for (int k = 0; k < general.history().steps(); k += 53) {
            assertEquals(general.history().stepLosses()[k], fused.history().stepLosses()[k],
                    1e-5 * general.history().stepLosses()[k], "step " + k);
        }
    }

    @Test
    void aListenerMidEpochSeesTheWeightsAndAStopThereEndsWithThem() {
        TrainConfig c = config("svm", "l2", 1e-2, 2);
        Splits s = TestRuns.split(c, SOME);
        GradientTrainer.Result quiet = new GradientTrainer(c, TestRuns.ENGINE).train(s.train(), s.validation());
        float[][] seen = new float[1][];
        int stopAt = 123;
        class StopMidEpoch implements dev.slope.learn.TrainingListener {
            boolean stop;

            @Override
            public void onStep(StepReport r) {
                r.parameters(); // asking remakes the weights mid-epoch; it must not change the run's bits
                if (r.epoch() == 2 && r.step() == stopAt) {
                    if (seen[0] == null) {
                        seen[0] = r.parameters().w().clone();
                    }
                    stop = true;
                }
            }

            @Override
            public boolean stopRequested() {
                return stop;
            }
        }
        GradientTrainer.Result watched = new GradientTrainer(c, TestRuns.ENGINE).train(s.train(), s.validation(),
                GradientTrainer.Checkpointing.NONE, new StopMidEpoch());
        assertEquals(s.train().size() + stopAt + 1, watched.history().steps());
        assertArrayEquals(seen[0], watched.model().parameters().w(), "the run ends with what the listener saw");
        assertArrayEquals(java.util.Arrays.copyOf(quiet.history().stepLosses(), watched.history().steps()),
                watched.history().stepLosses(), "watching does not change the path");
        // what the listener saw mid-epoch is W = s·V: the general step stopped at the same step has the same W
        GradientTrainer.Result general = new GradientTrainer(c, TestRuns.ENGINE)
                .withTrainingPass(new FusedPass(TestRuns.ENGINE, s.train()))
                .train(s.train(), s.validation(), GradientTrainer.Checkpointing.NONE, new StopMidEpoch());
        float[] g = general.model().parameters().w();
        double norm = 0;
        for (float v : g) {
            norm = Math.max(norm, Math.abs(v));
        }
        for (int k = 0; k < g.length; k++) {
            assertEquals(g[k], seen[0][k], 1e-3 * norm, "W[" + k + "]");
        }
    }

    @Test
    void theSameBitsOnOneOrTwoThreadsWithAndWithoutAPenalty() {
        for (TrainConfig c : new TrainConfig[] {config("softmax", "none", 0, 2), config("svm", "l2", 1e-2, 2)}) {
            List<float[]> ws = new ArrayList<>();
            for (int threads : new int[] {1, 2}) {
                try (BatchEngine engine = new BatchEngine(threads)) {
                    Splits s = TestRuns.split(c, SOME);
                    ws.add(new GradientTrainer(c, engine).train(s.train(), s.validation()).model().parameters().w());
                }
            }
            assertArrayEquals(ws.get(0), ws.get(1), c.toJson().toString());
        }
        TrainConfig c = config("softmax", "none", 0, 2);
        Splits s = TestRuns.split(c, SOME);
        GradientTrainer.Result general = general(c, s, TestRuns.ENGINE);
        GradientTrainer.Result fused = new GradientTrainer(c, TestRuns.ENGINE).train(s.train(), s.validation());
        assertEquals(0, fused.history().stepPenalties()[5], 0);
        assertEquals(general.finalLoss(), fused.finalLoss(), 1e-4 * general.finalLoss());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum"})
    void aResumedRunEndsWithTheSameBits(String update, @TempDir Path dir) {
        TrainConfig c = config("svm", "l2", 1e-3, 3).toBuilder().parse("update", update).build();
        Splits s = TestRuns.split(c, SOME);
        GradientTrainer trainer = new GradientTrainer(c, TestRuns.ENGINE);
        GradientTrainer.Result whole;
        try (CheckpointFile.Writer writer = new CheckpointFile.Writer(CheckpointStore.folder(dir),
                new CheckpointFile.Restart(c.toJson(), dir, Map.of(), dir.resolve("m.slope"), 1))) {
            whole = trainer.train(s.train(), s.validation(), new GradientTrainer.Checkpointing(null, 1,
                    writer.sink(s.train(), c.objective().loss(), "test")));
        }
        CheckpointFile.Saved back = CheckpointFile.load(CheckpointStore.folder(dir));
        assertEquals(2, back.checkpoint().epochsDone());
        assertEquals(2L * s.train().size(), back.checkpoint().rule().steps(), "the rule counts the fused steps");
        GradientTrainer.Result resumed = trainer.train(s.train(), s.validation(),
                new GradientTrainer.Checkpointing(back.checkpoint(), 1, null));
        assertArrayEquals(whole.model().parameters().w(), resumed.model().parameters().w());
        assertArrayEquals(whole.history().stepLosses(), resumed.history().stepLosses());
    }

    @Test
    void theWarmUpTakesTheRunsStepsOnRandomImagesAndEnds() throws Exception {
        for (TrainConfig c : new TrainConfig[] {config("softmax", "l2", 1e-4, 8),
            config("svm", "none", 0, 1).toBuilder().parse("update", "adam").parse("features", "hog")
                    .set(Settings.PATIENCE, 2).build()}) {
            // the run's own epochs, features, validation and early stopping do not matter: its steps do
            assertEquals(StochasticSteps.WARM_UP_SHORT_STEPS + StochasticSteps.WARM_UP_STEPS,
                    StochasticSteps.warmUpNow(c), c.toJson().toString());
        }
        // a rate that diverges on the random images ends the warm-up early, not the run
        assertEquals(0, StochasticSteps.warmUpNow(config("softmax", "l2", 1e-4, 1).toBuilder().set(Settings.LR, 1e30)
                .build()));
        Thread t = GradientTrainer.warmUp(config("svm", "l2", 1e-4, 1));
        t.join(120_000);
        assertFalse(t.isAlive(), "the background warm-up ends");
    }

    @Test
    void otherRunsTakeTheGeneralStep() {
        Splits s = TestRuns.split(config("softmax", "l2", 1e-3, 1), SOME);
        for (TrainConfig c : new TrainConfig[] {
            config("softmax", "l1", 1e-3, 1), config("softmax", "elasticnet", 1e-3, 1).toBuilder().parse("update", "adam")
                    .build(),
            config("softmax", "l2", 1e-3, 1).toBuilder().set(Settings.BATCH_SIZE, 2).build(),
            config("softmax", "l2", 1e-3, 1).toBuilder().parse("max_norm", "1").build(),
            config("softmax", "l2", 1e-3, 1).toBuilder().parse("penalize_bias", "true").build()}) {
            assertFalse(StochasticSteps.applies(c, s.train()), c.toJson().toString());
            Parameters a = new GradientTrainer(c, TestRuns.ENGINE).train(s.train(), s.validation()).model().parameters();
            Parameters b = general(c, s, TestRuns.ENGINE).model().parameters();
            assertArrayEquals(b.w(), a.w(), "the general step, bit for bit: " + c.toJson());
        }
    }
}
