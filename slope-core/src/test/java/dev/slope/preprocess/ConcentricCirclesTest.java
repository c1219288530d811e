package dev.slope.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.eval.Evaluation;
import dev.slope.model.LinearModel;
import dev.slope.optimize.GradientTrainer;
import dev.slope.optimize.TrainConfig;
import org.junit.jupiter.api.Test;

/** The lecture's polar-coordinates example: not separable by a line in (x, y), separable in (r, θ). */
class ConcentricCirclesTest {
    static final TrainConfig CONFIG = TrainConfig.builder().parse("batch_size", "full").parse("epochs", "300")
            .parse("reg", "0").parse("lr", "1").parse("val_fraction", "0").build();

    static double accuracy(Dataset d) {
        LinearModel m = new GradientTrainer(CONFIG, TestRuns.ENGINE).learn(d, d.head(0));
        return Evaluation.of(m, d, TestRuns.ENGINE).accuracy();
    }

    @Test
    void aLineCannotSplitTheRingsButCanAfterThePolarTransform() {
        ConcentricCircles c = ConcentricCircles.generate(400, 3);
        double cartesian = accuracy(c.dataset(c.xy(), "x, y"));
        double polar = accuracy(c.dataset(c.polar(), "r, theta"));
        assertTrue(cartesian < 0.75, "no line separates the rings in (x, y): " + cartesian);
        assertEquals(1.0, polar, 0, "r = constant separates them");
    }

    /** No line in (x, y) does better than chance-ish, whatever it is: each line leaves outer points on both sides. */
    @Test
    void everyLineInTheCartesianPlaneMisclassifiesManyPoints() {
        ConcentricCircles c = ConcentricCircles.generate(400, 5);
        double best = 0;
        for (int a = 0; a < 360; a += 3) {
            double nx = Math.cos(Math.toRadians(a));
            double ny = Math.sin(Math.toRadians(a));
            for (double t = -3; t <= 3; t += 0.1) {
                int correct = 0;
                for (int i = 0; i < c.labels().length; i++) {
                    boolean outer = nx * c.xy()[2 * i] + ny * c.xy()[2 * i + 1] > t;
                    correct += outer == (c.labels()[i] == 1) ? 1 : 0;
                }
                best = Math.max(best, (double) correct / c.labels().length);
            }
        }
        assertTrue(best < 0.75, "the best line in (x, y) gets " + best);
    }
}
