package dev.slope.optimize;

import com.google.gson.JsonObject;
import dev.slope.features.Feature;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * One kind of image feature, registered once in {@link Settings#FEATURE_KINDS}: its name (what {@code features}
 * lists), a few words for the help, its settings (lines of the settings table, in order), how it is made from a
 * run's settings, and how a model file writes and reads a made (and fitted) one. The settings table, the
 * {@code TrainConfig}, the model files ({@code io.PipelineCodec}) and the CLI's {@code slope features} all find it
 * there; adding a kind is its feature class, its kind class and one registration line.
 *
 * @param <F> the feature it makes
 */
public abstract class FeatureKind<F extends Feature> {
    private final String name;
    private final Class<F> type;
    private final String description;

    protected FeatureKind(String name, Class<F> type, String description) {
        this.name = name;
        this.type = type;
        this.description = description;
    }

    /** The name {@code features} lists and model files write ("hog"). */
    public String name() {
        return name;
    }

    /** A few words for the help of {@code features}. */
    public String description() {
        return description;
    }

    /** This kind's own settings, in the order the table lists them (none for the pixels). */
    public abstract List<Setting<?>> settings();

    /** The feature a run's settings describe; a feature fitted on the training split comes unfitted. */
    public abstract F make(SettingValues settings);

    /** Writes what defines {@code feature} (its settings, and what fitting learned) beside its "name". */
    protected abstract void write(F feature, JsonObject into);

    /** The feature {@link #write} wrote; the pixel scale is the pipeline's. */
    public abstract F read(JsonObject from, float pixelScale);

    /** Whether {@code feature} is of this kind. */
    public boolean makes(Feature feature) {
        return type.isInstance(feature);
    }

    /** {@link #write} for a feature known to be of this kind ({@link #makes}). */
    public void writeFeature(Feature feature, JsonObject into) {
        write(type.cast(feature), into);
    }

    /** Whether a run's settings list this feature: when its own settings apply. */
    public Predicate<SettingValues> listed() {
        return v -> Arrays.asList(v.get(Settings.FEATURES).split(",")).contains(name);
    }
}
