package dev.slope.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.ImageSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SanityChecksTest {
    static final ImageSet SOME = TestRuns.shipped().train().head(3000);

    @Test
    void everyCheckPassesOnRealImagesForEveryLoss() {
        for (String loss : new String[] {"softmax", "svm", "ova", "structured"}) {
            List<SanityChecks.Check> checks = SanityChecks.run(SOME, TrainConfig.builder().set(Settings.LOSS, loss).build(), 20,
                    TestRuns.ENGINE);
            assertEquals(List.of("initial loss", "loss grows with regularization", "overfit a tiny subset"),
                    checks.stream().map(SanityChecks.Check::name).toList());
            for (SanityChecks.Check c : checks) {
                assertTrue(c.passed(), loss + ": " + c.name() + ": " + c.detail());
            }
            // at equal scores, 10 classes: C - 1 margins of 1; ln C; C one-vs-all margins of 1; one structured margin
            double expected = switch (loss) {
                case "svm" -> 9;
                case "softmax" -> Math.log(10);
                case "ova" -> 10;
                default -> 1;
            };
            assertEquals(expected, (double) checks.get(0).numbers().get("expected_loss"), 1e-12, loss);
        }
    }

    @Test
    void theExpectedInitialLossFollowsTheLoss() {
        SanityChecks.Check c = SanityChecks.initialLoss(SOME, TrainConfig.builder().set(Settings.LOSS, "svm").set(Settings.MARGIN, 3.0).build(),
                TestRuns.ENGINE);
        assertTrue(c.passed(), "with margin 3 the loss at equal scores is 27, and so is the measured one: " + c.detail());
        assertEquals(27, (double) c.numbers().get("expected_loss"), 1e-12);
    }

    @Test
    void aTooSmallSubsetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SanityChecks.run(SOME, TrainConfig.DEFAULTS, 1, TestRuns.ENGINE));
    }
}
