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

    /** The optimizer of a config given as flag values, at a step (base rate 1). */
    static double at(String schedule, String decay, String stepEpochs, long warmup, long step) {
        TrainConfig c = TrainConfig.builder().parse("lr", "1").parse("lr_schedule", schedule).parse("lr_decay", decay)
                .parse("lr_step_epochs", stepEpochs).set(Settings.WARMUP_STEPS, warmup).build();
        return c.optimizer().rate(step, 10, 100);
    }

    @Test
    void knownValues() {
        LearningRateSchedule constant = new LearningRateSchedule.Constant();
        assertEquals(1, at(constant, 0));
        assertEquals(1, at(constant, 99));
        LearningRateSchedule step = new LearningRateSchedule.StepDecay(0.5, 2);
        assertEquals(1, at(step, 19));
        assertEquals(0.5, at(step, 20));
        assertEquals(0.25, at(step, 45));
        LearningRateSchedule exp = new LearningRateSchedule.Exponential(0.1);
        assertEquals(Math.exp(-0.1), at(exp, 10), 1e-15);
        assertEquals(Math.exp(-0.25), at(exp, 25), 1e-15);
        LearningRateSchedule inverse = new LearningRateSchedule.Inverse(1);
        assertEquals(0.5, at(inverse, 10), 1e-15);
        assertEquals(0.25, at(inverse, 30), 1e-15);
        LearningRateSchedule cosine = new LearningRateSchedule.Cosine();
        assertEquals(1, at(cosine, 0), 1e-15);
        assertEquals(0.5, at(cosine, 50), 1e-15);
        assertEquals(0, at(cosine, 100), 1e-15);
    }

    @Test
    void theSettingsBuildEachScheduleByName() {
        assertEquals(0.25, at("step", "0.5", "2", 0, 45), 1e-15);
        assertEquals(Math.exp(-0.25), at("exponential", "0.1", "1", 0, 25), 1e-15);
        assertEquals(new LearningRateSchedule.StepDecay(0.5, 2), TrainConfig.builder().parse("lr_schedule", "step")
                .parse("lr_step_epochs", "2").build().optimizer().schedule());
    }

    @Test
    void warmupRampsAnySchedule() {
        assertEquals(0.25, at("constant", "0.5", "1", 4, 0));
        assertEquals(0.5, at("constant", "0.5", "1", 4, 1));
        assertEquals(1, at("constant", "0.5", "1", 4, 3));
        assertEquals(1, at("constant", "0.5", "1", 4, 4));
        assertEquals(0.5 * 15 / 20.0, at("step", "0.5", "1", 20, 14), 1e-15);
    }

    @Test
    void badSchedulesListTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.builder().parse("lr_schedule", "linear"));
        assertTrue(e.getMessage().contains("constant, step, exponential, inverse, cosine"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().parse("lr_schedule", "step")
                .parse("lr_decay", "2").build());
        assertTrue(dev.slope.FieldNames.FLAGS.messageOf(e).contains("--lr-decay"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().parse("lr_step_epochs", "0"));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().set(Settings.WARMUP_STEPS, -1L));
    }
}
