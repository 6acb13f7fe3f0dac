package io.tollgate.application.port.out;

/**
 * Wake-ups telling this node that the {@link EventLog} may hold new events (PostgreSQL's {@code LISTEN}/{@code NOTIFY}
 * in the adapter): the push half of cluster propagation, where Kong only polls. A wake-up carries nothing: the log
 * stays the only truth, and the node reads it exactly as its poll every {@code db_update_frequency} does. Wake-ups
 * may be merged, late, spurious or lost (a dropped connection); the poll catches whatever they miss.
 */
public interface LogNotifications extends AutoCloseable {

    /**
     * Starts listening in the background and returns at once. {@code onAppend} is called after every commit that
     * appended events (several commits may give one call), and once after each (re)connection, since appends may have
     * gone unnoticed while the listener was disconnected. A lost connection is re-established with back-off by the
     * implementation. Call at most once.
     *
     * @param onAppend runs on the listener's own thread; must return quickly and must not throw
     * @throws IllegalStateException when already listening or closed
     */
    void listen(Runnable onAppend);

    /** Stops listening and releases the connection; idempotent, never throws. */
    @Override
    void close();

    /** Never wakes anybody: propagation by the poll alone. */
    static LogNotifications none() {
        return new LogNotifications() {
            @Override
            public void listen(Runnable onAppend) {}

            @Override
            public void close() {}
        };
    }
}
