package io.tollgate.adapter.postgres;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.event.LogLevelChanged;
import io.tollgate.domain.event.ProxyCachePurged;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.UpstreamId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/**
 * The one mapping between the domain's {@link ClusterEvent}s and the rows of {@code event_log} (migration V6): the
 * event type, the entity the event is about and the JSON payload. Both directions are exhaustive switches over the
 * sealed types, so a new event type does not compile until it has a row form.
 */
final class EventCodec {

    /** The stored {@code event_type} of each event type. */
    enum Type {
        ENTITY_CREATED("entity_created"),
        ENTITY_UPDATED("entity_updated"),
        ENTITY_DELETED("entity_deleted"),
        TARGET_HEALTH_FORCED("target_health_forced"),
        PROXY_CACHE_PURGED("proxy_cache_purged"),
        LOG_LEVEL_CHANGED("log_level_changed");

        private final String stored;

        Type(String stored) {
            this.stored = stored;
        }

        String stored() {
            return stored;
        }

        /** Whether events of this type change an entity (the configuration), rather than runtime state. */
        boolean isEntityChange() {
            return switch (this) {
                case ENTITY_CREATED, ENTITY_UPDATED, ENTITY_DELETED -> true;
                case TARGET_HEALTH_FORCED, PROXY_CACHE_PURGED, LOG_LEVEL_CHANGED -> false;
            };
        }

        static Type of(String stored) {
            for (Type type : values()) {
                if (type.stored.equals(stored)) {
                    return type;
                }
            }
            throw new IllegalStateException(
                    "the event log holds an event of unknown type '" + stored + "' (written by a newer Tollgate?)");
        }
    }

    /** The stored {@code event_type}s of the entity events ({@link Type#isEntityChange()}). */
    static final List<String> ENTITY_CHANGE_TYPES = Arrays.stream(Type.values())
            .filter(Type::isEntityChange)
            .map(Type::stored)
            .toList();

    /** An event as a row: its type, the entity it is about (both null for events about none) and its payload. */
    record Row(
            Type type,
            @Nullable String entityName,
            @Nullable UUID entityId,
            JSONB payload) {}

    private EventCodec() {}

    static Row encode(ClusterEvent event) {
        return switch (event) {
            case EntityCreated created -> entityRow(Type.ENTITY_CREATED, created, null);
            case EntityUpdated updated -> entityRow(Type.ENTITY_UPDATED, updated, updated.previous());
            case EntityDeleted deleted -> entityRow(Type.ENTITY_DELETED, deleted, null);
            case TargetHealthForced health -> {
                Map<String, @Nullable Object> payload = new LinkedHashMap<>();
                payload.put("upstream", health.upstream().value().toString());
                payload.put("target", health.address());
                payload.put("address", health.ip());
                payload.put("healthy", health.healthy());
                yield new Row(
                        Type.TARGET_HEALTH_FORCED,
                        EntityKind.TARGETS.kongName(),
                        health.target().value(),
                        JsonCodec.write(payload));
            }
            case ProxyCachePurged purge -> {
                Map<String, @Nullable Object> payload = new LinkedHashMap<>();
                payload.put("cache_key", purge.cacheKey());
                yield new Row(
                        Type.PROXY_CACHE_PURGED,
                        EntityKind.PLUGINS.kongName(),
                        purge.pluginId(),
                        JsonCodec.write(payload));
            }
            case LogLevelChanged change -> {
                Map<String, @Nullable Object> payload = new LinkedHashMap<>();
                payload.put("level", change.level());
                payload.put("timeout", change.timeoutSeconds());
                yield new Row(Type.LOG_LEVEL_CHANGED, null, null, JsonCodec.write(payload));
            }
        };
    }

    /**
     * @throws IllegalStateException for a row this version cannot read (an unknown type or entity kind)
     */
    static ClusterEvent decode(Row row) {
        Map<String, @Nullable Object> payload = JsonCodec.read(row.payload());
        return switch (row.type()) {
            case ENTITY_CREATED -> new EntityCreated(entity(row, payload, "entity"));
            case ENTITY_UPDATED -> new EntityUpdated(entity(row, payload, "entity"), entity(row, payload, "previous"));
            case ENTITY_DELETED -> new EntityDeleted(entity(row, payload, "entity"));
            case TARGET_HEALTH_FORCED ->
                new TargetHealthForced(
                        new UpstreamId(UUID.fromString(String.valueOf(payload.get("upstream")))),
                        new TargetId(Objects.requireNonNull(row.entityId(), "entity_id")),
                        String.valueOf(payload.get("target")),
                        payload.get("address") instanceof String ip ? ip : null,
                        Boolean.TRUE.equals(payload.get("healthy")));
            case PROXY_CACHE_PURGED ->
                new ProxyCachePurged(row.entityId(), payload.get("cache_key") instanceof String key ? key : null);
            case LOG_LEVEL_CHANGED ->
                new LogLevelChanged(
                        String.valueOf(payload.get("level")),
                        payload.get("timeout") instanceof Number timeout ? timeout.longValue() : 0);
        };
    }

    private static Row entityRow(Type type, EntityEvent event, @Nullable Entity previous) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("entity", event.entity().fields());
        if (previous != null) {
            payload.put("previous", previous.fields());
        }
        return new Row(type, event.entity().schema().name(), event.entity().id(), JsonCodec.write(payload));
    }

    private static Entity entity(Row row, Map<String, @Nullable Object> payload, String key) {
        String name = Objects.requireNonNull(row.entityName(), "entity_name");
        EntitySchema schema = Schemas.byName(name)
                .orElseThrow(() -> new IllegalStateException("the event log holds an event of unknown entity '" + name
                        + "' (written by a newer Tollgate?)"));
        if (!(payload.get(key) instanceof Map<?, ?> fields)) {
            throw new IllegalStateException("event of " + name + " " + row.entityId() + " has no '" + key + "'");
        }
        return new Entity(schema, JsonCodec.orderedFields(schema, fields));
    }
}
