package io.tollgate.application.port;

/**
 * The database could not be reached or failed for reasons that are not the client's (Kong's {@code database error}).
 * The Admin API answers 503 with a clear message; nothing was written.
 */
public class DatabaseUnavailable extends RuntimeException {
    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
