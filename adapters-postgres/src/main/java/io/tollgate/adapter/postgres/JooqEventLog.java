package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.schema.Tables.EVENT_LOG;

import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.shared.WorkspaceId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * The append-only {@code event_log} table (migration V6), rows in the form of {@link EventCodec}. Appending an entity
 * event also projects it onto its table ({@link Projections}) in the same transaction: the log is the source of truth
 * and the tables follow it.
 *
 * <p>Readers follow the log by {@code (tx_id, id)} and only below {@code pg_snapshot_xmin(pg_current_snapshot())}:
 * an event becomes readable once every transaction that started before its own has ended, so no event committed
 * later can sort before a position already read. Reading by {@code id} alone would lose events whose transaction
 * commits after a younger one (ids are handed out at insert, not at commit). {@code tx_id} is PostgreSQL-only
 * ({@code xid8}), so it is reached with plain SQL.
 *
 * <p>Consequence: a long transaction that holds a transaction id anywhere on the server (even idle in transaction)
 * delays every event behind it until it ends; events are late then, never lost.
 *
 * <p>Compaction ({@link JooqLogCompaction}) folds a prefix of the log into the snapshot and moves the position in
 * {@code event_log_compaction}; the folded events are deleted afterwards (possibly later, in batches). So the log
 * starts after the snapshot's position: {@link #head()} is never before it, and {@link #readAfter} compares the
 * reader's position with it in the same statement (one view of the database) that reads the events.
 */
@Singleton
final class JooqEventLog implements EventLog {

    static final Field<Object> TX_ID = DSL.field(DSL.name("tx_id"));
    /** Named apart: were it named {@code tx_id}, {@code ORDER BY tx_id} would sort the text ({@code '10' < '9'}). */
    private static final Field<String> TX_ID_TEXT =
            DSL.field("{0}::text", String.class, TX_ID).as("tx_text");

    /** The columns {@link #logged(Record)} decodes, in this order; every reader of logged events selects them. */
    static final List<Field<?>> LOGGED_COLUMNS = List.of(
            TX_ID_TEXT,
            EVENT_LOG.ID,
            EVENT_LOG.NODE_ID,
            EVENT_LOG.OCCURRED_AT,
            EVENT_LOG.EVENT_TYPE,
            EVENT_LOG.ENTITY_NAME,
            EVENT_LOG.ENTITY_ID,
            EVENT_LOG.PAYLOAD);

    private static final Field<String> SNAPSHOT_TX = DSL.field(DSL.name("snapshot_tx"), String.class);
    private static final Field<Long> SNAPSHOT_ID = DSL.field(DSL.name("snapshot_id"), Long.class);

    /** The snapshot's position (0/0 without the row), with the newest readable event (nulls when none). */
    private static final String HEAD = "SELECT coalesce(c.tx_id, '0')::text, coalesce(c.event_id, 0), e.tx, e.id"
            + " FROM (VALUES (1)) AS one (id) LEFT JOIN event_log_compaction c ON c.id = one.id"
            + " LEFT JOIN LATERAL (SELECT tx_id::text AS tx, id FROM event_log"
            + " WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx_id DESC, id DESC LIMIT 1) e ON true";

    /**
     * The snapshot's position on every row, with the readable events after the position (one row of nulls when
     * there are none, or when the position is before the snapshot: then the events are not even looked for).
     * Parameters: the position twice (tx as text, id), the limit.
     */
    private static final String READ_AFTER = "SELECT coalesce(c.tx_id, '0')::text, coalesce(c.event_id, 0),"
            + " e.tx, e.id, e.node_id, e.occurred_at, e.event_type, e.entity_name, e.entity_id, e.payload"
            + " FROM (VALUES (1)) AS one (id) LEFT JOIN event_log_compaction c ON c.id = one.id"
            + " LEFT JOIN LATERAL (SELECT tx_id AS tx_order, tx_id::text AS tx, id, node_id, occurred_at, event_type,"
            + " entity_name, entity_id, payload FROM event_log"
            + " WHERE (tx_id, id) > (?::xid8, ?) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())"
            + " AND (coalesce(c.tx_id, '0'), coalesce(c.event_id, 0)) <= (?::xid8, ?)"
            + " ORDER BY tx_id, id LIMIT ?) e ON true"
            + " ORDER BY e.tx_order, e.id";

