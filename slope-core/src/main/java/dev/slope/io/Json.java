package dev.slope.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The JSON settings Slope's reports share: NaN and infinities written as such, no HTML escaping. */
public final class Json {
    /** One line per document, for reports on stdout and summary files. */
    public static final Gson COMPACT = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private Json() {
    }

    /** Rounds a number for a report (accuracies to 1e-6, seconds to 1e-3); NaN and infinities stay as they are. */
    public static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
