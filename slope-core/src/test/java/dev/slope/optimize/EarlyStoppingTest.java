package dev.slope.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.data.Datasets;
import dev.slope.data.ImageSet;
import dev.slope.data.Split;
import dev.slope.eval.Evaluation;
import dev.slope.model.Parameters;
import dev.slope.objective.FusedPass;
import dev.slope.optimize.TrainingListener.EpochReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    static EpochReport epoch(int e, double valAcc, double valLoss) {
        return new EpochReport(e, 10, 1, 0.5, valAcc, valLoss, 0);
    }

    static Parameters marked(float mark) {
        Parameters p = Parameters.zeros(1, 1, false, false);
        p.w()[0] = mark;
        return p;
    }

    @Test
    void keepsTheBestEpochAndStopsAfterPatience() {
        EarlyStopping s = new EarlyStopping(3, TrainConfig.Monitor.ACCURACY);
        double[] acc = {0.5, 0.7, 0.6, 0.65, 0.7};
        boolean[] stops = {false, false, false, false, true};
        for (int e = 0; e < acc.length; e++) {
            assertEquals(stops[e], s.stop(epoch(e + 1, acc[e], 0), marked(e + 1)), "epoch " + (e + 1));
        }
        assertEquals(2, s.bestReport().epoch());
        assertArrayEquals(new float[] {2f}, s.best().w());
    }

    @Test
    void watchingTheLossPrefersLower() {
        EarlyStopping s = new EarlyStopping(1, TrainConfig.Monitor.LOSS);
        assertFalse(s.stop(epoch(1, 0, 0.9), marked(1)));
        assertFalse(s.stop(epoch(2, 0, 0.8), marked(2)));
        assertTrue(s.stop(epoch(3, 0, 0.85), marked(3)));
        assertArrayEquals(new float[] {2f}, s.best().w());
    }

    @Test
    void aTrainingRunRestoresItsBestWeights() {
        ImageSet all = Datasets.open(Datasets.resolve("small", Path.of(".."))).train().head(3000);
        TrainConfig c = TrainConfig.builder().lr(3.0).epochs(12).patience(2).build();
        try (FusedPass pass = new FusedPass(2)) {
            Trainer.Result r = new Trainer(c, pass).train(all);
            double best = r.history().epochs().stream().mapToDouble(EpochReport::validationAccuracy).max().orElseThrow();
            assertEquals(best, r.validationAccuracy(), 0);
            Split split = Split.holdOut(all, c.valFraction(), c.seed());
            assertEquals(best, Evaluation.of(r.model(), split.validation(), pass).accuracy(), 1e-12,
                    "the model holds the best epoch's weights");
            assertEquals(r.history().epochs().get(r.bestEpoch() - 1).validationAccuracy(), best, 0);
        }
    }

    @Test
    void maxNormCapsEveryClassRow() {
        ImageSet all = Datasets.open(Datasets.resolve("small", Path.of(".."))).train().head(2000);
        TrainConfig c = TrainConfig.builder().epochs(2).maxNorm(0.5).build();
        try (FusedPass pass = new FusedPass(2)) {
            Parameters p = new Trainer(c, pass).train(all).model().parameters();
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
