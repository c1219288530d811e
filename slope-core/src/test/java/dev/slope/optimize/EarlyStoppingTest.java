package dev.slope.optimize;

import dev.slope.learn.TrainingListener;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.ImageSet;
import dev.slope.eval.Evaluation;
import dev.slope.model.Parameters;
import dev.slope.learn.TrainingListener.EpochReport;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    static Parameters marked(float mark) {
        Parameters p = Parameters.zeros(1, 1, false, false);
        p.w()[0] = mark;
        return p;
    }

    /** Feeds an early-stopping listener epochs whose weights are marked with their epoch number. */
    static boolean[] feed(EarlyStopping s, double[] acc, double[] loss, int epochs) {
        Parameters live = marked(0);
        s.onStart(new TrainingListener.TrainingPlan(epochs, 1, 1, 1, 1, 1, 1, "test", live.copy(),
                java.util.List.of(), null));
        boolean[] stops = new boolean[acc.length];
        for (int e = 0; e < acc.length; e++) {
            live.w()[0] = e + 1;
            s.onStep(new TrainingListener.StepReport(e + 1, 0, e, null, 0.1, 0, () -> live, 1));
            s.onEpoch(new EpochReport(e + 1, epochs, 1, 0.5, acc[e], loss[e], 0));
            stops[e] = s.stopRequested();
        }
        return stops;
    }

    @Test
    void keepsTheBestEpochAndStopsAfterPatience() {
        EarlyStopping s = new EarlyStopping(3, TrainConfig.Monitor.ACCURACY);
        boolean[] stops = feed(s, new double[] {0.5, 0.7, 0.6, 0.65, 0.7}, new double[5], 10);
        assertArrayEquals(new boolean[] {false, false, false, false, true}, stops);
        assertEquals(2, s.bestReport().epoch());
        assertTrue(s.stoppedEarly());
        Parameters end = marked(5);
        s.onEnd(new TrainingListener.RunEnd(5, end));
        assertArrayEquals(new float[] {2f}, end.w(), "the end event gets the best epoch's weights back");
    }

    @Test
    void watchingTheLossPrefersLower() {
        EarlyStopping s = new EarlyStopping(1, TrainConfig.Monitor.LOSS);
        boolean[] stops = feed(s, new double[3], new double[] {0.9, 0.8, 0.85}, 10);
        assertArrayEquals(new boolean[] {false, false, true}, stops);
        Parameters end = marked(3);
        s.onEnd(new TrainingListener.RunEnd(3, end));
        assertArrayEquals(new float[] {2f}, end.w());
    }

    @Test
    void runningOutOfPatienceOnTheLastEpochIsNotAnEarlyStop() {
        EarlyStopping s = new EarlyStopping(1, TrainConfig.Monitor.ACCURACY);
        boolean[] stops = feed(s, new double[] {0.6, 0.5}, new double[2], 2);
        assertArrayEquals(new boolean[] {false, false}, stops);
        assertFalse(s.stoppedEarly());
    }

    @Test
    void aTrainingRunRestoresItsBestWeights() {
        ImageSet all = TestRuns.shipped().train().head(3000);
        TrainConfig c = TrainConfig.builder().set(Settings.LR, 3.0).set(Settings.EPOCHS, 12).set(Settings.PATIENCE, 2).build();
        GradientTrainer.Result r = TestRuns.train(c, all);
        double best = r.history().epochs().stream().mapToDouble(EpochReport::validationAccuracy).max().orElseThrow();
        assertEquals(best, r.validationAccuracy(), 0);
        assertEquals(best, Evaluation.of(r.model(), TestRuns.split(c, all).validation(), TestRuns.ENGINE).accuracy(), 1e-12,
                "the model holds the best epoch's weights");
        assertEquals(r.history().epochs().get(r.bestEpoch() - 1).validationAccuracy(), best, 0);
        assertTrue(r.stoppedEarly() || r.history().epochs().size() == 12);
    }

    @Test
    void maxNormCapsEveryClassRow() {
        ImageSet all = TestRuns.shipped().train().head(2000);
        TrainConfig c = TrainConfig.builder().set(Settings.EPOCHS, 2).set(Settings.MAX_NORM, 0.5).build();
        {
            Parameters p = TestRuns.train(c, all).model().parameters();
            double largest = 0;
            for (int k = 0; k < p.classes(); k++) {
                double sq = 0;
                for (int j = 0; j < p.dim() - 1; j++) {
                    sq += p.w()[k * p.dim() + j] * p.w()[k * p.dim() + j];
                }
                largest = Math.max(largest, Math.sqrt(sq));
            }
            assertTrue(largest <= 0.5 * (1 + 1e-5), "largest row norm " + largest);
            assertTrue(largest > 0.45, "the cap is reached with these settings: " + largest);
        }
    }
}
