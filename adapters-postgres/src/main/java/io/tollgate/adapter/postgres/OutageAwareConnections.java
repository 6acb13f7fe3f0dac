package io.tollgate.adapter.postgres;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.tools.jdbc.DefaultConnection;
import org.jspecify.annotations.Nullable;

/**
 * The pool's connections for jOOQ, failing fast during a database outage: once a connection could not be had (which
 * waits {@code pg_timeout} once), the node's {@link DatabaseOutages} is down and every further request for a
 * connection fails at once as unavailable, until the outage's background probe sees the database answer again (within
 * {@value DatabaseOutages#PROBE_EVERY_MS} ms). So an Admin API call during an outage answers 503 within
 * {@code pg_timeout} once rather than once per statement it would have run, and proxied cache misses answer 503 at
 * once. The probe ({@link PostgresDatabase#ping()}) and the event-log listener do not go through here. A request
 * that began before an outage ended and failed after it (it waited {@code pg_timeout} through the end) starts no
 * new outage: the probe has seen the database answer since ({@link DatabaseOutages#failed(DatabaseUnavailable,
 * long)}).
 */
final class OutageAwareConnections implements ConnectionProvider {

    private final ConnectionProvider pool;
    private final DatabaseOutages outages;

    OutageAwareConnections(ConnectionProvider pool, DatabaseOutages outages) {
        this.pool = pool;
        this.outages = outages;
    }

    @Override
    public @Nullable Connection acquire() {
        if (outages.down()) {
            throw new DataAccessException(
                    "database unreachable (outage in progress)",
                    new SQLTransientConnectionException("the database is unreachable (an outage is in progress)"));
        }
        long since = outages.ended(); // a wait that outlasts an outage's end reports a stale failure
        try {
            Connection pooled = pool.acquire();
            return pooled == null ? null : readCommitted(pooled);
        } catch (RuntimeException e) {
            if (SqlFailures.isUnavailable(e)) {
                outages.failed(
                        new DatabaseUnavailable("database unavailable: " + SqlFailures.rootMessage(e), e), since);
            }
            throw e;
        }
    }

    @Override
    public void release(Connection connection) {
        pool.release(connection);
    }

    /**
     * {@code connection}, answering {@link Connection#getTransactionIsolation()} itself: every pooled connection runs
     * at {@code READ COMMITTED} (the pool sets it, {@link PostgresDatabase}), and jOOQ asks at the start of each
     * transaction, which the driver answers with a round trip ({@code SHOW TRANSACTION ISOLATION LEVEL}). Everything
     * else, {@code close()} (back to the pool) and {@code unwrap} included, goes to {@code connection} through jOOQ's
     * plain delegating {@link DefaultConnection}: one small object per acquire, no reflection per call.
     */
    static Connection readCommitted(Connection connection) {
        return new ReadCommitted(connection);
    }

    /** A pooled connection that knows its isolation level. */
    private static final class ReadCommitted extends DefaultConnection {
        ReadCommitted(Connection delegate) {
            super(delegate);
        }

        @Override
        public int getTransactionIsolation() {
            return Connection.TRANSACTION_READ_COMMITTED;
        }
    }
}
