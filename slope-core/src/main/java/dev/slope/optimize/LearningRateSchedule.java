package dev.slope.optimize;

import dev.slope.InvalidValueException;

/**
 * The learning rate at each step, from a base rate η0. Time is counted in epochs, t = step /
 * stepsPerEpoch (fractional), so a schedule means the same for any batch size. Each kind is a type with
 * its own settings, registered by name in {@link Settings}; a warm-up ramp is applied on top of any of
 * them ({@link TrainConfig.Optimizer#rate}).
 */
public sealed interface LearningRateSchedule {

    /** The name used on the command line and in model files. */
    String name();

    /**
     * @param base          η0
     * @param step          the step about to be taken, from 0
     * @param stepsPerEpoch steps in one epoch
     * @param totalSteps    steps in the whole run (for cosine)
     */
    double rate(double base, long step, int stepsPerEpoch, long totalSteps);

    /** η0 throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public double rate(double base, long step, int stepsPerEpoch, long totalSteps) {
            return base;
        }
    }

    /**
     * {@code η0 · γ^⌊t / k⌋}: multiplied by γ every k epochs.
     *
     * @param decay      γ, in (0, 1]
     * @param stepEpochs k, epochs between drops
     */
    record StepDecay(double decay, double stepEpochs) implements LearningRateSchedule {
        public StepDecay {
            if (!(decay > 0 && decay <= 1)) {
                throw new InvalidValueException(n -> n.name("lr_decay") + " of the step schedule is the factor per drop, in (0, 1], got "
                        + decay);
            }
            if (!(stepEpochs > 0) || !Double.isFinite(stepEpochs)) {
                throw new InvalidValueException(n -> n.name("lr_step_epochs") + " must be a finite number > 0, got " + stepEpochs);
            }
        }

        @Override
        public String name() {
            return "step";
        }

        @Override
        public double rate(double base, long step, int stepsPerEpoch, long totalSteps) {
            double t = (double) step / stepsPerEpoch;
            return base * Math.pow(decay, Math.floor(t / stepEpochs + 1e-12));
        }
    }

    /** {@code η0 · e^(−γ·t)}. */
    record Exponential(double decay) implements LearningRateSchedule {
        @Override
        public String name() {
            return "exponential";
        }

        @Override
        public double rate(double base, long step, int stepsPerEpoch, long totalSteps) {
            double t = (double) step / stepsPerEpoch;
            return base * Math.exp(-decay * t);
        }
    }

    /** {@code η0 / (1 + γ·t)}, "1/t" decay. */
    record Inverse(double decay) implements LearningRateSchedule {
        @Override
        public String name() {
            return "inverse";
        }

        @Override
        public double rate(double base, long step, int stepsPerEpoch, long totalSteps) {
            return base / (1 + decay * ((double) step / stepsPerEpoch));
        }
    }

    /** {@code η0 · ½(1 + cos(π · step / totalSteps))}: from η0 down to 0 at the end of the run. */
    record Cosine() implements LearningRateSchedule {
        @Override
        public String name() {
            return "cosine";
        }

        @Override
        public double rate(double base, long step, int stepsPerEpoch, long totalSteps) {
            return base * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, (double) step / Math.max(1, totalSteps))));
        }
    }
}
