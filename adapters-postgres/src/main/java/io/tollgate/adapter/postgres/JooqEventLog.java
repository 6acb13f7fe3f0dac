package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.schema.Tables.ENTITY_EVENT;

import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.cache.InvalidationEvent;
import io.tollgate.domain.cache.VersionKey;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.upstream.TargetHealthSet;
import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.UpstreamId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The append-only {@code entity_event} table. Readers follow it by {@code (tx_id, id)} and only below
 * {@code pg_snapshot_xmin(pg_current_snapshot())}: an event becomes readable once every transaction that started
 * before its own has ended, so no event committed later can sort before a position already read. Reading by
 * {@code id} alone would lose events whose transaction commits after a younger one (ids are handed out at insert,
 * not at commit). {@code tx_id} is PostgreSQL-only ({@code xid8}), so it is reached with plain SQL.
 *
 * <p>Forced target healths ({@link TargetHealthSet}) are rows with operation {@code health} (see migration V5): no
 * cache keys, no bumps, the event in {@code payload}.
 *
 * <p>Consequence: a long transaction that holds a transaction id anywhere on the server (even idle in transaction)
 * delays every event behind it until it ends; events are late then, never lost.
 */
@Singleton
final class JooqEventLog implements EventLog {

    private static final Field<String> TX_ID_TEXT = DSL.field("{0}::text", String.class, DSL.field(DSL.name("tx_id")));
    private static final Condition COMMITTED_BEFORE_ALL_RUNNING =
            DSL.condition("{0} < pg_snapshot_xmin(pg_current_snapshot())", DSL.field(DSL.name("tx_id")));

    private final DSLContext dsl;

    @Inject
    JooqEventLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void append(UUID nodeId, List<Change> events) {
        Objects.requireNonNull(nodeId, "nodeId");
        if (events.isEmpty()) {
            return;
        }
        run(() -> {
            var insert = dsl.insertInto(
                    ENTITY_EVENT,
                    ENTITY_EVENT.NODE_ID,
                    ENTITY_EVENT.SCHEMA_NAME,
                    ENTITY_EVENT.ENTITY_ID,
                    ENTITY_EVENT.OPERATION,
                    ENTITY_EVENT.PAYLOAD,
                    ENTITY_EVENT.CACHE_KEYS,
                    ENTITY_EVENT.BUMPS);
            for (Change change : events) {
                EntityEvent event = change.event();
                InvalidationEvent invalidation = change.invalidation();
                insert = insert.values(
                        nodeId,
                        event.entity().schema().name(),
                        event.entity().id(),
                        event.operation(),
                        JsonCodec.write(payload(event)),
                        invalidation.cacheKeys().stream().map(CacheKey::value).toArray(String[]::new),
                        invalidation.bumps().stream()
                                .map(VersionKey::key)
                                .sorted()
                                .toArray(String[]::new));
            }
            return insert.execute();
        });
    }

    @Override
    public void appendHealth(UUID nodeId, TargetHealthSet event) {
        Objects.requireNonNull(nodeId, "nodeId");
        Map<String, @Nullable Object> payload = new LinkedHashMap<>();
        payload.put("upstream", event.upstream().value().toString());
        payload.put("target", event.address());
        payload.put("address", event.ip());
        payload.put("healthy", event.healthy());
        run(() -> dsl.insertInto(
                        ENTITY_EVENT,
                        ENTITY_EVENT.NODE_ID,
                        ENTITY_EVENT.SCHEMA_NAME,
                        ENTITY_EVENT.ENTITY_ID,
                        ENTITY_EVENT.OPERATION,
                        ENTITY_EVENT.PAYLOAD,
                        ENTITY_EVENT.CACHE_KEYS,
                        ENTITY_EVENT.BUMPS)
                .values(
                        nodeId,
                        "targets",
                        event.target().value(),
                        TargetHealthSet.OPERATION,
                        JsonCodec.write(payload),
                        new String[0],
                        new String[0])
                .execute());
    }

    @Override
    public LogPosition head() {
        return run(() -> dsl.select(TX_ID_TEXT, ENTITY_EVENT.ID)
                .from(ENTITY_EVENT)
                .where(COMMITTED_BEFORE_ALL_RUNNING)
                .orderBy(DSL.field(DSL.name("tx_id")).desc(), ENTITY_EVENT.ID.desc())
                .limit(1)
                .fetchOptional(r -> position(r))
                .orElse(LogPosition.START));
    }

    @Override
    public List<LoggedEvent> readAfter(LogPosition position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Condition after = DSL.condition(
                "({0}, {1}) > ({2}::xid8, {3})",
                DSL.field(DSL.name("tx_id")),
                ENTITY_EVENT.ID,
                DSL.val(Long.toUnsignedString(position.transactionId())),
                DSL.val(position.eventId()));
        return run(() -> dsl.select(
                        TX_ID_TEXT,
                        ENTITY_EVENT.ID,
                        ENTITY_EVENT.NODE_ID,
                        ENTITY_EVENT.CACHE_KEYS,
                        ENTITY_EVENT.BUMPS,
                        ENTITY_EVENT.OPERATION,
                        ENTITY_EVENT.ENTITY_ID,
                        HEALTH_PAYLOAD)
                .from(ENTITY_EVENT)
                .where(after)
                .and(COMMITTED_BEFORE_ALL_RUNNING)
                .orderBy(DSL.field(DSL.name("tx_id")), ENTITY_EVENT.ID)
                .limit(limit)
                .fetch(JooqEventLog::logged));
    }

    /** The payload only of health rows (the only ones whose payload the readers need). */
    private static final Field<org.jooq.JSONB> HEALTH_PAYLOAD = DSL.when(
                    ENTITY_EVENT.OPERATION.eq(TargetHealthSet.OPERATION), ENTITY_EVENT.PAYLOAD)
            .as("health_payload");

    private static LoggedEvent logged(Record r) {
        if (TargetHealthSet.OPERATION.equals(r.get(ENTITY_EVENT.OPERATION))) {
            Map<String, @Nullable Object> payload = JsonCodec.read(r.get(HEALTH_PAYLOAD));
            TargetHealthSet health = new TargetHealthSet(
                    new UpstreamId(UUID.fromString((String) Objects.requireNonNull(payload.get("upstream")))),
                    new TargetId(r.get(ENTITY_EVENT.ENTITY_ID)),
                    (String) Objects.requireNonNull(payload.get("target")),
                    (String) payload.get("address"),
                    Boolean.TRUE.equals(payload.get("healthy")));
            return LoggedEvent.ofHealth(position(r), r.get(ENTITY_EVENT.NODE_ID), health);
        }
        return new LoggedEvent(
                position(r),
                r.get(ENTITY_EVENT.NODE_ID),
                new InvalidationEvent(
                        Arrays.stream(r.get(ENTITY_EVENT.CACHE_KEYS))
                                .map(CacheKey::new)
                                .toList(),
                        Arrays.stream(r.get(ENTITY_EVENT.BUMPS))
                                .map(VersionKey::fromKey)
                                .collect(Collectors.toSet())));
    }

    private static LogPosition position(Record r) {
        return new LogPosition(Long.parseUnsignedLong(r.get(TX_ID_TEXT)), r.get(ENTITY_EVENT.ID));
    }

    /** The durable record of the change: the new state and, for an update, the previous one. */
    private static Map<String, Object> payload(EntityEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("entity", event.entity().fields());
        if (event instanceof EntityUpdated updated) {
            payload.put("previous", updated.previous().fields());
        }
        return payload;
    }

    private static <T> T run(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
