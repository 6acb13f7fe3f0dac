package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.schema.Tables.EVENT_LOG;

import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.shared.WorkspaceId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
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
 */
@Singleton
final class JooqEventLog implements EventLog {

    static final Field<Object> TX_ID = DSL.field(DSL.name("tx_id"));
    /** Named apart: were it named {@code tx_id}, {@code ORDER BY tx_id} would sort the text ({@code '10' < '9'}). */
    private static final Field<String> TX_ID_TEXT =
            DSL.field("{0}::text", String.class, TX_ID).as("tx_text");

    private static final Condition COMMITTED_BEFORE_ALL_RUNNING =
            DSL.condition("{0} < pg_snapshot_xmin(pg_current_snapshot())", TX_ID);

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
        return run(() -> dsl.select(TX_ID_TEXT, EVENT_LOG.ID)
                .from(EVENT_LOG)
                .where(COMMITTED_BEFORE_ALL_RUNNING)
                .orderBy(TX_ID.desc(), EVENT_LOG.ID.desc())
                .limit(1)
                .fetchOptional(JooqEventLog::position)
                .orElse(LogPosition.START));
    }

    @Override
    public List<LoggedEvent> readAfter(LogPosition position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return run(() -> dsl.select(
                        TX_ID_TEXT,
                        EVENT_LOG.ID,
                        EVENT_LOG.NODE_ID,
                        EVENT_LOG.OCCURRED_AT,
                        EVENT_LOG.EVENT_TYPE,
                        EVENT_LOG.ENTITY_NAME,
                        EVENT_LOG.ENTITY_ID,
                        EVENT_LOG.PAYLOAD)
                .from(EVENT_LOG)
                .where(after(position))
                .and(COMMITTED_BEFORE_ALL_RUNNING)
                .orderBy(TX_ID, EVENT_LOG.ID)
                .limit(limit)
                .fetch(JooqEventLog::logged));
    }

    /** Rows after {@code position} in log order. */
    static Condition after(LogPosition position) {
        return DSL.condition(
                "({0}, {1}) > ({2}::xid8, {3})",
                TX_ID,
                EVENT_LOG.ID,
                DSL.val(Long.toUnsignedString(position.transactionId())),
                DSL.val(position.eventId()));
    }

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

    private static <T> T run(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
