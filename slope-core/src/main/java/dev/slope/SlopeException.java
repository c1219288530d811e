package dev.slope;

/**
 * An error the user can act on: bad data, a bad file, a diverged run. The message says what is wrong,
 * where, and what to do; callers (the CLI, the web layer) show it as it is, without a stack trace.
 */
public class SlopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SlopeException(String message) {
        super(message);
    }

    public SlopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
