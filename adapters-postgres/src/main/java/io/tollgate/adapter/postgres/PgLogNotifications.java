package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.LogNotifications;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LogNotifications} over PostgreSQL's {@code LISTEN}: every transaction that appends to {@code event_log}
 * notifies channel {@value #CHANNEL} (an empty payload, by the table's trigger, migration V8; PostgreSQL delivers it at
 * commit, and once however many events the transaction appended). One dedicated connection outside the pool listens
 * on a platform thread of its own ({@code tollgate-log-listener}), never an I/O thread.
 *
 * <p>A lost connection is re-established with a bounded exponential back-off ({@value #FIRST_RETRY_MS} ms doubling up
 * to {@value #LAST_RETRY_MS} ms), logged once when lost (WARN) and once when back (INFO); after each (re)connection
 * the callback runs once, for what was appended meanwhile. An idle connection is checked every
 * {@value #CHECK_MS} ms, so a silently dropped one is noticed too. Installations that share a database but not a
 * schema share the channel: their wake-ups are spurious for each other, which costs a read and nothing else.
 */
final class PgLogNotifications implements LogNotifications {

    /** The channel the event log's trigger notifies. */
    static final String CHANNEL = "tollgate_event_log";

    static final long FIRST_RETRY_MS = 50;
    static final long LAST_RETRY_MS = 1000;
    /** How long one wait for notifications lasts; also bounds how long {@link #close()} waits for the thread. */
    private static final int WAIT_MS = 500;

    private static final long CHECK_MS = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(PgLogNotifications.class);

    private final PostgresDatabase database;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;
    private volatile @Nullable Thread thread;

    @Inject
    PgLogNotifications(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public void listen(Runnable onAppend) {
        if (closed || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("already listening, or closed");
        }
        Thread t = Thread.ofPlatform().name("tollgate-log-listener").daemon().unstarted(() -> run(onAppend));
        thread = t;
        t.start();
    }

    private void run(Runnable onAppend) {
        long retryMs = FIRST_RETRY_MS;
        boolean lost = false;
        while (!closed) {
            try (Connection c = database.openDedicated("tollgate-log-listener")) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (lost) {
                    LOG.info("listening to the event log again: changes from other nodes propagate at once again");
                    lost = false;
                }
                retryMs = FIRST_RETRY_MS;
                onAppend.run();
                follow(c, onAppend);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!lost) {
                    LOG.warn(
                            "lost the connection listening to the event log ({}); reconnecting with back-off, and"
                                    + " changes from other nodes arrive with the poll every db_update_frequency"
                                    + " meanwhile",
                            SqlFailures.rootMessage(e));
                    lost = true;
                }
                if (!pause(retryMs)) {
                    return;
                }
                retryMs = Math.min(LAST_RETRY_MS, retryMs * 2);
            }
        }
    }

    /** Waits for notifications until closed, calling {@code onAppend} for each batch; throws when the link is lost. */
    private void follow(Connection c, Runnable onAppend) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (!closed) {
            PGNotification[] received = pg.getNotifications(WAIT_MS);
            if (received != null && received.length > 0) {
                onAppend.run();
                checked = System.nanoTime();
            } else if (System.nanoTime() - checked > Duration.ofMillis(CHECK_MS).toNanos()) {
                if (!c.isValid((int) Math.max(1, (database.settings().timeoutMs() + 999) / 1000))) {
                    throw new SQLException("the listening connection no longer answers");
                }
                checked = System.nanoTime();
            }
        }
    }

    /** Waits {@code ms} unless closed meanwhile; false when closed (or interrupted). */
    private boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(WAIT_MS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
