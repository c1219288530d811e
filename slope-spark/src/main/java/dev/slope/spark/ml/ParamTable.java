package dev.slope.spark.ml;

import dev.slope.FieldNames;
import dev.slope.optimize.Setting;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Params of Slope's stages, made from the one settings table ({@link Settings}): one Param per setting, named as
 * Spark names Params ({@link FieldNames#PARAMS}: {@code reg_type} is {@code regType}), typed as the setting is, its doc
 * the setting's help and default. A Param left unset follows Slope's default rule, as a flag left out does on the
 * command line; {@link #config} turns the Params set into the run's {@link TrainConfig}.
 */
final class ParamTable {
    static final String FEATURES_COL = "featuresCol";
    static final String LABEL_COL = "labelCol";
    static final String PREDICTION_COL = "predictionCol";
    static final String RAW_PREDICTION_COL = "rawPredictionCol";
    static final String PROBABILITY_COL = "probabilityCol";
    static final String IMAGE_SHAPE = "imageShape";
    static final String SYNC_STEPS = "syncSteps";

    private ParamTable() {
    }

    /** The Params of a Slope stage owned by {@code owner}, sorted by name (as Spark lists them); then the defaults. */
    static Param<?>[] create(Params owner) {
        List<Param<?>> all = new ArrayList<>();
        for (Setting<?> s : Settings.all()) {
            all.add(param(owner, s));
        }
        all.add(new Param<String>(owner, FEATURES_COL, "The features column: an image's raw values, H x W x C with"
                + " channels last, as binary (uint8 pixels), an array of numbers or an ML Vector."));
        all.add(new Param<String>(owner, LABEL_COL, "The label column: whole numbers 0..C-1."));
        all.add(new Param<String>(owner, PREDICTION_COL, "The predicted class (a double), added by the model."));
        all.add(new Param<String>(owner, RAW_PREDICTION_COL, "The class scores Wx + b (an ML Vector), added by the"
                + " model."));
        all.add(new Param<String>(owner, PROBABILITY_COL, "The softmax of the scores (an ML Vector), added by a model"
                + " trained with loss softmax (an SVM's scores are not probabilities: none is added)."));
        all.add(new Param<String>(owner, IMAGE_SHAPE, "The images' shape HxWxC (e.g. 28x28x1), so the model reads image"
                + " files too (slope evaluate, slope predict). Unset: the features column's Slope metadata, else one"
                + " row of all the values (1 x D x 1)."));
        all.add(new IntParam(owner, SYNC_STEPS, "Local SGD: each partition's steps between two averagings of W (0:"
                + " its whole epoch). Full batches (batchSize " + Integer.MAX_VALUE + ") ignore it.",
                v -> (Integer) v >= 0));
        all.sort(Comparator.comparing(Param::name));
        return all.toArray(new Param<?>[0]);
    }

    /** The column Params' defaults, as MLlib's classifiers name their columns. */
    static void setDefaults(Params owner) {
        owner.setDefault(string(owner, FEATURES_COL), "features");
        owner.setDefault(string(owner, LABEL_COL), "label");
        owner.setDefault(string(owner, PREDICTION_COL), "prediction");
        owner.setDefault(string(owner, RAW_PREDICTION_COL), "rawPrediction");
        owner.setDefault(string(owner, PROBABILITY_COL), "probability");
        owner.setDefault(integer(owner, SYNC_STEPS), 0);
    }

    private static Param<?> param(Params owner, Setting<?> s) {
        String name = FieldNames.PARAMS.name(s.name());
        String doc = s.help(FieldNames.PARAMS) + " Unset: " + s.defaultText() + ".";
        Class<?> type = s.type();
        if (type == Double.class) {
            return new DoubleParam(owner, name, doc, v -> valid(s, v));
        }
        if (type == Integer.class) {
            return new IntParam(owner, name, doc, v -> valid(s, v));
        }
        if (type == Long.class) {
            return new LongParam(owner, name, doc, v -> valid(s, v));
        }
        if (type == Boolean.class) {
            return new BooleanParam(owner, name, doc);
        }
        return new Param<String>(owner, name, doc, v -> valid(s, v));
    }

    @SuppressWarnings("unchecked")
    private static boolean valid(Setting<?> s, Object value) {
        try {
            if (value instanceof String text) {
                s.parse(text);
            } else {
                ((Setting<Object>) s).check(value);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Sets a setting's Param on {@code owner} after checking the value as the table does, so a bad value is refused when
     * it is set with Slope's message in Params' names ({@code reg must be >= 0, got -1.0}).
     */
    @SuppressWarnings("unchecked")
    static <T> T set(Params owner, String setting, Object value) {
        Setting<Object> s = (Setting<Object>) Settings.named(setting);
        Object checked;
        try {
            checked = value instanceof String text ? s.parse(text) : s.check(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FieldNames.PARAMS.messageOf(e), e);
        }
        owner.set((Param<Object>) owner.getParam(FieldNames.PARAMS.name(setting)), checked);
        return (T) owner;
    }

    /** Sets a Param that is not a training setting (a column's name, the shape, local SGD's sync). */
    @SuppressWarnings("unchecked")
    static <T> T setOwn(Params owner, String param, Object value) {
        owner.set((Param<Object>) owner.getParam(param), value);
        return (T) owner;
    }

    /** A setting's value on {@code owner}: the one set, or Slope's default rule given the others set. */
    static <V> V resolved(Params owner, String setting, Class<V> type) {
        return type.cast(config(owner).get(Settings.named(setting)));
    }

    /**
     * The run's settings: the Params set on {@code owner}, the rest by Slope's defaults.
     *
     * @throws IllegalArgumentException saying, in Params' names, what does not fit
     */
    @SuppressWarnings("unchecked")
    static TrainConfig config(Params owner) {
        TrainConfig.Builder b = TrainConfig.builder();
        try {
            for (Setting<?> s : Settings.all()) {
                Param<Object> p = (Param<Object>) owner.getParam(FieldNames.PARAMS.name(s.name()));
                if (owner.isSet(p)) {
                    b.set((Setting<Object>) s, owner.getOrDefault(p));
                }
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FieldNames.PARAMS.messageOf(e), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Param<String> string(Params owner, String name) {
        return (Param<String>) (Param<?>) owner.getParam(name);
    }

    static IntParam integer(Params owner, String name) {
        return (IntParam) (Param<?>) owner.getParam(name);
    }
}
