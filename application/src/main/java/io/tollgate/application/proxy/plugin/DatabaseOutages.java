package io.tollgate.application.proxy.plugin;

import io.tollgate.application.port.DatabaseUnavailable;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's side of a database outage: a request that needs an entity the node has not cached while the database
 * cannot be reached answers 503 {@value #MESSAGE} (never Kong's 500, and the miss is not cached), and the outage is
 * logged as it starts — one line, no stack trace — then at most once a minute with how many requests it affected,
 * instead of a stack trace per request. A failure more than a minute after the previous one starts a new outage.
 * Thread-safe and lock-free.
 */
public final class DatabaseOutages {

    /** The message of the 503 a request gets when its entities cannot be loaded. */
    public static final String MESSAGE = "Service unavailable: the gateway cannot reach its database";

    private static final System.Logger LOG = System.getLogger(DatabaseOutages.class.getName());
    private static final long REPORT_EVERY = 60_000;

    /** One per node: the proxy's plugins and routing share it. */
    public static final DatabaseOutages NODE = new DatabaseOutages(System::currentTimeMillis);

    private final LongSupplier clock;
    private final AtomicLong lastFailure = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong nextReport = new AtomicLong();
    private final AtomicLong affected = new AtomicLong();

    /** @param clock epoch milliseconds */
    DatabaseOutages(LongSupplier clock) {
        this.clock = clock;
    }

    /** The {@link DatabaseUnavailable} in {@code error}'s cause chain, or {@code null}. */
    public static @Nullable DatabaseUnavailable cause(@Nullable Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailable unavailable) {
                return unavailable;
            }
        }
        return null;
    }

    /**
     * Counts one request the outage affected and logs when due.
     *
     * @param failure why the database could not be used
     */
    public void affected(DatabaseUnavailable failure) {
        long now = clock.getAsLong();
        long previous = lastFailure.getAndSet(now);
        long count = affected.incrementAndGet();
        if (now - previous > REPORT_EVERY) {
            affected.set(1);
            nextReport.set(now + REPORT_EVERY);
            LOG.log(
                    Level.ERROR,
                    "database unreachable: proxied requests that need entities not in the node's cache answer 503"
                            + " until it is back ({0})",
                    failure.getMessage());
            return;
        }
        long due = nextReport.get();
        if (now >= due && nextReport.compareAndSet(due, now + REPORT_EVERY)) {
            affected.addAndGet(-count);
            LOG.log(
                    Level.ERROR,
                    "database still unreachable: {0} proxied request(s) answered 503 in the last minute ({1})",
                    count,
                    failure.getMessage());
        }
    }
}
