package dev.slope.optimize;

import dev.slope.FieldNames;
import dev.slope.InvalidValueException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One named setting of a training run: its snake_case name (the JSON key, the model-file key and the
 * search parameter; each front end shows it in its own {@link FieldNames}), its type, its default (a value, or a
 * rule over the settings decided before it), its allowed values and its help. Every setting is one line of
 * {@link Settings}; every interface is generated from there.
 *
 * @param <T> Double, Integer, Long, Boolean or String (a choice among {@link #choices()})
 */
public final class Setting<T> {
    /** Which part of a run a setting belongs to. */
    public enum Group { OBJECTIVE, PREPROCESSING, OPTIMIZER, STOPPING }

    private final String name;
    private final Group group;
    private final Class<T> type;
    private final String label;
    private final String help;
    private final Function<SettingValues, T> defaultRule;
    private final String defaultText;
    private final List<String> choices;
    private final Predicate<T> valid;
    private final String validText;
    private final Predicate<SettingValues> applies;

    Setting(String name, Group group, Class<T> type, String label, String help, Function<SettingValues, T> defaultRule,
            String defaultText, List<String> choices, Predicate<T> valid, String validText,
            Predicate<SettingValues> applies) {
        this.name = name;
        this.group = group;
        this.type = type;
        this.label = label;
        this.help = help;
        this.defaultRule = defaultRule;
        this.defaultText = defaultText;
        this.choices = List.copyOf(choices);
        this.valid = valid;
        this.validText = validText;
        this.applies = applies;
    }

    /** A whole number of at least {@code min} (not yet in the table: {@link Settings} or a {@link FeatureKind} lists it). */
    public static Setting<Integer> whole(String name, Group group, String label, int dflt, int min, String help,
                                         Predicate<SettingValues> applies) {
        return new Setting<>(name, group, Integer.class, label, help, v -> dflt, Integer.toString(dflt), List.of(),
                v -> v >= min, "at least " + min, applies);
    }

    /** One of {@code names} (not yet in the table). */
    public static Setting<String> choice(String name, Group group, java.util.Collection<String> names, String dflt,
                                         String help, Predicate<SettingValues> applies) {
        List<String> choices = List.copyOf(names);
        return new Setting<>(name, group, String.class, String.join("|", choices), help, v -> dflt, dflt, choices,
                choices::contains, "one of " + String.join(", ", choices), applies);
    }

    /** True or false (not yet in the table). */
    public static Setting<Boolean> flag(String name, Group group, boolean dflt, String help,
                                       Predicate<SettingValues> applies) {
        return new Setting<>(name, group, Boolean.class, "", help, v -> dflt, Boolean.toString(dflt), List.of(), v -> true,
                "true or false", applies);
    }

    /** The snake_case name: JSON key, model-file key, search parameter. */
    public String name() {
        return name;
    }

    public Group group() {
        return group;
    }

    public Class<T> type() {
        return type;
    }

    /** The value's placeholder in help ("ETA", "svm|softmax"). */
    public String label() {
        return label;
    }

    /** The help text, naming any other setting it mentions as {@code names} names it. */
    public String help(FieldNames names) {
        return names.render(help);
    }

    /** The default, said in words ("1e-4", "0.3 for sgd, 0.05 for momentum, …"). */
    public String defaultText() {
        return defaultText;
    }

    /** The allowed names of a choice setting (empty for others). */
    public List<String> choices() {
        return choices;
    }

    /** Numeric settings can be searched ({@code slope search --param NAME=RANGE}). */
    public boolean searchable() {
        return type == Double.class || type == Integer.class;
    }

    public boolean isBoolean() {
        return type == Boolean.class;
    }

    /** Whether the setting does anything given the others (the margin only for the SVM). */
    public boolean appliesTo(SettingValues values) {
        return applies.test(values);
    }

    T defaultFor(SettingValues decided) {
        return defaultRule.apply(decided);
    }

    /**
     * Parses a value from text (a flag's argument, a JSON value, a search point), checking its range.
     *
     * @throws InvalidValueException naming the setting, the value and what is allowed
     */
    public T parse(String text) {
        String t = text.trim();
        Object v;
        try {
            if (type == Double.class) {
                v = Double.parseDouble(t);
            } else if (type == Integer.class) {
                v = name.equals("batch_size") && t.equalsIgnoreCase("full") ? TrainConfig.FULL_BATCH
                        : (Object) Integer.parseInt(t.endsWith(".0") ? t.substring(0, t.length() - 2) : t);
            } else if (type == Long.class) {
                v = Long.parseLong(t.endsWith(".0") ? t.substring(0, t.length() - 2) : t);
            } else if (type == Boolean.class) {
                if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                    throw new NumberFormatException();
                }
                v = Boolean.parseBoolean(t);
            } else {
                String lower = t.toLowerCase(Locale.ROOT).replace(" ", "");
                if (!choices.isEmpty() && !choices.contains(lower)) {
                    throw new InvalidValueException(n -> n.name(name) + " '" + text + "' is not one of "
                            + String.join(", ", choices));
                }
                v = lower;
            }
        } catch (NumberFormatException e) {
            throw new InvalidValueException(n -> n.name(name) + " '" + text + "' is not " + kind());
        }
        return check(type.cast(v));
    }

    /** Checks a typed value's range; returns it. */
    public T check(T value) {
        if (value == null || !valid.test(value)) {
            throw new InvalidValueException(n -> n.name(name) + " must be " + validText + ", got " + text(value));
        }
        return value;
    }

    /** The value as a JSON-ready object: numbers, booleans and strings as themselves; the full batch as "full". */
    public Object json(T value) {
        if (name.equals("batch_size") && Integer.valueOf(TrainConfig.FULL_BATCH).equals(value)) {
            return "full";
        }
        return value;
    }

    /** The value as text, in the form {@link #parse} reads back. */
    public String text(Object value) {
        return value != null && type.isInstance(value) ? String.valueOf(json(type.cast(value))) : String.valueOf(value);
    }

    private String kind() {
        if (type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return name.equals("batch_size") ? "a whole number or 'full'" : "a whole number";
    }

    @Override
    public String toString() {
        return name;
    }
}
