package dev.slope.lecture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A worked solution: named numbers and words in the order they are found, with prose between them and nested
 * parts (one image, one question). It renders as aligned text, one value per line, and as an ordered JSON object
 * of every number (prose is left out of the JSON).
 */
public final class Worked {
    private final String title;
    private final List<Object[]> entries = new ArrayList<>();
    private final Map<String, java.awt.image.BufferedImage> pictures = new LinkedHashMap<>();

    public Worked(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** A number, as {@code key} in the JSON and {@code label} in the text. */
    public Worked number(String key, String label, double value) {
        entries.add(new Object[] {key, label, value});
        return this;
    }

    /** Several numbers under one key (a row of scores). */
    public Worked numbers(String key, String label, double[] values) {
        entries.add(new Object[] {key, label, values.clone()});
        return this;
    }

    /** A word or name. */
    public Worked word(String key, String label, String value) {
        entries.add(new Object[] {key, label, value});
        return this;
    }

    /** A yes / no. */
    public Worked flag(String key, String label, boolean value) {
        entries.add(new Object[] {key, label, value});
        return this;
    }

    /** A line of prose (text only). */
    public Worked text(String line) {
        entries.add(new Object[] {null, line, null});
        return this;
    }

    /** A picture of this section, written by {@code slope lecture --plots DIR} as {@code DIR/name}. */
    public Worked picture(String name, java.awt.image.BufferedImage image) {
        pictures.put(name, image);
        return this;
    }

    /** The section's pictures by file name, in order. */
    public Map<String, java.awt.image.BufferedImage> pictures() {
        return java.util.Collections.unmodifiableMap(pictures);
    }

    /** A nested part, added here and returned for filling. */
    public Worked part(String key, String title) {
        Worked w = new Worked(title);
        entries.add(new Object[] {key, title, w});
        return w;
    }

    /** Every number, word and part by key, in order. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Object[] e : entries) {
            if (e[0] == null) {
                continue;
            }
            Object v = e[2];
            m.put((String) e[0], v instanceof Worked w ? w.json() : v instanceof double[] d ? list(d)
                    : v instanceof Double d && !Double.isFinite(d) ? nonFinite(d) : v);
        }
        return m;
    }

    /**
     * JSON has no infinity or NaN: they are written as the strings "Infinity", "-Infinity" and "NaN" (what JavaScript's
     * Number() and Python's float() read back).
     */
    private static String nonFinite(double d) {
        return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }

    private static List<Object> list(double[] d) {
        List<Object> out = new ArrayList<>();
        for (double v : d) {
            out.add(Double.isFinite(v) ? v : nonFinite(v));
        }
        return out;
    }

    /** The text: the title, then one line per entry, labels aligned, parts indented. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(title);
        render(out, "  ");
        return out;
    }

    private void render(List<String> out, String indent) {
        int width = 0;
        for (Object[] e : entries) {
            if (e[0] != null && !(e[2] instanceof Worked)) {
                width = Math.max(width, ((String) e[1]).length());
            }
        }
        for (Object[] e : entries) {
            Object v = e[2];
            if (e[0] == null) {
                out.add(indent + e[1]);
            } else if (v instanceof Worked w) {
                out.add(indent + w.title);
                w.render(out, indent + "  ");
            } else {
                out.add(indent + pad((String) e[1], width) + "  " + format(v));
            }
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    static String format(Object v) {
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder();
            for (double x : a) {
                String one = Math.abs(x) >= 1e-3 || x == 0 ? String.format(Locale.ROOT, "%.4f", x) : number(x);
                sb.append(sb.length() == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%10s", one));
            }
            return sb.toString();
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return String.valueOf(v);
    }

    private static String number(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "−∞";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return String.valueOf((long) d);
        }
        double a = Math.abs(d);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.4e", d)
                : String.format(Locale.ROOT, "%.4f", d);
    }
}
