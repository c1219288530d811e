package dev.slope.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule's first two steps computed by hand, convergence on a convex quadratic, and the life cycle. */
class UpdateRulesTest {
    static final float[] G = {0.5f, -1f};
    static final List<String> NAMES = Settings.UPDATE.choices();

    /** A fresh rule of the given name with the table's default settings. */
    static UpdateRule rule(String name) {
        return TrainConfig.builder().parse("update", name).build().optimizer().update().copy();
    }

    /** Two steps of a rule from θ = (1, −2) with the same gradient (0.5, −1) and η = 0.1. */
    static float[][] twoSteps(String name) {
        UpdateRule rule = rule(name);
        rule.start(2);
        float[] theta = {1f, -2f};
        float[][] params = {theta};
        float[][] grads = {G.clone()};
        rule.step(params, grads, 0.1);
        float[] first = theta.clone();
        rule.step(params, grads, 0.1);
        return new float[][] {first, theta.clone()};
    }

    @Test
    void handComputedSteps() {
        Map<String, float[][]> expected = Map.of(
                "sgd", new float[][] {{0.95f, -1.9f}, {0.9f, -1.8f}},
                // v = −ηg = (−0.05, 0.1); then v = 0.9v − ηg = (−0.095, 0.19)
                "momentum", new float[][] {{0.95f, -1.9f}, {0.855f, -1.71f}},
                // θ += −μ·v_prev + (1 + μ)·v
                "nesterov", new float[][] {{0.905f, -1.81f}, {0.7695f, -1.539f}},
                // G = g², θ −= ηg/√G = η·sign(g); then G = 2g², step η/√2
                "adagrad", new float[][] {{0.9f, -1.9f}, {0.9f - 0.0707107f, -1.9f + 0.0707107f}},
                // G = 0.01·g², √G = 0.1|g|: the first step is η·10·sign(g); then G = 0.0199·g², √G = 0.141067|g|
                "rmsprop", new float[][] {{0f, -1f}, {-0.708881f, -0.291119f}},
                // bias correction makes m̂ = g and v̂ = g² on both steps: η·sign(g) each time
                "adam", new float[][] {{0.9f, -1.9f}, {0.8f, -1.8f}});
        assertEquals(expected.keySet(), Set.copyOf(NAMES));
        for (String name : NAMES) {
            float[][] got = twoSteps(name);
            assertArrayEquals(expected.get(name)[0], got[0], 1e-5f, name + " step 1");
            assertArrayEquals(expected.get(name)[1], got[1], 1e-5f, name + " step 2");
        }
    }

    @Test
    void everyRuleConvergesOnAConvexQuadratic() {
        // f(θ) = ½ Σ a_k (θ_k − c_k)², badly conditioned (a = 1 and 10), minimum at c
        float[] a = {1f, 10f};
        float[] c = {3f, -1f};
        Map<String, Double> rates = Map.of("sgd", 0.05, "momentum", 0.02, "nesterov", 0.02, "adagrad", 0.5,
                "rmsprop", 0.003, "adam", 0.01);
        for (String name : NAMES) {
            UpdateRule rule = rule(name);
            rule.start(2);
            float[] theta = {0f, 0f};
            float[] g = new float[2];
            for (int t = 0; t < 5000; t++) {
                for (int k = 0; k < 2; k++) {
                    g[k] = a[k] * (theta[k] - c[k]);
                }
                rule.step(new float[][] {theta}, new float[][] {g}, rates.get(name));
            }
            assertArrayEquals(c, theta, 0.01f, name);
        }
    }

    @Test
    void stateIsKeptPerArray() {
        UpdateRule rule = rule("momentum");
        rule.start(1, 1);
        float[] w = {1f};
        float[] b = {1f};
        rule.step(new float[][] {w, b}, new float[][] {{1f}, {0f}}, 0.1);
        rule.step(new float[][] {w, b}, new float[][] {{0f}, {0f}}, 0.1);
        assertEquals(1f - 0.1f - 0.09f, w[0], 1e-6f);
        assertEquals(1f, b[0], 0f);
    }

    /** Steps of a rule on a fixed gradient sequence; returns θ. */
    static float[] run(UpdateRule rule, float[] theta, int from, int to) {
        for (int t = from; t < to; t++) {
            float[] g = {(float) Math.sin(t), (float) Math.cos(3 * t), 0.1f * t};
            rule.step(new float[][] {theta}, new float[][] {g}, 0.05);
        }
        return theta;
    }

    @Test
    void aSavedStateResumesExactlyAndResetForgets() {
        for (String name : NAMES) {
            UpdateRule straight = rule(name);
            straight.start(3);
            float[] expected = run(straight, new float[] {1, 2, 3}, 0, 20);

            UpdateRule first = rule(name);
            first.start(3);
            float[] theta = run(first, new float[] {1, 2, 3}, 0, 8);
            UpdateRule.State saved = first.state();
            assertEquals(8, saved.steps(), name);
            UpdateRule resumed = rule(name);
            resumed.start(3);
            resumed.restore(saved);
            assertArrayEquals(expected, run(resumed, theta.clone(), 8, 20), 0f, name + ": restored");
            UpdateRule copy = first.copy();
            assertArrayEquals(expected, run(copy, theta.clone(), 8, 20), 0f, name + ": copied");

            first.reset();
            float[] again = run(first, new float[] {1, 2, 3}, 0, 20);
            assertArrayEquals(expected, again, 0f, name + ": after reset, as new");
        }
    }

    @Test
    void theLifeCycleIsEnforced() {
        UpdateRule adam = rule("adam");
        IllegalStateException notStarted = assertThrows(IllegalStateException.class,
                () -> adam.step(new float[][] {{1f}}, new float[][] {{1f}}, 0.1));
        assertTrue(notStarted.getMessage().contains("start"), notStarted.getMessage());
        adam.start(2);
        assertThrows(IllegalArgumentException.class, () -> adam.step(new float[][] {{1f}}, new float[][] {{1f}}, 0.1));
        UpdateRule momentum = rule("momentum");
        momentum.start(2);
        IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class,
                () -> momentum.restore(adam.state()));
        assertTrue(wrongKind.getMessage().contains("adam state cannot be loaded into momentum"), wrongKind.getMessage());
    }

    @Test
    void badNamesAndSettingsListTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().parse("update", "adamw"));
        assertTrue(e.getMessage().contains("sgd, momentum, nesterov, adagrad, rmsprop, adam"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().set(Settings.MOMENTUM, 1.0));
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--momentum must be a finite number in [0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().set(Settings.EPSILON, 0.0));
    }
}
