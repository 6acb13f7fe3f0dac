package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.schema.Tables.EVENT_LOG;

import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.LogLevelChanged;
import io.tollgate.domain.event.ProxyCachePurged;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.shared.WorkspaceId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The append-only {@code event_log} table (migration V6), rows in the form of {@link EventCodec}. Appending an entity
 * event also projects it onto its table ({@link Projections}) in the same transaction: the log is the source of truth
 * and the tables follow it.
 *
 * <p>Readers follow the log by {@code (commit_seq, id)}: {@code commit_seq} is the writing transaction's commit
 * number, stamped on its events at COMMIT by the table's deferred trigger while it holds the {@code event_log_head} row
 * (migration V9), so commit numbers become visible in increasing order and a reader that has read up to a position
 * can never later see an event before it. Within a transaction, events keep their insertion order ({@code id}).
 * Nothing outside the log's writers decides what is readable: an unrelated transaction left open on the server
 * delays no reader, and a writer delays others only for the length of its commit.
 *
 * <p>Compaction ({@link JooqLogCompaction}) folds a prefix of the log into the snapshot and moves the position in
 * {@code event_log_compaction}; the folded events are deleted afterwards (possibly later, in batches). So the log
 * starts after the snapshot's position: {@link #head()} is never before it, and {@link #readAfter} compares the
 * reader's position with it in the same statement (one view of the database) that reads the events.
 */
@Singleton
final class JooqEventLog implements EventLog {

    /** The writing transaction's commit number (migration V9); a position is {@code (commit_seq, id)}. */
    static final Field<Long> COMMIT_SEQ = DSL.field(DSL.name("commit_seq"), Long.class);

    /** The columns {@link #logged(Record)} decodes, in this order; every reader of logged events selects them. */
    static final List<Field<?>> LOGGED_COLUMNS = List.of(
            COMMIT_SEQ,
            EVENT_LOG.ID,
            EVENT_LOG.NODE_ID,
            EVENT_LOG.OCCURRED_AT,
            EVENT_LOG.EVENT_TYPE,
            EVENT_LOG.ENTITY_NAME,
            EVENT_LOG.ENTITY_ID,
            EVENT_LOG.PAYLOAD);

    private static final Field<Long> SNAPSHOT_SEQ = DSL.field(DSL.name("snapshot_seq"), Long.class);
    private static final Field<Long> SNAPSHOT_ID = DSL.field(DSL.name("snapshot_id"), Long.class);

    /** The snapshot's position (0/0 without the row), with the newest readable event (nulls when none). */
    private static final String HEAD = "SELECT coalesce(c.commit_seq, 0), coalesce(c.event_id, 0), e.commit_seq, e.id"
            + " FROM (VALUES (1)) AS one (id) LEFT JOIN event_log_compaction c ON c.id = one.id"
            + " LEFT JOIN LATERAL (SELECT commit_seq, id FROM event_log WHERE commit_seq IS NOT NULL"
            + " ORDER BY commit_seq DESC, id DESC LIMIT 1) e ON true";

    /**
     * The snapshot's position on every row, with the readable events after the position (one row of nulls when
     * there are none, or when the position is before the snapshot: then the events are not even looked for), through
     * the function of migration V15, whose plan PostgreSQL keeps for the connection (the same statement with
     * parameters was planned again on every call). Parameters: the position (commit number, id), the limit.
     */
    private static final String READ_AFTER = "SELECT * FROM event_log_read_after(?, ?, ?)";

    private final DSLContext dsl;
    private final Projections projections;
    private final ReplicaFreshness freshness;

    JooqEventLog(DSLContext dsl, WorkspaceId workspace) {
        this(dsl, workspace, ReplicaFreshness.NONE);
    }

