package dev.slope.model;

import dev.slope.SlopeException;
import dev.slope.data.DatasetInfo;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How a model was made, recorded in its file: every setting of the run (typed, by the names of
 * {@code dev.slope.optimize.Settings}, from which the run can be rebuilt), the dataset, the Slope version,
 * the kernel that ran and the creation time.
 *
 * <p>The creation time is the current time to the second, unless the program's main has handed over the
 * environment's {@code SOURCE_DATE_EPOCH} ({@link #useSourceDateEpoch}, the reproducible-builds convention), so two
 * runs with the same seed and data write byte-identical model files. Core reads no environment itself.
 *
 * @param settings     setting name → value (numbers, booleans, strings), in table order
 * @param data         the dataset, or null when unknown (a model file from an older Slope)
 * @param slopeVersion the Slope that trained it
 * @param kernel       the row kernel that ran ("vector-512", "scalar")
 * @param created      ISO-8601 instant
 */
public record Provenance(Map<String, Object> settings, DatasetInfo data, String slopeVersion, String kernel,
                         String created) {
    /** SOURCE_DATE_EPOCH as the program's main gave it, or null: the current time. */
    private static volatile String sourceDateEpoch;

    public Provenance {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Settings only (a hand-made model, a test's). */
    public static Provenance ofSettings(Map<String, Object> settings) {
        return new Provenance(settings, null, currentVersion(), "", "");
    }

    /** A model made now by this Slope, on this kernel. */
    public static Provenance now(Map<String, Object> settings, DatasetInfo data, String kernel) {
        return new Provenance(settings, data, currentVersion(), kernel, creationTime());
    }

    /**
     * Takes the creation time of every model made from now on from {@code value} (whole seconds since 1970: the
     * environment's {@code SOURCE_DATE_EPOCH}, handed over by a main), or from the clock when null or blank. A
     * malformed value is refused when a model is made ({@link #creationTime()}).
     */
    public static void useSourceDateEpoch(String value) {
        sourceDateEpoch = value;
    }

    /**
     * The creation time of a model made now: the value given to {@link #useSourceDateEpoch}, else the clock.
     *
     * @throws SlopeException when that value is not a whole number of seconds
     */
    public static String creationTime() {
        return creationTime(sourceDateEpoch);
    }

    /**
     * The creation time: {@code sourceDateEpoch} (whole seconds since 1970) when given, else now.
     *
     * @throws SlopeException when the variable is set but not a whole number of seconds
     */
    public static String creationTime(String sourceDateEpoch) {
        if (sourceDateEpoch == null || sourceDateEpoch.isBlank()) {
            return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.trim())).toString();
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new SlopeException("SOURCE_DATE_EPOCH='" + sourceDateEpoch + "' is not a whole number of seconds since"
                    + " 1970; set it to one (the last commit's time, from git log) or unset it");
        }
    }

    /** This Slope's version, from the build. */
    public static String currentVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/dev/slope/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
