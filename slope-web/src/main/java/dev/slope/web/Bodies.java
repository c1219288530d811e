package dev.slope.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;

/**
 * Reading request bodies: every getter names the field it reads and says what it expected, so a bad request
 * gets a 400 that tells the client what to fix. Numbers must be finite.
 */
final class Bodies {
    private Bodies() {
    }

    /** The body as a JSON object. */
    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.bad(null, "the request has no body; send a JSON object");
        }
        JsonElement e;
        try {
            e = JsonParser.parseString(body);
        } catch (JsonParseException | IllegalStateException ex) {
            throw ApiError.bad(null, "the body is not valid JSON: " + firstLine(ex.getMessage()));
        }
        if (!e.isJsonObject()) {
            throw ApiError.bad(null, "the body must be a JSON object, got " + kind(e));
        }
        return e.getAsJsonObject();
    }

    /** Refuses a field the request does not take (a typo would otherwise be ignored in silence), naming it. */
    static void onlyFields(JsonObject o, String... known) {
        java.util.List<String> fields = java.util.List.of(known);
        for (String f : o.keySet()) {
            if (!fields.contains(f)) {
                String shown = f.length() > 60 ? f.substring(0, 60) + "…" : f;
                throw ApiError.bad(shown, "'" + shown + "' is not a field of this request; it takes " + String.join(", ", known)
                        + " (docs/api.md)");
            }
        }
    }

    static JsonElement required(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw ApiError.bad(field, "'" + field + "' is missing");
        }
        return e;
    }

    /** A finite number in [min, max]. */
    static double number(JsonObject o, String field, double min, double max) {
        return number(required(o, field), field, min, max);
    }

    /** A finite number in [min, max], or {@code fallback} when the field is absent. */
    static double number(JsonObject o, String field, double min, double max, double fallback) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? fallback : number(e, field, min, max);
    }

    static double number(JsonElement e, String field, double min, double max) {
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw ApiError.bad(field, "'" + field + "' must be a number, got " + kind(e));
        }
        double v;
        try {
            v = p.getAsDouble();
        } catch (NumberFormatException ex) {
            throw ApiError.bad(field, "'" + field + "' must be a number, got " + p);
        }
        if (!Double.isFinite(v)) {
            throw ApiError.bad(field, "'" + field + "' must be a finite number, got " + p);
        }
        if (v < min || v > max) {
            throw ApiError.bad(field, "'" + field + "' must be in [" + fmt(min) + ", " + fmt(max) + "], got " + fmt(v));
        }
        return v;
    }

    /** A whole number in [min, max]. */
    static int whole(JsonElement e, String field, int min, int max) {
        double v = number(e, field, min, max);
        if (v != Math.rint(v)) {
            throw ApiError.bad(field, "'" + field + "' must be a whole number, got " + fmt(v));
        }
        return (int) v;
    }

    /** A whole number in [min, max], or {@code fallback} when absent. */
    static int whole(JsonObject o, String field, int min, int max, int fallback) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? fallback : whole(e, field, min, max);
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    static String choice(JsonObject o, String field, List<String> allowed, String fallback) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!(e instanceof JsonPrimitive p) || !p.isString()) {
            throw ApiError.bad(field, "'" + field + "' must be one of " + String.join(", ", allowed) + ", got " + kind(e));
        }
        String v = p.getAsString();
        if (!allowed.contains(v)) {
            throw ApiError.bad(field, "'" + field + "' must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    static boolean flag(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (!(e instanceof JsonPrimitive p) || !p.isBoolean()) {
            throw ApiError.bad(field, "'" + field + "' must be true or false, got " + kind(e));
        }
        return p.getAsBoolean();
    }

    /** An array of at most {@code maxLength} elements (at least {@code minLength}). */
    static JsonArray array(JsonElement e, String field, int minLength, int maxLength) {
        if (!e.isJsonArray()) {
            throw ApiError.bad(field, "'" + field + "' must be an array, got " + kind(e));
        }
        JsonArray a = e.getAsJsonArray();
        if (a.size() < minLength || a.size() > maxLength) {
            throw ApiError.bad(field, "'" + field + "' must hold " + (minLength == maxLength ? "exactly " + minLength
                    : minLength + " to " + maxLength) + " values, got " + a.size());
        }
        return a;
    }

    /** A rows × cols matrix of finite numbers, row-major; rows may be a range. */
    static double[][] matrix(JsonObject o, String field, int minRows, int maxRows, int cols) {
        JsonArray rows = array(required(o, field), field, minRows, maxRows);
        double[][] m = new double[rows.size()][cols];
        for (int i = 0; i < rows.size(); i++) {
            String f = field + "[" + i + "]";
            JsonArray row = array(rows.get(i), f, cols, cols);
            for (int j = 0; j < cols; j++) {
                m[i][j] = number(row.get(j), f + "[" + j + "]", -1e6, 1e6);
            }
        }
        return m;
    }

    /** A vector of exactly {@code length} finite numbers. */
    static double[] vector(JsonObject o, String field, int length) {
        JsonArray a = array(required(o, field), field, length, length);
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = number(a.get(i), field + "[" + i + "]", -1e6, 1e6);
        }
        return v;
    }

    static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "the string " + p : p.isBoolean() ? "the boolean " + p : "the number " + p;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
