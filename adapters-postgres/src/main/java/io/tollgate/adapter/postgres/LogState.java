package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;

/**
 * The configuration as the event log says it was at a position: the compaction snapshot ({@code event_log_snapshot},
 * the state at the snapshot's position) folded with the entity events after the snapshot up to that position (for each
 * entity its last event wins; a delete removes it). Used to take the next snapshot, to replay the log and to export the
 * configuration of a past moment.
 *
 * <p>Order: events are folded in log order {@code (tx_id, id)}. Two transactions that change the same entity commit
 * in that order unless the older one took its transaction id before, but its row lock after, the younger one; the
 * replay check reports such a divergence.
 */
final class LogState {

    /**
     * For each entity with an entity event in a range of the log, its last such event: {@code entity_name},
     * {@code entity_id}, {@code event_type} and {@code entity} (the state the event left, for a delete the state it
     * had). Parameters: {@link #range}. Shared by {@link #at} and the compaction's fold
     * ({@link JooqLogCompaction}), so the snapshot is folded exactly as the state at a position is computed.
     */
    static final String LAST_EVENTS = "SELECT DISTINCT ON (entity_name, entity_id) entity_name, entity_id,"
            + " event_type, payload -> 'entity' AS entity FROM event_log"
            + " WHERE event_type IN ('entity_created', 'entity_updated', 'entity_deleted')"
            + " AND (tx_id, id) > (?::xid8, ?) AND (tx_id, id) <= (?::xid8, ?)"
            + " ORDER BY entity_name, entity_id, tx_id DESC, id DESC";

    private final DSLContext dsl;

    LogState(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The position the snapshot stands at: every event at or before it has been folded ({@code START}: none). */
    LogPosition snapshotPosition() {
        return run(() -> dsl.resultQuery("SELECT tx_id::text, event_id FROM event_log_compaction WHERE id = 1")
                .fetchOptional()
                .map(r -> new LogPosition(Long.parseUnsignedLong(r.get(0, String.class)), r.get(1, Long.class)))
                .orElse(LogPosition.START));
    }

    /**
     * The position of the last event appended at or before {@code epochSeconds} (the snapshot's position when every
     * such event has been folded into it), or empty when the log holds nothing from that moment.
     */
    Optional<LogPosition> positionAt(double epochSeconds) {
        LogPosition snapshot = snapshotPosition();
        Optional<LogPosition> last = run(() -> dsl.resultQuery(
                        "SELECT tx_id::text, id FROM event_log WHERE occurred_at <= to_timestamp(?) "
                                + "ORDER BY event_log.tx_id DESC, event_log.id DESC LIMIT 1",
                        epochSeconds)
                .fetchOptional()
                .map(r -> new LogPosition(Long.parseUnsignedLong(r.get(0, String.class)), r.get(1, Long.class))));
        if (last.isPresent() && last.get().compareTo(snapshot) > 0) {
            return last;
        }
        return snapshot.equals(LogPosition.START) ? last : Optional.of(snapshot);
    }

    /**
     * Every entity alive at {@code position}, by kind in the catalogue's order, each kind's entities by id.
     *
     * @throws IllegalArgumentException when {@code position} is before the snapshot (its events are folded away)
     */
    Map<EntityKind, List<Entity>> at(LogPosition position) {
        LogPosition snapshot = snapshotPosition();
        if (position.compareTo(snapshot) < 0) {
            throw new IllegalArgumentException("the event log was compacted up to " + snapshot
                    + "; the earliest state it holds is at that position");
        }
        Map<EntityKind, List<Entity>> state = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            state.put(kind, new ArrayList<>());
        }
        List<Record> rows = run(() -> dsl.resultQuery(
                        "WITH last AS (" + LAST_EVENTS + ")"
                                + " SELECT entity_name, entity_id, entity FROM last"
                                + " WHERE event_type <> 'entity_deleted'"
                                + " UNION ALL SELECT s.entity_name, s.entity_id, s.entity FROM event_log_snapshot s"
                                + " WHERE NOT EXISTS (SELECT 1 FROM last l"
                                + " WHERE l.entity_name = s.entity_name AND l.entity_id = s.entity_id)"
                                + " ORDER BY entity_name, entity_id",
                        range(snapshot, position))
                .fetch());
        for (Record row : rows) {
            String name = row.get(0, String.class);
            EntityKind kind = EntityKind.byKongName(name)
                    .orElseThrow(() -> new IllegalStateException("the event log holds an entity of unknown kind '"
                            + name + "' (written by a newer Tollgate?)"));
            EntitySchema schema = Schemas.of(kind);
            state.get(kind).add(new Entity(schema, JsonCodec.readFields(schema, row.get(2, JSONB.class))));
        }
        return state;
    }

    /** The parameters of {@link #LAST_EVENTS}: the range {@code (after, upTo]}. */
    static Object[] range(LogPosition after, LogPosition upTo) {
        return new Object[] {
            Long.toUnsignedString(after.transactionId()),
            after.eventId(),
            Long.toUnsignedString(upTo.transactionId()),
            upTo.eventId()
        };
    }

    private static <T> T run(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
