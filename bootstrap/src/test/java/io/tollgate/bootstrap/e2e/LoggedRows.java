package io.tollgate.bootstrap.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.bootstrap.e2e.ExpectedInvalidation.Logged;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.cache.Invalidation;
import io.tollgate.domain.cache.Invalidations;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.shared.WorkspaceId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads {@code event_log} rows over JDBC, the way an operator's tool would, and derives what each entity event
 * invalidates with the domain's own rules (the log stores the event, every reader derives its invalidation).
 */
final class LoggedRows {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private LoggedRows() {}

    /** The highest event id in the log (0 when empty). */
    static long lastEventId(Connection db) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT coalesce(max(id), 0) FROM event_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The entity events after event id {@code mark}, in id order, each with the keys and bumps it implies. */
    static List<Logged> entityEventsAfter(Connection db, long mark, String workspace) throws SQLException {
        List<Logged> rows = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT node_id, entity_name, entity_id, event_type, "
                + "payload::text FROM event_log WHERE id > ? AND event_type LIKE 'entity_%' ORDER BY id")) {
            query.setLong(1, mark);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString("entity_name");
                    String type = rs.getString("event_type");
                    Invalidation invalidation = Invalidations.of(
                            event(name, type, rs.getString(5)), new WorkspaceId(UUID.fromString(workspace)));
                    rows.add(new Logged(
                            rs.getString("node_id"),
                            name,
                            rs.getString("entity_id"),
                            operation(type),
                            invalidation.cacheKeys().stream()
                                    .map(CacheKey::value)
                                    .toList(),
                            invalidation.bumps().stream().map(VersionKey::key).collect(Collectors.toSet())));
                }
            }
        }
        return rows;
    }

    /** Kong's operation name of a stored entity event type. */
    static String operation(String eventType) {
        return switch (eventType) {
            case "entity_created" -> "create";
            case "entity_updated" -> "update";
            case "entity_deleted" -> "delete";
            default -> throw new IllegalArgumentException("not an entity event: " + eventType);
        };
    }

    private static EntityEvent event(String name, String type, String payload) {
        EntitySchema schema = Schemas.byName(name).orElseThrow();
        Map<String, Object> fields;
        try {
            fields = JSON.readValue(payload, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Entity entity = entity(schema, fields.get("entity"));
        return switch (operation(type)) {
            case "create" -> new EntityCreated(entity);
            case "update" -> new EntityUpdated(entity, entity(schema, fields.get("previous")));
            default -> new EntityDeleted(entity);
        };
    }

    @SuppressWarnings("unchecked")
    private static Entity entity(EntitySchema schema, Object fields) {
        return new Entity(schema, (Map<String, Object>) fields);
    }
}
