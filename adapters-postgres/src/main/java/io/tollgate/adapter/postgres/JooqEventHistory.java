package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.schema.Tables.EVENT_LOG;

import io.tollgate.application.port.HistoryFilter;
import io.tollgate.application.port.out.EventHistory;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.catalog.EntityKind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The configuration history over {@code event_log}: entity events ({@link EventCodec#ENTITY_CHANGE_TYPES}) read
 * backwards by {@code (commit_seq, id)}, decoded with {@link EventCodec}. As for {@link JooqEventLog}'s readers, a
 * transaction that commits after a page was read takes a later commit number, so it can only add events newer than
 * that page: walking pages never skips one.
 *
 * <p>Indexes (migrations V1, V6, V7; measured with EXPLAIN ANALYZE on 5,000 events): the log order
 * {@code (commit_seq, id)} (V9), read backwards, serves unfiltered pages and the kind, node and common-tag filters (the first
 * page is found after a few hundred rows); {@code (entity_name, entity_id)} an entity's history;
 * {@code occurred_at} a time window in the past; the GIN indexes on {@code payload -> 'entity' -> 'tags'} and
 * {@code payload -> 'previous' -> 'tags'} a rare tag (a BitmapOr of the two). {@link #lastEntityWith} has no payload
 * index: it reads the kind's events newest first until one matches, which is rare (an address by key of an entity
 * that no longer has it).
 */
@Singleton
final class JooqEventHistory implements EventHistory {

    /** {@code event_log.commit_seq}, qualified. */
    private static final Field<Long> COMMIT_SEQ = DSL.field(DSL.name(EVENT_LOG.getName(), "commit_seq"), Long.class);

    /** Sealed events: a transaction reading its own unsealed appends (no commit number yet) does not list them. */
    private static final Condition READABLE = COMMIT_SEQ.isNotNull();

    private static final Condition ENTITY_CHANGES = EVENT_LOG.EVENT_TYPE.in(EventCodec.ENTITY_CHANGE_TYPES);

    private final DSLContext dsl;

    @Inject
    JooqEventHistory(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<LoggedEvent> newestFirst(HistoryFilter filter, @Nullable LogPosition before, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return run(() -> query(filter, before, limit).fetch(JooqEventLog::logged));
    }

    private ResultQuery<? extends Record> query(HistoryFilter filter, @Nullable LogPosition before, int limit) {
        List<Condition> where = new ArrayList<>(List.of(ENTITY_CHANGES, READABLE));
        if (before != null) {
            where.add(DSL.condition(
                    "({0}, {1}) < ({2}, {3})",
                    COMMIT_SEQ, EVENT_LOG.ID, DSL.val(before.commit()), DSL.val(before.eventId())));
        }
        if (filter.kind() != null) {
            where.add(EVENT_LOG.ENTITY_NAME.eq(filter.kind().kongName()));
        }
        if (filter.entityId() != null) {
            where.add(EVENT_LOG.ENTITY_ID.eq(filter.entityId()));
        }
        if (filter.nodeId() != null) {
            where.add(EVENT_LOG.NODE_ID.eq(filter.nodeId()));
        }
        if (filter.since() != null) {
            where.add(EVENT_LOG.OCCURRED_AT.ge(timestamp(filter.since())));
        }
        if (filter.until() != null) {
            where.add(EVENT_LOG.OCCURRED_AT.lt(timestamp(filter.until())));
        }
        if (filter.tag() != null) {
            List<String> tag = List.of(filter.tag());
            where.add(TagConditions.containsAll(tags("entity"), tag)
                    .or(TagConditions.containsAll(tags("previous"), tag)));
        }
        return dsl.select(JooqEventLog.LOGGED_COLUMNS)
                .from(EVENT_LOG)
                .where(where)
                .orderBy(COMMIT_SEQ.desc(), EVENT_LOG.ID.desc())
                .limit(limit);
    }

    @Override
    public Optional<UUID> lastEntityWith(EntityKind kind, Map<String, Object> fields) {
        List<Condition> where = new ArrayList<>(List.of(
                ENTITY_CHANGES,
                READABLE,
                EVENT_LOG.ENTITY_NAME.eq(kind.kongName()),
                DSL.condition(
                        "({0} -> 'entity') @> {1}",
                        EVENT_LOG.PAYLOAD, DSL.val(JsonCodec.write(fields), SQLDataType.JSONB))));
        if (fields.get("id") instanceof String id) {
            try {
                where.add(EVENT_LOG.ENTITY_ID.eq(UUID.fromString(id)));
            } catch (IllegalArgumentException notAnId) {
                return Optional.empty();
            }
        }
        return run(() -> dsl.select(EVENT_LOG.ENTITY_ID)
                .from(EVENT_LOG)
                .where(where)
                .orderBy(COMMIT_SEQ.desc(), EVENT_LOG.ID.desc())
                .limit(1)
                .fetchOptional(EVENT_LOG.ENTITY_ID));
    }

    /** {@code payload -> '<state>' -> 'tags'}, the expression the V7 GIN indexes are on. */
    private static Field<JSONB> tags(String state) {
        return DSL.field("(({0} -> {1}) -> 'tags')", SQLDataType.JSONB, EVENT_LOG.PAYLOAD, DSL.inline(state));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static <T> T run(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
