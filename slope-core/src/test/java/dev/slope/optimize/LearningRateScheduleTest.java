package dev.slope.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each schedule at known steps: base rate 1, 10 steps per epoch, 100 steps in all. */
class LearningRateScheduleTest {
    static double at(LearningRateSchedule s, long step) {
        return s.rate(1.0, step, 10, 100);
    }

    @Test
    void knownValues() {
        LearningRateSchedule constant = new LearningRateSchedule("constant", 0.5, 2, 0);
        assertEquals(1, at(constant, 0));
        assertEquals(1, at(constant, 99));
        LearningRateSchedule step = new LearningRateSchedule("step", 0.5, 2, 0);
        assertEquals(1, at(step, 19));
        assertEquals(0.5, at(step, 20));
        assertEquals(0.25, at(step, 45));
        LearningRateSchedule exp = new LearningRateSchedule("exponential", 0.1, 1, 0);
        assertEquals(Math.exp(-0.1), at(exp, 10), 1e-15);
        assertEquals(Math.exp(-0.25), at(exp, 25), 1e-15);
        LearningRateSchedule inverse = new LearningRateSchedule("inverse", 1, 1, 0);
        assertEquals(0.5, at(inverse, 10), 1e-15);
        assertEquals(0.25, at(inverse, 30), 1e-15);
        LearningRateSchedule cosine = new LearningRateSchedule("cosine", 0, 1, 0);
        assertEquals(1, at(cosine, 0), 1e-15);
        assertEquals(0.5, at(cosine, 50), 1e-15);
        assertEquals(0, at(cosine, 100), 1e-15);
    }

    @Test
    void warmupRampsAnySchedule() {
        LearningRateSchedule warm = new LearningRateSchedule("constant", 0.5, 1, 4);
        assertEquals(0.25, at(warm, 0));
        assertEquals(0.5, at(warm, 1));
        assertEquals(1, at(warm, 3));
        assertEquals(1, at(warm, 4));
        LearningRateSchedule warmStep = new LearningRateSchedule("step", 0.5, 1, 20);
        assertEquals(0.5 * 15 / 20.0, at(warmStep, 14), 1e-15);
    }

    @Test
    void badSchedulesListTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule("linear", 0.5, 1, 0));
        assertTrue(e.getMessage().contains("constant, step, exponential, inverse, cosine"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule("step", 2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule("step", 0.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule("constant", 0.5, 1, -1));
    }
}
