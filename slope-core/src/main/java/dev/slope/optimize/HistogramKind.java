package dev.slope.optimize;

import com.google.gson.JsonObject;
import dev.slope.features.ColourHistogram;
import dev.slope.optimize.Setting.Group;
import java.util.List;

/** The colour histogram ({@link ColourHistogram}) as a feature kind: bins, and saturation and value or not. */
public final class HistogramKind extends FeatureKind<ColourHistogram> {
    static final HistogramKind KIND = new HistogramKind();

    public static final Setting<Integer> BINS = Setting.whole("hist_bins", Group.PREPROCESSING, "B", 16, 1,
            "Colour histogram: bins of hue (intensity for grey images).", KIND.listed());
    public static final Setting<Boolean> SATURATION_VALUE = Setting.flag("hist_saturation_value",
            Group.PREPROCESSING, false, "Colour histogram: also histograms of saturation and value.", KIND.listed());

    private HistogramKind() {
        super("hist", ColourHistogram.class, "colour histogram");
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(BINS, SATURATION_VALUE);
    }

    @Override
    public ColourHistogram make(SettingValues v) {
        return new ColourHistogram(v.get(BINS), v.get(SATURATION_VALUE));
    }

    @Override
    protected void write(ColourHistogram hist, JsonObject o) {
        o.addProperty("bins", hist.bins());
        o.addProperty("saturation_value", hist.withSaturationAndValue());
    }

    @Override
    public ColourHistogram read(JsonObject o, float pixelScale) {
        return new ColourHistogram(o.get("bins").getAsInt(), o.get("saturation_value").getAsBoolean());
    }
}
