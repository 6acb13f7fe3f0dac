package io.tollgate.application.port;

import java.util.Objects;
import java.util.UUID;

/**
 * One row of Kong's {@code tags} listing ({@code GET /tags}): a tag carried by an entity.
 *
 * @param entityName the entity's schema name, e.g. {@code services} or {@code keyauth_credentials}
 */
public record TaggedEntity(String tag, String entityName, UUID entityId) {
    public TaggedEntity {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(entityId, "entityId");
    }
}