    /** @param freshness told how far the node has read the log, for the read replica's check */
    @Inject
    JooqEventLog(DSLContext dsl, WorkspaceId workspace, ReplicaFreshness freshness) {
        this.dsl = dsl;
        this.projections = new Projections(workspace);
        this.freshness = freshness;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An entity event and its projection go in one statement (the event's insert as a data-modifying {@code WITH}
     * before the row's insert, update or delete): one round trip per event. A create's statement is rendered once
     * ({@link TableProjector#insertLogged}).
     */
    @Override
    public void append(UUID nodeId, ClusterEvent event) {
        Objects.requireNonNull(nodeId, "nodeId");
        EventCodec.Row row = EventCodec.encode(event);
        JooqTransactions.appendedToLog();
        switch (event) {
            case EntityCreated created ->
                projections.insertLogged(
                        dsl,
                        created.entity(),
                        this::loggedTemplate,
                        Arrays.asList(nodeId, row.type().stored(), row.entityName(), row.entityId(), row.payload()));
            case EntityEvent change -> projections.apply(dsl, change, logged(nodeId, row));
            case TargetHealthForced health -> run(logged(nodeId, row)::execute);
            case ProxyCachePurged purge -> run(logged(nodeId, row)::execute);
            case LogLevelChanged change -> run(logged(nodeId, row)::execute);
        }
    }

    /** The insert of {@code row} into the log, not executed. */
    private Query logged(UUID nodeId, EventCodec.Row row) {
        return insertIntoLog(nodeId, row.type().stored(), row.entityName(), row.entityId(), row.payload());
    }

    /** The event's insert with one typed bind value per column ({@code null}s), for the statements rendered once. */
    private Query loggedTemplate() {
        return insertIntoLog(null, null, null, null, null);
    }

    private Query insertIntoLog(
            @Nullable UUID nodeId,
            @Nullable String eventType,
            @Nullable String entityName,
            @Nullable UUID entityId,
            @Nullable JSONB payload) {
        return dsl.insertInto(
                        EVENT_LOG,
                        EVENT_LOG.NODE_ID,
                        EVENT_LOG.EVENT_TYPE,
                        EVENT_LOG.ENTITY_NAME,
                        EVENT_LOG.ENTITY_ID,
                        EVENT_LOG.PAYLOAD)
                .values(
                        DSL.val(nodeId, EVENT_LOG.NODE_ID),
                        DSL.val(eventType, EVENT_LOG.EVENT_TYPE),
                        DSL.val(entityName, EVENT_LOG.ENTITY_NAME),
                        DSL.val(entityId, EVENT_LOG.ENTITY_ID),
                        DSL.val(payload, EVENT_LOG.PAYLOAD));
    }

    @Override
    public LogPosition head() {
        Record r = run(() -> dsl.resultQuery(HEAD)
                .coerce(SNAPSHOT_SEQ, SNAPSHOT_ID, COMMIT_SEQ, EVENT_LOG.ID)
                .fetchOne());
        LogPosition snapshot = snapshot(Objects.requireNonNull(r));
        LogPosition head = snapshot;
        if (r.get(EVENT_LOG.ID) != null) {
            LogPosition newest = position(r);
            head = newest.compareTo(snapshot) > 0 ? newest : snapshot;
        }
        freshness.saw(head.commit());
        return head;
    }

    @Override
    public LogRead readAfter(LogPosition position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        long seq = position.commit();
        Result<? extends Record> rows = run(() -> dsl.resultQuery(READ_AFTER, seq, position.eventId(), limit)
                .coerce(Stream.concat(Stream.of(SNAPSHOT_SEQ, SNAPSHOT_ID), LOGGED_COLUMNS.stream())
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
        if (!events.isEmpty()) {
            freshness.saw(events.getLast().position().commit());
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
        return new LogPosition(r.get(COMMIT_SEQ), r.get(EVENT_LOG.ID));
    }

    private static LogPosition snapshot(Record r) {
        return new LogPosition(r.get(SNAPSHOT_SEQ), r.get(SNAPSHOT_ID));
    }

    private static <T> T run(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
