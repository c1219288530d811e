package dev.slope.optimize;

import com.google.gson.JsonObject;
import dev.slope.features.Pixels;
import java.util.List;

/** The pixels themselves as a feature, scaled by the run's {@code pixel_scale}: no settings of their own. */
final class PixelsKind extends FeatureKind<Pixels> {
    static final PixelsKind KIND = new PixelsKind();

    private PixelsKind() {
        super("pixels", Pixels.class, "the classic pipeline when alone: scale and mean image");
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of();
    }

    @Override
    public Pixels make(SettingValues settings) {
        return new Pixels(settings.get(Settings.PIXEL_SCALE).floatValue());
    }

    @Override
    protected void write(Pixels feature, JsonObject into) {
        // the scale is the pipeline's, written once for it
    }

    @Override
    public Pixels read(JsonObject from, float pixelScale) {
        return new Pixels(pixelScale);
    }
}
