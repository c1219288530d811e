package dev.slope;

import java.util.function.Function;

/**
 * An error the user can act on: bad data, a bad file, a diverged run. The message says what is wrong,
 * where, and what to do; callers (the CLI, the web layer) show it as it is, without a stack trace. A message
 * that names a field (the data folder, the learning rate) is made by a function of {@link FieldNames}, so each
 * front end shows the name its user typed.
 */
public class SlopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Function<FieldNames, String> message;

    public SlopeException(String message) {
        super(message);
        this.message = null;
    }

    public SlopeException(String message, Throwable cause) {
        super(message, cause);
        this.message = null;
    }

    /** @param message the text, given the names to call each field by */
    public SlopeException(Function<FieldNames, String> message) {
        super(message.apply(FieldNames.KEYS));
        this.message = message;
    }

    /** @param message the text, given the names to call each field by */
    public SlopeException(Function<FieldNames, String> message, Throwable cause) {
        super(message.apply(FieldNames.KEYS), cause);
        this.message = message;
    }

    /** The message with each field named as {@code names} names it. */
    public String message(FieldNames names) {
        return message == null ? getMessage() : message.apply(names);
    }
}
