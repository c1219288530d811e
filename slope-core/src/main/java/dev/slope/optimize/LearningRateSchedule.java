package dev.slope.optimize;

import java.util.List;

/**
 * The learning rate at each step, from a base rate η0. Time is counted in epochs, t = step /
 * stepsPerEpoch (fractional), so a schedule means the same for any batch size:
 *
 * <pre>
 *   constant      η0
 *   step          η0 · γ^⌊t / k⌋                 (γ = decay, k = stepEpochs)
 *   exponential   η0 · e^(−γ·t)
 *   inverse       η0 / (1 + γ·t)                  ("1/t" decay)
 *   cosine        η0 · ½(1 + cos(π · step / totalSteps))
 * </pre>
 *
 * A warm-up of W steps multiplies any of them by (step + 1) / W while step &lt; W.
 *
 * @param kind        one of {@link #NAMES}
 * @param decay       γ
 * @param stepEpochs  k, epochs between drops of the step schedule
 * @param warmupSteps W, 0 for none
 */
public record LearningRateSchedule(String kind, double decay, double stepEpochs, long warmupSteps) {
    public static final List<String> NAMES = List.of("constant", "step", "exponential", "inverse", "cosine");
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule("constant", 0.5, 5, 0);

    public LearningRateSchedule {
        if (!NAMES.contains(kind)) {
            throw new IllegalArgumentException("unknown learning-rate schedule '" + kind + "'; choose one of " + NAMES);
        }
        if (!Double.isFinite(decay) || decay < 0) {
            throw new IllegalArgumentException("--lr-decay must be a finite number >= 0, got " + decay);
        }
        if (kind.equals("step") && !(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("--lr-decay of the step schedule is the factor per drop, in (0, 1], got " + decay);
        }
        if (!(stepEpochs > 0) || !Double.isFinite(stepEpochs)) {
            throw new IllegalArgumentException("--lr-step-epochs must be a finite number > 0, got " + stepEpochs);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("--warmup-steps must be >= 0, got " + warmupSteps);
        }
    }

    /**
     * @param base          η0
     * @param step          the step about to be taken, from 0
     * @param stepsPerEpoch steps in one epoch
     * @param totalSteps    steps in the whole run (for cosine)
     */
    public double rate(double base, long step, int stepsPerEpoch, long totalSteps) {
        double t = (double) step / stepsPerEpoch;
        double r = switch (kind) {
            case "constant" -> base;
            case "step" -> base * Math.pow(decay, Math.floor(t / stepEpochs + 1e-12));
            case "exponential" -> base * Math.exp(-decay * t);
            case "inverse" -> base / (1 + decay * t);
            case "cosine" -> base * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, (double) step / Math.max(1, totalSteps))));
            default -> throw new IllegalStateException(kind);
        };
        if (step < warmupSteps) {
            r *= (double) (step + 1) / warmupSteps;
        }
        return r;
    }
}
