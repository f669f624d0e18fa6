package io.logagent.console.web;

import java.util.Map;

/** An HTTP error with a JSON body {@code {"error": message, ...details}}, thrown by handlers and guards. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;

    public ApiError(int status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = Map.copyOf(details);
    }

    public ApiError(int status, String message) {
        this(status, message, Map.of());
    }

    public int status() {
        return status;
    }

    public Map<String, Object> details() {
        return details;
    }
}
