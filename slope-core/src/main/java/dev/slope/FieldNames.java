package dev.slope;

import java.util.Locale;

/**
 * How a front end names the fields of its input. Core speaks of a field by its snake_case name ({@code lr},
 * {@code init_scale}, {@code data}); the command line shows it as a flag ({@code --init-scale}), the web API as its
 * JSON key ({@code init_scale}), a Spark ML stage as its Param ({@code initScale}). An error about a field
 * ({@link SlopeException}, {@link InvalidValueException}) is rendered in the caller's names by {@link #messageOf}.
 */
@FunctionalInterface
public interface FieldNames {
    /** The JSON key, as core and the web API name a field: the snake_case name itself. */
    FieldNames KEYS = field -> field;
    /** The command line's flag: {@code --kebab-case}. */
    FieldNames FLAGS = field -> "--" + field.replace('_', '-');
    /** Spark ML's Param name: {@code camelCase}. */
    FieldNames PARAMS = field -> {
        StringBuilder b = new StringBuilder(field.length());
        boolean upper = false;
        for (char c : field.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    };

    /** The name of a field, given by its snake_case name. */
    String name(String field);

    /** An error's message in these names: a field error rendered, any other exception's message as it is. */
    default String messageOf(Throwable t) {
        if (t instanceof SlopeException e) {
            return e.message(this);
        }
        if (t instanceof InvalidValueException e) {
            return e.message(this);
        }
        return t.getMessage();
    }

    /**
     * Renders a text written for every front end, in which {@code {field}} stands for a field's name (a help
     * text that refers to another setting). Braces are only for field names in such texts.
     */
    default String render(String template) {
        StringBuilder b = new StringBuilder(template.length() + 16);
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                return b.append(template, at, template.length()).toString();
            }
            b.append(template, at, open).append(name(template.substring(open + 1, close).toLowerCase(Locale.ROOT)));
            at = close + 1;
        }
    }
}
