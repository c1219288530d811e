package dev.slope.optimize;

import com.google.gson.JsonObject;
import dev.slope.features.Hog;
import dev.slope.optimize.Setting.Group;
import java.util.List;
import java.util.Locale;

/** Histograms of oriented gradients ({@link Hog}) as a feature kind: cell, block, bins and the block norm. */
public final class HogKind extends FeatureKind<Hog> {
    static final HogKind KIND = new HogKind();

    public static final Setting<Integer> CELL = Setting.whole("hog_cell", Group.PREPROCESSING, "PX", 8, 1,
            "HOG: pixels per cell side (8 in the lecture; 4 suits 28x28 images).", KIND.listed());
    public static final Setting<Integer> BLOCK = Setting.whole("hog_block", Group.PREPROCESSING, "CELLS", 2, 1,
            "HOG: cells per block side; 1 with {hog_norm} none gives the lecture's plain cell histograms.",
            KIND.listed());
    public static final Setting<Integer> BINS = Setting.whole("hog_bins", Group.PREPROCESSING, "B", 9, 1,
            "HOG: orientation bins over 0..180 degrees.", KIND.listed());
    public static final Setting<String> NORM = Setting.choice("hog_norm", Group.PREPROCESSING,
            List.of("l2hys", "l1", "none"), "l2hys",
            "HOG: how each block is normalized (L2-Hys as Dalal and Triggs, L1, or none).", KIND.listed());

    private HogKind() {
        super("hog", Hog.class, "histograms of oriented gradients");
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(CELL, BLOCK, BINS, NORM);
    }

    @Override
    public Hog make(SettingValues v) {
        return new Hog(v.get(CELL), v.get(BLOCK), v.get(BINS), Hog.Norm.valueOf(v.get(NORM).toUpperCase(Locale.ROOT)));
    }

    @Override
    protected void write(Hog hog, JsonObject o) {
        o.addProperty("cell", hog.cell());
        o.addProperty("block", hog.block());
        o.addProperty("bins", hog.bins());
        o.addProperty("norm", hog.norm().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public Hog read(JsonObject o, float pixelScale) {
        return new Hog(o.get("cell").getAsInt(), o.get("block").getAsInt(), o.get("bins").getAsInt(),
                Hog.Norm.valueOf(o.get("norm").getAsString().toUpperCase(Locale.ROOT)));
    }
}
