package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.service;
import static io.tollgate.adapter.postgres.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityUpdated;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A writer that stops in the middle of its transaction (its node frozen or cut off): Tollgate's sessions carry
 * {@code lock_timeout} and {@code idle_in_transaction_session_timeout} of {@code pg_timeout}, so it delays another
 * writer of the same entity by at most about {@code pg_timeout}, and the log's readers and other writers not at all.
 */
class StalledWriterIT extends DatabaseIT {

    private static final long PG_TIMEOUT_MS = 1000;

    private static PostgresDatabase withTimeout(long timeoutMs) {
        PostgresSettings s = db.server.settings();
        return PostgresDatabase.connect(
                new PostgresSettings(s.host(), s.port(), s.user(), s.password(), s.database(), s.schema(), timeoutMs));
    }

    @Test
    void sessions_carry_lock_and_idle_in_transaction_timeouts_of_pg_timeout() throws Exception {
        try (PostgresDatabase node = withTimeout(PG_TIMEOUT_MS);
                Connection c = node.dataSource().getConnection()) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            assertThat(dsl.fetchValue("SHOW lock_timeout")).isEqualTo("1s");
            assertThat(dsl.fetchValue("SHOW idle_in_transaction_session_timeout"))
                    .isEqualTo("1s");
        }
    }

    @Test
    void a_writer_stalled_mid_transaction_delays_others_by_at_most_about_pg_timeout_and_readers_not_at_all()
            throws Exception {
        Entity s = service("contended");
        writes.insert(s);
        try (PostgresDatabase node = withTimeout(PG_TIMEOUT_MS)) {
            JooqTransactions transactions =
                    new JooqTransactions(PostgresAdapterModule.dslContext(node, new DatabaseOutages()));
            JooqEventLog log =
                    new JooqEventLog(PostgresAdapterModule.dslContext(node, new DatabaseOutages()), db.workspace);
            Connection stalled = node.dataSource().getConnection();
            try {
                stalled.setAutoCommit(false);
                JooqEventLog stalledLog = new JooqEventLog(DSL.using(stalled, SQLDialect.POSTGRES), db.workspace);
                stalledLog.append(EventWrites.NODE, new EntityUpdated(with(s, Map.of("retries", 1)), s));
                // ... and the writer stops here, holding the service's row lock

                LogPosition before = db.eventLog.head();
                writes.insert(service("unrelated")); // another writer, another entity: not delayed
                assertThat(db.readAfter(before, 10))
                        .as("readers are not held back")
                        .hasSize(1);

                long start = System.nanoTime();
                boolean written;
                try {
                    transactions.inTransaction(() -> {
                        log.append(EventWrites.NODE, new EntityUpdated(with(s, Map.of("retries", 2)), s));
                        return null;
                    });
                    written = true; // the server ended the stalled session first, releasing the lock
                } catch (DatabaseUnavailable lockTimeout) {
                    written = false; // lock_timeout: the write gave up after pg_timeout
                }
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                System.out.println("a writer of the same entity waited " + waited.toMillis()
                        + " ms behind a stalled one (pg_timeout " + PG_TIMEOUT_MS + " ms), written: " + written);
                assertThat(waited).isLessThan(Duration.ofMillis(PG_TIMEOUT_MS * 4));
                if (!written) {
                    transactions.inTransaction(() -> {
                        log.append(EventWrites.NODE, new EntityUpdated(with(s, Map.of("retries", 2)), s));
                        return null;
                    });
                }
                assertThat(db.store
                                .find(s.schema(), s.id())
                                .orElseThrow()
                                .fields()
                                .get("retries"))
                        .isEqualTo(2L);
                assertThat(stillAlive(stalled))
                        .as("the stalled session was ended by idle_in_transaction_session_timeout")
                        .isFalse();
            } finally {
                closeQuietly(stalled);
            }
        }
    }

    /** Closing rolls back, which fails on a session the server has ended. */
    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ended) {
            // the server ended it: nothing to release
        }
    }

    private static boolean stillAlive(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
