package dev.slope.optimize;

import dev.slope.learn.TrainingListener;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.ImageData;
import dev.slope.data.ImageSet;
import dev.slope.eval.Evaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GradientTrainerTest {
    static ImageData data;
    static ImageSet small;

    @BeforeAll
    static void load() {
        data = TestRuns.shipped();
        small = data.train().head(2000);
    }

    @Test
    void theSameSeedRepeatsARunExactly() {
        TrainConfig c = TrainConfig.builder().set(Settings.EPOCHS, 2).build();
        GradientTrainer.Result a = TestRuns.train(c, small);
        GradientTrainer.Result b = TestRuns.train(c, small);
        assertArrayEquals(a.model().parameters().w(), b.model().parameters().w());
        assertArrayEquals(a.history().stepLosses(), b.history().stepLosses());
        GradientTrainer.Result other = TestRuns.train(c.toBuilder().set(Settings.SEED, 2L).build(), small);
        assertFalse(java.util.Arrays.equals(a.model().parameters().w(), other.model().parameters().w()));
    }

    @Test
    void theLossStartsNearItsSanityValueAndFalls() {
        for (String loss : new String[] {"softmax", "svm"}) {
            TrainConfig c = TrainConfig.builder().set(Settings.LOSS, loss).set(Settings.LR, loss.equals("svm") ? 0.05 : 0.3).set(Settings.EPOCHS, 3).build();
            GradientTrainer.Result r = TestRuns.train(c, small);
            double[] steps = r.history().stepLosses();
            double expected = loss.equals("svm") ? 9 : Math.log(10);
            assertEquals(expected, steps[0], 0.05 * expected, loss + ": first batch with W ~ 0.001");
            assertTrue(r.finalLoss() < 0.5 * steps[0], loss + ": " + r.finalLoss());
            assertEquals(3, r.history().epochs().size());
        }
    }

    @Test
    void fullBatchStochasticAndMiniBatchAllLearn() {
        ImageSet tiny = small.head(300);
        int[][] cases = {{TrainConfig.FULL_BATCH, 30}, {1, 2}, {32, 5}};
        for (int[] k : cases) {
            TrainConfig c = TrainConfig.builder().set(Settings.BATCH_SIZE, k[0]).set(Settings.EPOCHS, k[1]).set(Settings.LR, k[0] == 1 ? 0.01 : 0.3).set(Settings.VAL_FRACTION, 0.0)
                    .build();
            GradientTrainer.Result r = TestRuns.train(c, tiny);
            int expectedSteps = k[1] * (k[0] == TrainConfig.FULL_BATCH ? 1 : (300 + k[0] - 1) / k[0]);
            assertEquals(expectedSteps, r.history().steps(), "batch " + k[0]);
            assertTrue(r.trainAccuracy() > 0.7, "batch " + k[0] + ": " + r.trainAccuracy());
            assertTrue(Double.isNaN(r.validationAccuracy()));
        }
    }

    @Test
    void samplingWithReplacementAlsoLearns() {
        TrainConfig c = TrainConfig.builder().set(Settings.SAMPLING, "replacement").set(Settings.EPOCHS, 3).build();
        GradientTrainer.Result r = TestRuns.train(c, small);
        assertTrue(r.validationAccuracy() > 0.7, "val " + r.validationAccuracy());
    }

    @Test
    void separateBiasAndFoldedBiasTrainAlike() {
        TrainConfig c = TrainConfig.builder().set(Settings.EPOCHS, 3).build();
        GradientTrainer.Result folded = TestRuns.train(c, small);
        GradientTrainer.Result separate = TestRuns.train(c.toBuilder().set(Settings.BIAS_TRICK, false).build(), small);
        assertEquals(folded.validationAccuracy(), separate.validationAccuracy(), 0.02);
        assertTrue(separate.model().parameters().hasSeparateBias());
    }

    @Test
    void theDefaultsLearnTheShippedSubset() {
        GradientTrainer.Result r = TestRuns.train(TrainConfig.DEFAULTS, data.train());
        double test = Evaluation.of(r.model(), TestRuns.rows(r.model().pipeline(), data.test()), TestRuns.ENGINE).accuracy();
        assertTrue(test > 0.81, "test accuracy " + test);
        assertTrue(r.validationAccuracy() > 0.81, "validation accuracy " + r.validationAccuracy());
    }

    /** The same seed gives the same model bit for bit on 1, 2 and 3 threads (the engine's parts never depend on them). */
    @Test
    void theSameSeedGivesTheSameModelOnOneTwoAndThreeThreads() {
        TrainConfig c = TrainConfig.builder().parse("epochs", "2").parse("batch_size", "300").parse("update", "adam")
                .build();
        var s = dev.slope.preprocess.Splits.prepare(data, c.pipelineSpec(), c.valFraction(), c.seed());
        float[] first = null;
        for (int threads : new int[] {1, 2, 3}) {
            try (dev.slope.linalg.BatchEngine engine = new dev.slope.linalg.BatchEngine(threads)) {
                GradientTrainer.Result r = new GradientTrainer(c, engine).train(s.train(), s.validation());
                float[] w = r.model().parameters().w();
                if (first == null) {
                    first = w.clone();
                } else {
                    assertArrayEquals(first, w, threads + " threads");
                }
            }
        }
    }

    /** Thrown by a sink to stop a run right after a checkpoint is on disk, as a kill would. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed after the checkpoint");
        }
    }

    /**
     * A run stopped after a checkpoint and continued from the folder ends with the same weights bit for bit, and the same
     * history step by step, as the run that was never stopped; the continued run's own checkpoints continue the folder's
     * history, so it may be stopped and continued again: for shuffled batches with Adam, for batches drawn with
     * replacement with momentum and a cosine schedule, and for early stopping (its best epoch and patience kept).
     */
    @Test
    void aRunResumedFromItsCheckpointEndsAsTheUninterruptedOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String[][] runs = {{"update", "adam", "sampling", "shuffle"},
                {"update", "momentum", "sampling", "replacement", "lr_schedule", "cosine"},
                {"patience", "2", "epochs", "20"}};
        for (String[] settings : runs) {
            TrainConfig.Builder b = TrainConfig.builder().parse("epochs", "6").parse("batch_size", "100");
            for (int i = 0; i < settings.length; i += 2) {
                b.parse(settings[i], settings[i + 1]);
            }
            TrainConfig c = b.build();
            var s = dev.slope.preprocess.Splits.prepare(data, c.pipelineSpec(), c.valFraction(), c.seed());
            GradientTrainer trainer = new GradientTrainer(c, TestRuns.ENGINE);
            GradientTrainer.Result straight = trainer.train(s.train(), s.validation());
            var store = dev.slope.runfiles.CheckpointStore.folder(dir.resolve(settings[1] + settings.length));
            var writer = new dev.slope.runfiles.CheckpointFile.Writer(store, new dev.slope.runfiles.CheckpointFile.Restart(c.toJson(),
                    java.nio.file.Path.of("data"), java.util.Map.of(), java.nio.file.Path.of("model.slope"), 2));
            assertEquals(null, untilKilled(() -> trainer.train(s.train(), s.validation(),
                    new GradientTrainer.Checkpointing(null, 2, killedAfter(2, writer.sink(s.train(),
                            c.objective().loss(), "test"))))));
            writer.close();
            for (int done : new int[] {2, 4}) {
                var back = dev.slope.runfiles.CheckpointFile.load(store);
                assertEquals(done, back.checkpoint().epochsDone());
                assertEquals(c.toJson(), TrainConfig.fromJson(back.restart().settings()).toJson());
                assertEquals(done, back.checkpoint().history().epochCount());
                var again = dev.slope.runfiles.CheckpointFile.Writer.continuing(store, back);
                GradientTrainer resumedTrainer = new GradientTrainer(TrainConfig.fromJson(back.restart().settings()),
                        TestRuns.ENGINE);
                GradientTrainer.Result resumed = untilKilled(() -> resumedTrainer.train(s.train(), s.validation(),
                        new GradientTrainer.Checkpointing(back.checkpoint(), 2, killedAfter(4, again.sink(s.train(),
                                c.objective().loss(), "test")))));
                again.close();
                if (resumed == null) {
                    continue; // stopped again after epoch 4: the next round continues from there
                }
                String what = String.join(" ", settings) + " from epoch " + done;
                assertArrayEquals(straight.model().parameters().w(), resumed.model().parameters().w(), what);
                assertArrayEquals(straight.model().parameters().b(), resumed.model().parameters().b(), what);
                assertArrayEquals(straight.history().stepLosses(), resumed.history().stepLosses(), what);
                assertArrayEquals(straight.history().stepRates(), resumed.history().stepRates(), what);
                assertEquals(straight.history().epochs(), resumed.history().epochs().stream()
                        .map(e -> new TrainingListener.EpochReport(e.epoch(), e.epochs(), e.meanLoss(), e.trainAccuracy(),
                                e.validationAccuracy(), e.validationLoss(), straight.history().epoch(e.epoch() - 1).seconds()))
                        .toList(), what);
                assertEquals(straight.bestEpoch(), resumed.bestEpoch(), what);
                assertEquals(straight.stoppedEarly(), resumed.stoppedEarly(), what);
            }
            if (c.stopping().patience() > 0) {
                assertTrue(straight.stoppedEarly() && straight.bestEpoch() < straight.history().epochCount(),
                        "the early-stopping run stops early and keeps an earlier epoch: " + straight.bestEpoch());
            }
        }
    }

    /** {@code sink}, then a stop (as a kill) once the checkpoint after {@code epoch} is saved. */
    private static GradientTrainer.CheckpointSink killedAfter(int epoch, GradientTrainer.CheckpointSink sink) {
        return cp -> {
            sink.save(cp);
            if (cp.epochsDone() == epoch) {
                throw new Killed();
            }
        };
    }

    /** The run's result, or null when a {@link #killedAfter} sink stopped it. */
    private static GradientTrainer.Result untilKilled(java.util.function.Supplier<GradientTrainer.Result> run) {
        try {
            return run.get();
        } catch (Killed k) {
            return null;
        }
    }

    /** {@code --update X} alone trains well: each rule's default rate, for every loss, 5 epochs on the shipped data. */
    @Test
    void everyUpdateRuleTrainsWellWithItsDefaultRate() {
        for (String loss : Settings.LOSS.choices()) {
            for (String rule : Settings.UPDATE.choices()) {
                TrainConfig c = TrainConfig.builder().parse("loss", loss).parse("update", rule).build();
                var s = dev.slope.preprocess.Splits.prepare(data, c.pipelineSpec(), c.valFraction(), c.seed());
                GradientTrainer.Result r = new GradientTrainer(c, TestRuns.ENGINE).train(s.train(), s.validation());
                double test = Evaluation.of(r.model(), s.test(), TestRuns.ENGINE).accuracy();
                // with every default (8 epochs, cosine); the demo's one-vs-all and structured SVMs share the SVM's rates;
                // measured at 5 epochs and a constant rate: ova 78.9-82.8%
                // (independent binary margins are the weaker multiclass loss here), structured 82.1-83.7%
                double bar = loss.equals("ova") ? 0.78 : 0.82;
                assertTrue(test >= bar, loss + " + " + rule + " at lr " + c.optimizer().lr() + ": test accuracy " + test);
            }
        }
    }

    @Test
    void aDivergingRunStopsAndKeepsTheLastGoodWeights() {
        TrainConfig c = TrainConfig.builder().set(Settings.LR, 1e30).set(Settings.EPOCHS, 3).build();
        DivergedException e = assertThrows(DivergedException.class, () -> TestRuns.train(c, small));
        assertTrue(e.getMessage().contains("smaller learning rate") && dev.slope.FieldNames.FLAGS.messageOf(e).endsWith("such as --lr 1"),
                e.getMessage() + ": the rule's default, which trains well");
        TrainConfig atDefault = TrainConfig.builder().set(Settings.LR, 0.4).build();
        assertEquals(0.04, new GradientTrainer(atDefault, TestRuns.ENGINE).suggestedRate(), 1e-12,
                "near the default, a tenth of the rate that diverged");
        assertTrue(e.lastGood().isFinite());
    }

    @Test
    void theInitialWeightsComeFromTheCallerAndAreReportedAtStart() {
        TrainConfig c = TrainConfig.builder().set(Settings.EPOCHS, 1).set(Settings.VAL_FRACTION, 0.0).build();
        var s = TestRuns.split(c, small);
        GradientTrainer trainer = new GradientTrainer(c, TestRuns.ENGINE);
        dev.slope.model.Parameters start = trainer.initialParameters(s.train());
        dev.slope.model.Parameters[] seen = new dev.slope.model.Parameters[1];
        TrainingListener watch = new TrainingListener() {
            @Override
            public void onStart(TrainingPlan plan) {
                seen[0] = plan.initial();
            }
        };
        GradientTrainer.Result fromDefault = trainer.train(s.train(), s.validation(), watch);
        assertArrayEquals(start.w(), seen[0].w(), "the plan reports the seeded initializer's W");
        GradientTrainer.Result given = trainer.train(s.train(), s.validation(), start);
        assertArrayEquals(fromDefault.model().parameters().w(), given.model().parameters().w());
        dev.slope.model.Parameters zeros = dev.slope.model.Parameters.zeros(start.classes(), start.dim(), false, true);
        GradientTrainer.Result fromZero = trainer.train(s.train(), s.validation(), zeros, watch);
        assertArrayEquals(zeros.w(), seen[0].w());
        assertFalse(java.util.Arrays.equals(given.model().parameters().w(), fromZero.model().parameters().w()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> trainer.train(s.train(), s.validation(),
                dev.slope.model.Parameters.zeros(3, 4, false, true))).getMessage().contains("initial W is 3x4"));
    }

    @Test
    void badSettingsAreRefusedWithTheSettingsName() {
        TrainConfig.Builder b = TrainConfig.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.set(Settings.LR, -1.0).build()).getMessage().startsWith("lr "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().set(Settings.LR, Double.NaN).build())
                .getMessage().startsWith("lr "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().set(Settings.REG, -1.0).build())
                .getMessage().startsWith("reg "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().set(Settings.REG, Double.POSITIVE_INFINITY)
                .build()).getMessage().startsWith("reg "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().set(Settings.BATCH_SIZE, 0).build())
                .getMessage().startsWith("batch_size "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().set(Settings.LOSS, "hinge").build())
                .getMessage().contains("svm, softmax"));
    }
}
