package dev.slope;

import java.util.function.Function;

/**
 * A value the caller gave that is out of range or does not fit the others: a bad setting, a bad argument of the
 * gradient check or of a search. The message names the fields at fault in the names of whoever renders it
 * ({@link FieldNames}): the CLI says {@code --lr}, the web API {@code lr}. {@link #getMessage()} uses the JSON
 * keys, which are also the Java API's setting names.
 */
public class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient Function<FieldNames, String> message;

    /** @param message the text, given the names to call each field by */
    public InvalidValueException(Function<FieldNames, String> message) {
        super(message.apply(FieldNames.KEYS));
        this.message = message;
    }

    /** The message with each field named as {@code names} names it. */
    public String message(FieldNames names) {
        return message == null ? getMessage() : message.apply(names);
    }
}
