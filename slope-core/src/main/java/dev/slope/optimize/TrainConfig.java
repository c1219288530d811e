package dev.slope.optimize;

import dev.slope.model.Initializer;
import dev.slope.objective.Objective;
import dev.slope.preprocess.Pipeline;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that decides a training run: one value per setting of the {@link Settings} table, and the
 * small records the parts of Slope take ({@link #objective()}, {@link #pipelineSpec()}, {@link #optimizer()},
 * {@link #stopping()}). Immutable. A config remembers which values were given and which came from the
 * table's defaults, so a default that depends on another setting follows it ({@code --update adam} alone
 * brings Adam's learning rate).
 */
public final class TrainConfig implements SettingValues {
    /** The batch size that means "the whole training split": batch gradient descent. */
    public static final int FULL_BATCH = Integer.MAX_VALUE;

    /** Every default. */
    public static final TrainConfig DEFAULTS = builder().build();

    /** What early stopping watches on the validation split. */
    public enum Monitor {
        /** stop when validation accuracy has not risen for {@code patience} epochs */
        ACCURACY,
        /** stop when the validation loss has not fallen for {@code patience} epochs */
        LOSS
    }

    /** How each epoch's batches are drawn. */
    public enum Sampling {
        /** a fresh permutation per epoch, cut into consecutive batches: every example once per epoch */
        SHUFFLE,
        /** each batch drawn uniformly with replacement */
        REPLACEMENT
    }

    /**
     * How the weights move.
     *
     * @param update      a fresh update rule of the configured kind (copy it before stepping)
     * @param schedule    the learning rate over the run, without warm-up
     * @param warmupSteps the rate ramps up linearly over these first steps
     */
    public record Optimizer(UpdateRule update, double lr, LearningRateSchedule schedule, long warmupSteps, int batchSize,
                            int epochs, Sampling sampling, Initializer initializer, double maxNorm) {
        /** The rate of a step: the schedule's, times the warm-up ramp. */
        public double rate(long step, int stepsPerEpoch, long totalSteps) {
            double r = schedule.rate(lr, step, stepsPerEpoch, totalSteps);
            return step < warmupSteps ? r * ((double) (step + 1) / warmupSteps) : r;
        }
    }

    /**
     * What is held out and watched.
     *
     * @param patience 0 for no early stopping
     */
    public record Stopping(double valFraction, int patience, Monitor monitor) {
    }

    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, Object> given;
    private final Objective objective;
    private final Pipeline.Spec pipelineSpec;
    private final Optimizer optimizer;
    private final Stopping stopping;

    private TrainConfig(Map<Setting<?>, Object> given) {
        Map<Setting<?>, Object> v = new LinkedHashMap<>();
        this.values = v;
        for (Setting<?> s : Settings.all()) {
            v.put(s, given.containsKey(s) ? given.get(s) : s.defaultFor(this));
        }
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
        this.objective = new Objective(Settings.LOSSES.get(get(Settings.LOSS)).apply(this),
                Settings.REGULARIZERS.get(get(Settings.REG_TYPE)).apply(this), get(Settings.REG), get(Settings.PENALIZE_BIAS));
        this.pipelineSpec = new Pipeline.Spec(get(Settings.PIXEL_SCALE).floatValue(), get(Settings.MEAN_IMAGE),
                get(Settings.BIAS_TRICK), Settings.features(this));
        LearningRateSchedule schedule = Settings.SCHEDULES.get(get(Settings.LR_SCHEDULE)).apply(this);
        this.optimizer = new Optimizer(Settings.UPDATE_RULES.get(get(Settings.UPDATE)).apply(this), get(Settings.LR),
                schedule, get(Settings.WARMUP_STEPS), get(Settings.BATCH_SIZE), get(Settings.EPOCHS),
                Sampling.valueOf(get(Settings.SAMPLING).toUpperCase(Locale.ROOT)), new Initializer(get(Settings.INIT_SCALE)),
                get(Settings.MAX_NORM));
        this.stopping = new Stopping(get(Settings.VAL_FRACTION), get(Settings.PATIENCE),
                Monitor.valueOf(get(Settings.MONITOR).toUpperCase(Locale.ROOT)));
    }

    @Override
    public <T> T get(Setting<T> setting) {
        Object v = values.get(setting);
        if (v == null) {
            throw new IllegalStateException(setting + " is read before it is decided: a default may only depend on"
                    + " settings above it in the table");
        }
        return setting.type().cast(v);
    }

    /** Whether a value was given rather than taken from the defaults. */
    public boolean isGiven(Setting<?> setting) {
        return given.containsKey(setting);
    }

    /** The data loss plus λ times the regularizer. */
    public Objective objective() {
        return objective;
    }

    /** The preprocessing settings, to be fitted on a training split. */
    public Pipeline.Spec pipelineSpec() {
        return pipelineSpec;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Stopping stopping() {
        return stopping;
    }

    /** The seed of the split, the initial W and the batches. */
    public long seed() {
        return get(Settings.SEED);
    }

    /** The held-out share of the training images. */
    public double valFraction() {
        return stopping.valFraction();
    }

    /** Every setting by name with its typed value (numbers, booleans, strings), in table order. */
    public Map<String, Object> toJson() {
        return json(false);
    }

    /** The settings that do something given the others (no margin for softmax, no momentum for SGD). */
    public Map<String, Object> applicableJson() {
        return json(true);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, Object> json(boolean onlyApplicable) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<Setting<?>, Object> e : values.entrySet()) {
            Setting s = e.getKey();
            if (!onlyApplicable || s.appliesTo(this)) {
                m.put(s.name(), s.json(e.getValue()));
            }
        }
        return m;
    }

    /**
     * A config from settings by name (a model file's, a JSON object's); values may be typed or text. Settings
     * not named keep their defaults.
     *
     * @throws IllegalArgumentException naming an unknown setting or a bad value
     */
    public static TrainConfig fromJson(Map<String, ?> settings) {
        Builder b = builder();
        settings.forEach((name, value) -> b.parse(name, String.valueOf(value)));
        return b.build();
    }

    /** A builder holding this config's given values (defaults stay defaults). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.given.putAll(given);
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a config from values given one by one; the rest follow the table's defaults. */
    public static final class Builder {
        private final Map<Setting<?>, Object> given = new LinkedHashMap<>();

        private Builder() {
        }

        /** Gives a typed value, checked against the setting's range. */
        public <T> Builder set(Setting<T> setting, T value) {
            given.put(setting, setting.check(value));
            return this;
        }

        /** Gives a value as text (a flag's argument, a JSON value), by the setting's name. */
        public Builder parse(String name, String text) {
            Setting<?> s = Settings.named(name);
            given.put(s, s.parse(text));
            return this;
        }

        /** Forgets a given value, so the setting follows its default again. */
        public Builder unset(Setting<?> setting) {
            given.remove(setting);
            return this;
        }

        /** @throws IllegalArgumentException when the settings do not fit together, naming the flags */
        public TrainConfig build() {
            return new TrainConfig(given);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainConfig c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "TrainConfig" + toJson();
    }
}
