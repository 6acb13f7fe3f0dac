package io.tollgate.adapter.postgres;

import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.LogLevelChanged;
import io.tollgate.domain.event.ProxyCachePurged;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Proves the entity tables are the event log's projection: replays the log into a fresh schema (migrated like the
 * live one) through the same {@link Projections} as live writes — the compaction snapshot's entities first, then every
 * event after its position, in log order, {@link ReplayBatch#SIZE} statements to a round trip — and compares each
 * replayed table with the live one, column by column.
 *
 * <p>The replay and the comparison read the live schema in one repeatable-read transaction, so writes committed
 * meanwhile are in neither or in both. Nothing in the live schema is written. The replay schema lives in the same
 * database, so the role needs the right to create schemas.
 */
public final class EventLogReplay {

    /** How many differing ids a {@link ReplayReport.Table} lists at most. */
    public static final int MAX_LISTED = 10;

    private static final int FETCH_SIZE = 500;

    private EventLogReplay() {}

    /**
     * Replays {@code live}'s log into a new schema {@code tollgate_replay_<millis>_<hex>} of the same database and
     * compares every entity table.
     *
     * @param keep whether to keep the replay schema for inspection (otherwise it is dropped, also on failure)
     * @return the comparison; a projection that fails is reported ({@link ReplayReport#failure()}), not thrown
     * @throws IllegalStateException when the live database is not migrated or has pending migrations (its tables
     *         would not have the replay's columns)
     * @throws DatabaseUnavailable when the database cannot be reached
     */
    public static ReplayReport run(PostgresDatabase live, boolean keep) {
        long started = System.nanoTime();
        int pending = live.status().pending().size();
        if (pending > 0) {
            throw new IllegalStateException("the database has " + pending
                    + " pending migration(s); run `tollgate migrations up` before replaying its log");
        }
        WorkspaceId workspace = live.workspaceId();
        String liveSchema = currentSchema(live);
        String replaySchema = "tollgate_replay_" + System.currentTimeMillis() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        RuntimeException failed = null;
        try (PostgresDatabase replay = PostgresDatabase.connect(live.settings().withSchema(replaySchema))) {
            replay.migrate();
            try (Connection connection = replay.dataSource().getConnection()) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
                ReplayReport report = replay(connection, dsl, liveSchema, replaySchema, workspace, keep, started);
                if (report.failure() == null) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return report;
            } catch (SQLException e) {
                throw SqlFailures.translate(new org.jooq.exception.DataAccessException(e.getMessage(), e));
            }
        } catch (RuntimeException e) {
            failed = SqlFailures.translate(e);
            throw failed;
        } finally {
            if (!keep) {
                drop(live, replaySchema, failed);
            }
        }
    }

    /** Drops the replay schema; a failure to do so is thrown, or added to the failure already on its way. */
    private static void drop(PostgresDatabase live, String replaySchema, @Nullable RuntimeException failed) {
        try {
            DSL.using(live.dataSource(), SQLDialect.POSTGRES)
                    .execute("DROP SCHEMA IF EXISTS " + DSL.name(replaySchema) + " CASCADE");
        } catch (RuntimeException e) {
            if (failed == null) {
                throw SqlFailures.translate(e);
            }
            failed.addSuppressed(e);
        }
    }

    private static ReplayReport replay(
            Connection connection,
            DSLContext dsl,
            String liveSchema,
            String replaySchema,
            WorkspaceId workspace,
            boolean keep,
            long started) {
        String live = DSL.name(liveSchema).toString();
        // The first statement takes the transaction's snapshot: every later read of the live schema sees the same.
        dsl.execute("UPDATE workspaces SET id = ?", workspace.value());
        Projections projections = new Projections(workspace);

        LogPosition snapshot = dsl.resultQuery(
                        "SELECT commit_seq::text, event_id FROM " + live + ".event_log_compaction WHERE id = 1")
                .fetchOptional()
                .map(r -> new LogPosition(Long.parseUnsignedLong(r.get(0, String.class)), r.get(1, Long.class)))
                .orElse(LogPosition.START);
        List<Entity> restored = new ArrayList<>();
        for (Record row : dsl.resultQuery("SELECT entity_name, entity FROM " + live + ".event_log_snapshot")) {
            String name = row.get(0, String.class);
            EntitySchema schema = Schemas.byName(name)
                    .orElseThrow(() -> new IllegalStateException("the compaction snapshot holds an entity of unknown"
                            + " kind '" + name + "' (written by a newer Tollgate?)"));
            restored.add(new Entity(schema, JsonCodec.readFields(schema, row.get(1, JSONB.class))));
        }
        // Parents before children: the catalogue's order is the dependency order.
        restored.sort(Comparator.comparing((Entity e) -> e.schema().kind()).thenComparing(Entity::id));
        ReplayBatch batch = new ReplayBatch(connection, dsl, projections);
        ReplayReport.Failure failure = null;
        long skipped = 0;
        for (Entity entity : restored) {
            failure = batch.restore(entity);
            if (failure != null) {
                break;
            }
        }
        if (failure == null) {
            try (Cursor<Record> cursor = dsl.resultQuery(
                            // The text form gets its own name: ORDER BY commit_seq must sort the number, not the
                            // text ('10' < '9').
                            "SELECT commit_seq::text AS tx_text, id, event_type, entity_name, entity_id, payload FROM "
                                    + live
                                    + ".event_log WHERE (commit_seq, id) > (?::bigint, ?) ORDER BY commit_seq, id",
                            Long.toUnsignedString(snapshot.commit()),
                            snapshot.eventId())
                    .fetchSize(FETCH_SIZE)
                    .fetchLazy()) {
                for (Record row : cursor) {
                    LogPosition position =
                            new LogPosition(Long.parseUnsignedLong(row.get(0, String.class)), row.get(1, Long.class));
                    String type = row.get(2, String.class);
                    ClusterEvent event;
                    try {
                        event = EventCodec.decode(new EventCodec.Row(
                                EventCodec.Type.of(type),
                                row.get(3, String.class),
                                row.get(4, UUID.class),
                                row.get(5, JSONB.class)));
                    } catch (RuntimeException e) { // a row this version cannot read
                        failure = new ReplayReport.Failure(
                                position, type, row.get(3, String.class), row.get(4, UUID.class), reason(e));
                        break;
                    }
                    switch (event) {
                        case EntityEvent change -> failure = batch.apply(position, type, change);
                        case TargetHealthForced health -> skipped++;
                        case ProxyCachePurged purge -> skipped++;
                        case LogLevelChanged change -> skipped++;
                    }
                    if (failure != null) {
                        break;
                    }
                }
            }
        }
        if (failure == null) {
            failure = batch.flush();
        }
        List<ReplayReport.Table> tables = new ArrayList<>();
        if (failure == null) {
            String replay = DSL.name(replaySchema).toString();
            for (EntityKind kind : EntityKind.values()) {
                tables.add(compare(dsl, live, replay, Schemas.of(kind)));
            }
        }
        return new ReplayReport(
                replaySchema,
                keep,
                restored.size(),
                batch.projectedEvents(),
                skipped,
                tables,
                failure,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Every column by name (not {@code *}: the two tables' column order may differ), both directions of EXCEPT. */
    private static ReplayReport.Table compare(DSLContext dsl, String live, String replay, EntitySchema schema) {
        String table = schema.name();
        String columns = EntityTable.of(schema)
                .table()
                .fieldStream()
                .map(Field::getName)
                .map(name -> DSL.name(name).toString())
                .collect(Collectors.joining(", "));
        String liveTable = live + "." + DSL.name(table);
        String replayTable = replay + "." + DSL.name(table);
        String differing = "(SELECT " + columns + " FROM " + liveTable + " EXCEPT SELECT " + columns + " FROM "
                + replayTable + ") UNION ALL (SELECT " + columns + " FROM " + replayTable + " EXCEPT SELECT "
                + columns + " FROM " + liveTable + ")";
        Record counts = Objects.requireNonNull(dsl.resultQuery(
                        "SELECT (SELECT count(*) FROM " + liveTable + "), (SELECT count(*) FROM " + replayTable + ")")
                .fetchOne());
        Result<Record> ids = dsl.resultQuery("SELECT id, count(*) OVER () FROM (SELECT DISTINCT id FROM (" + differing
                        + ") d) ids ORDER BY id LIMIT " + MAX_LISTED)
                .fetch();
        return new ReplayReport.Table(
                table,
                counts.get(0, Long.class),
                counts.get(1, Long.class),
                ids.isEmpty() ? 0 : ids.get(0).get(1, Long.class),
                ids.map(r -> r.get(0, UUID.class)));
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    private static String currentSchema(PostgresDatabase live) {
        @Nullable String configured = live.settings().schema();
        return configured != null
                ? configured
                : Objects.requireNonNull(DSL.using(live.dataSource(), SQLDialect.POSTGRES)
                        .resultQuery("SELECT current_schema()")
                        .fetchOne(0, String.class));
    }
}
