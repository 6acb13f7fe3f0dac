package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.shared.WorkspaceId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Proves the entity tables are the event log's projection: replays the log into a fresh schema (migrated like the
 * live one) through the same {@link Projections} as live writes — the compaction snapshot's entities first, then every
 * event after its position, in log order — and compares each replayed table with the live one, column by column.
 *
 * <p>The replay and the comparison read the live schema in one repeatable-read transaction, so writes committed
 * meanwhile are in neither or in both. Nothing in the live schema is written.
 */
public final class EventLogReplay {

    /** How many differing ids a {@link ReplayReport.Table} lists at most. */
    public static final int MAX_LISTED = 10;

    private static final int FETCH_SIZE = 500;

    private EventLogReplay() {}

    /**
     * Replays {@code live}'s log into a new schema {@code tollgate_replay_<millis>} of the same database.
     *
     * @param keep whether to keep the replay schema for inspection (otherwise it is dropped)
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public static ReplayReport run(PostgresDatabase live, boolean keep) {
        long started = System.nanoTime();
        String liveSchema = currentSchema(live);
        String replaySchema = "tollgate_replay_" + System.currentTimeMillis();
        WorkspaceId workspace = live.workspaceId();
        try (PostgresDatabase replay = PostgresDatabase.connect(live.settings().withSchema(replaySchema))) {
            replay.migrate();
            try (Connection connection = replay.dataSource().getConnection()) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
                ReplayReport report = replay(dsl, liveSchema, replaySchema, workspace, started);
                if (report.failure() == null) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return report;
            } catch (SQLException e) {
                throw SqlFailures.translate(new org.jooq.exception.DataAccessException(e.getMessage(), e));
            } finally {
                if (!keep) {
                    DSL.using(live.dataSource(), SQLDialect.POSTGRES)
                            .execute("DROP SCHEMA IF EXISTS " + DSL.name(replaySchema) + " CASCADE");
                }
            }
        }
    }

    private static ReplayReport replay(
            DSLContext dsl, String liveSchema, String replaySchema, WorkspaceId workspace, long started) {
        String live = DSL.name(liveSchema).toString();
        dsl.execute("UPDATE workspaces SET id = ?", workspace.value());
        Projections projections = new Projections(workspace);

        LogPosition snapshot = dsl.resultQuery("SELECT tx_id::text, event_id FROM " + live + ".event_log_compaction")
                .fetchOptional()
                .map(r -> new LogPosition(Long.parseUnsignedLong(r.get(0, String.class)), r.get(1, Long.class)))
                .orElse(LogPosition.START);
        List<Entity> restored = new ArrayList<>();
        for (Record row : dsl.resultQuery("SELECT entity_name, entity FROM " + live + ".event_log_snapshot")) {
            EntitySchema schema = Schemas.byName(row.get(0, String.class)).orElseThrow();
            restored.add(new Entity(schema, JsonCodec.readFields(schema, row.get(1, JSONB.class))));
        }
        restored.sort(Comparator.comparing((Entity e) -> e.schema().kind()).thenComparing(Entity::id));
        String failure = null;
        long events = 0;
        try {
            restored.forEach(entity -> projections.restore(dsl, entity));
            try (Cursor<Record> cursor = dsl.resultQuery(
                            "SELECT event_type, entity_name, entity_id, payload FROM " + live + ".event_log"
                                    + " WHERE (tx_id, id) > (?::xid8, ?) ORDER BY tx_id, id",
                            Long.toUnsignedString(snapshot.transactionId()),
                            snapshot.eventId())
                    .fetchSize(FETCH_SIZE)
                    .fetchLazy()) {
                for (Record row : cursor) {
                    ClusterEvent event = EventCodec.decode(new EventCodec.Row(
                            EventCodec.Type.of(row.get(0, String.class)),
                            row.get(1, String.class),
                            row.get(2, UUID.class),
                            row.get(3, JSONB.class)));
                    switch (event) {
                        case EntityEvent change -> projections.apply(dsl, change);
                        case TargetHealthForced health -> {}
                    }
                    events++;
                }
            }
        } catch (RuntimeException e) {
            failure = "event " + (events + 1) + " after the snapshot could not be projected: " + e.getMessage();
        }
        List<ReplayReport.Table> tables = new ArrayList<>();
        if (failure == null) {
            for (EntityKind kind : EntityKind.values()) {
                tables.add(compare(dsl, live, DSL.name(replaySchema).toString(), kind.kongName()));
            }
        }
        return new ReplayReport(
                replaySchema, restored.size(), events, tables, failure, Duration.ofNanos(System.nanoTime() - started));
    }

    private static ReplayReport.Table compare(DSLContext dsl, String live, String replay, String table) {
        String liveTable = live + "." + DSL.name(table);
        String replayTable = replay + "." + DSL.name(table);
        long liveRows = count(dsl, "SELECT count(*) FROM " + liveTable);
        long replayedRows = count(dsl, "SELECT count(*) FROM " + replayTable);
        String differing = "(SELECT * FROM " + liveTable + " EXCEPT SELECT * FROM " + replayTable + ") UNION ALL ("
                + "SELECT * FROM " + replayTable + " EXCEPT SELECT * FROM " + liveTable + ")";
        long count = count(dsl, "SELECT count(DISTINCT id) FROM (" + differing + ") d");
        List<UUID> ids = dsl.resultQuery(
                        "SELECT DISTINCT id FROM (" + differing + ") d ORDER BY id LIMIT " + MAX_LISTED)
                .fetch(r -> r.get(0, UUID.class));
        return new ReplayReport.Table(table, liveRows, replayedRows, count, ids);
    }

    private static long count(DSLContext dsl, String sql) {
        return Objects.requireNonNull(dsl.resultQuery(sql).fetchOne(0, Long.class));
    }

    private static String currentSchema(PostgresDatabase live) {
        String configured = live.settings().schema();
        return configured != null
                ? configured
                : Objects.requireNonNull(DSL.using(live.dataSource(), SQLDialect.POSTGRES)
                        .resultQuery("SELECT current_schema()")
                        .fetchOne(0, String.class));
    }
}
