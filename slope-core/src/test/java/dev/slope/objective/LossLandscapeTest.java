package dev.slope.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.model.Parameters;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import dev.slope.preprocess.Splits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LossLandscapeTest {
    static Splits data;
    static TrainConfig config;
    static Parameters trained;

    @BeforeAll
    static void train() {
        config = TrainConfig.builder().set(Settings.EPOCHS, 2).build();
        data = TestRuns.split(config, TestRuns.shipped().train().head(1500));
        trained = new GradientTrainer(config, TestRuns.ENGINE).learn(data.train(), data.validation()).parameters();
    }

    @Test
    void atZeroTheLandscapeIsTheObjectiveAndItIsConvex() {
        FusedPass pass = new FusedPass(TestRuns.ENGINE, data.train());
        Objective objective = config.objective();
        double atW = objective.value(pass, trained).total();
        LossLandscape.Line line = LossLandscape.line(objective, pass, trained, 1.0, 41, 3);
        assertEquals(0, line.alphas()[20], 0);
        assertEquals(atW, line.losses()[20], 1e-12);
        for (int k = 1; k <= 20; k++) {
            assertTrue((line.losses()[20 - k] + line.losses()[20 + k]) / 2 >= atW - 1e-12,
                    "the objective is convex: the mean of two points either side is at least the middle");
        }
        LossLandscape.Surface surface = LossLandscape.surface(objective, pass, trained, 1.0, 11, 4);
        assertEquals(atW, surface.losses()[5][5], 1e-12);
    }

    @Test
    void aDirectionHasTheNormOfEachClassRowAndLeavesTheBiasAlone() {
        Parameters d = LossLandscape.direction(trained, new SplittableRandom(9));
        int dim = trained.dim();
        for (int c = 0; c < trained.classes(); c++) {
            double wn = 0;
            double dn = 0;
            for (int j = 0; j < dim - 1; j++) {
                wn += (double) trained.w()[c * dim + j] * trained.w()[c * dim + j];
                dn += (double) d.w()[c * dim + j] * d.w()[c * dim + j];
            }
            assertEquals(Math.sqrt(wn), Math.sqrt(dn), 1e-4 * Math.sqrt(wn), "class " + c);
            assertEquals(0f, d.w()[c * dim + dim - 1], "the folded bias column is not moved");
        }
        assertArrayEquals(d.w(), LossLandscape.direction(trained, new SplittableRandom(9)).w(), "seeded");
    }
}
