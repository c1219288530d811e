package dev.slope.web;

/**
 * A request the server refuses, with the HTTP status, the JSON field at fault (or null) and what to do. The
 * server answers it as {@code {"error": message, "field": field}}; it never becomes a 500.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String field;

    ApiError(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static ApiError bad(String field, String message) {
        return new ApiError(400, field, message);
    }
}