    private final DSLContext dsl;
    private final Projections projections;

    @Inject
    JooqEventLog(DSLContext dsl, WorkspaceId workspace) {
        this.dsl = dsl;
        this.projections = new Projections(workspace);
    }

    @Override
    public void append(UUID nodeId, ClusterEvent event) {
        Objects.requireNonNull(nodeId, "nodeId");
        EventCodec.Row row = EventCodec.encode(event);
        run(() -> dsl.insertInto(
                        EVENT_LOG,
                        EVENT_LOG.NODE_ID,
                        EVENT_LOG.EVENT_TYPE,
                        EVENT_LOG.ENTITY_NAME,
                        EVENT_LOG.ENTITY_ID,
                        EVENT_LOG.PAYLOAD)
                .values(nodeId, row.type().stored(), row.entityName(), row.entityId(), row.payload())
                .execute());
        switch (event) {
            case EntityEvent change -> projections.apply(dsl, change);
            case TargetHealthForced health -> {}
        }
    }

    @Override
    public LogPosition head() {
        Record r = run(() -> dsl.resultQuery(HEAD)
                .coerce(SNAPSHOT_TX, SNAPSHOT_ID, TX_ID_TEXT, EVENT_LOG.ID)
                .fetchOne());
        LogPosition snapshot = snapshot(Objects.requireNonNull(r));
        if (r.get(EVENT_LOG.ID) == null) {
            return snapshot;
        }
        LogPosition newest = position(r);
        return newest.compareTo(snapshot) > 0 ? newest : snapshot;
    }

    @Override
    public LogRead readAfter(LogPosition position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        String tx = Long.toUnsignedString(position.transactionId());
        Result<? extends Record> rows =
                run(() -> dsl.resultQuery(READ_AFTER, tx, position.eventId(), tx, position.eventId(), limit)
                        .coerce(Stream.concat(Stream.of(SNAPSHOT_TX, SNAPSHOT_ID), LOGGED_COLUMNS.stream())
                                .toList())
                        .fetch());
        LogPosition snapshot = snapshot(rows.get(0));
        if (position.compareTo(snapshot) < 0) {
            return new LogRead.BehindSnapshot(position, snapshot);
        }
        List<LoggedEvent> events = new ArrayList<>(rows.size());
        for (Record r : rows) {
            if (r.get(EVENT_LOG.ID) != null) {
                events.add(logged(r));
            }
        }
        return new LogRead.Events(events);
    }

    /** Decodes a row of {@link #LOGGED_COLUMNS}. */
    static LoggedEvent logged(Record r) {
        ClusterEvent event = EventCodec.decode(new EventCodec.Row(
                EventCodec.Type.of(r.get(EVENT_LOG.EVENT_TYPE)),
                r.get(EVENT_LOG.ENTITY_NAME),
                r.get(EVENT_LOG.ENTITY_ID),
                r.get(EVENT_LOG.PAYLOAD)));
        return new LoggedEvent(
                position(r),
                r.get(EVENT_LOG.NODE_ID),
                r.get(EVENT_LOG.OCCURRED_AT).toInstant(),
                event);
    }

    static LogPosition position(Record r) {
        return new LogPosition(Long.parseUnsignedLong(r.get(TX_ID_TEXT)), r.get(EVENT_LOG.ID));
    }

    private static LogPosition snapshot(Record r) {
        return new LogPosition(Long.parseUnsignedLong(r.get(SNAPSHOT_TX)), r.get(SNAPSHOT_ID));
    }

    private static <T> T run(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
