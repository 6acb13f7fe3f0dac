package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.event.EntityCreated;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Migration V9 on a log written before it (in a schema of its own on the shared server): every event keeps its
 * position (its transaction id becomes its commit number), the compaction snapshot's position likewise, and the
 * events written afterwards come after all of them.
 */
class CommitOrderMigrationIT {

    @Test
    void old_events_keep_their_positions_and_new_ones_follow_them() {
        String schema = "v9_upgrade_" + Long.toHexString(System.nanoTime());
        try (PostgresDatabase database =
                PostgresDatabase.connect(DatabaseIT.db.server.settings().withSchema(schema))) {
            Flyway.configure()
                    .dataSource(database.dataSource())
                    .locations("classpath:db/migration")
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .target("8")
                    .load()
                    .migrate();
            DSLContext dsl = PostgresAdapterModule.dslContext(database, new DatabaseOutages());
            JooqTransactions transactions = new JooqTransactions(dsl);
            JooqEventLog log = new JooqEventLog(dsl, database.workspaceId()); // appends as before V9 (no commit_seq)
            for (String name : List.of("one", "two", "three")) {
                // a plain jOOQ transaction: JooqTransactions reads the log head (V9's event_log_head) with its commit
                dsl.transaction(() -> log.append(UUID.randomUUID(), new EntityCreated(service(name))));
            }
            List<LogPosition> before = dsl.fetch("SELECT tx_id::text, id FROM event_log ORDER BY tx_id, id").stream()
                    .map(r -> new LogPosition(Long.parseLong(r.get(0, String.class)), r.get(1, Long.class)))
                    .toList();
            dsl.execute(
                    "UPDATE event_log_compaction SET tx_id = ?::xid8, event_id = ? WHERE id = 1",
                    Long.toString(before.get(0).commit()),
                    before.get(0).eventId());

            database.migrate();

            LogPosition snapshot = before.get(0);
            assertThat(new LogState(dsl).snapshotPosition()).isEqualTo(snapshot);
            List<LogPosition> kept = switch (log.readAfter(snapshot, 10)) {
                case LogRead.Events events ->
                    events.events().stream().map(LoggedEvent::position).toList();
                case LogRead.BehindSnapshot behind -> throw new AssertionError(behind);
            };
            assertThat(kept).containsExactly(before.get(1), before.get(2));

            transactions.inTransaction(() -> {
                log.append(UUID.randomUUID(), new EntityCreated(service("after")));
                return null;
            });
            LogPosition head = log.head();
            assertThat(head).isGreaterThan(kept.get(1));
            assertThat(log.readAfter(kept.get(1), 10))
                    .isInstanceOfSatisfying(
                            LogRead.Events.class,
                            e -> assertThat(e.events())
                                    .extracting(LoggedEvent::position)
                                    .containsExactly(head));
        } finally {
            DatabaseIT.db.dsl.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
