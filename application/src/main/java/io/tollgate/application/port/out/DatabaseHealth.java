package io.tollgate.application.port.out;

/** Whether the database answers now (Kong's {@code database.reachable} in {@code GET /status}). */
@FunctionalInterface
public interface DatabaseHealth {
    /** @return true when a trivial query succeeded within the configured timeout */
    boolean reachable();
}
