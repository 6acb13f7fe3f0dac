package io.tollgate.domain.shared;

import java.util.Map;

/**
 * Kong's code 6, {@code not found} (HTTP 404), raised where Kong returns the structured error, e.g. a PATCH of a
 * missing entity: {@code could not find the entity with primary key '{id="..."}'}. Plain lookups that miss answer
 * {@code {"message":"Not found"}} at the edge instead.
 */
public final class NotFound extends Rejection {

    public NotFound(String message, Map<String, Object> fields) {
        super(6, "not found", message, fields);
    }

    /** The entity with this primary key does not exist. */
    public static NotFound byPrimaryKey(String id) {
        return new NotFound("could not find the entity with primary key '{id=\"" + id + "\"}'", Map.of("id", id));
    }

    /** The entity with this endpoint key (e.g. {@code name}) does not exist. */
    public static NotFound byEndpointKey(String field, String value) {
        return new NotFound("could not find the entity with '{" + field + "=\"" + value + "\"}'", Map.of(field, value));
    }
}
