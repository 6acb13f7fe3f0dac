package io.tollgate.domain.cache;

import io.tollgate.domain.catalog.EntityChange;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives the {@link Invalidation} of an {@link EntityEvent}, as Kong's {@code runloop/events.lua} does: the
 * cache keys of the new and, for an update, the old state ({@link CacheKeys#allOf}), and the version keys the
 * entity's kind bumps for this change ({@link io.tollgate.domain.catalog.EntityKind#bumps}), and the entity it
 * changed ({@link ChangedEntity}).
 */
public final class Invalidations {

    private Invalidations() {}

    public static Invalidation of(EntityEvent event, WorkspaceId workspace) {
        Set<CacheKey> keys = new LinkedHashSet<>(CacheKeys.allOf(event.entity(), workspace));
        EntityChange change = switch (event) {
            case EntityCreated created -> EntityChange.CREATED;
            case EntityUpdated updated -> {
                keys.addAll(CacheKeys.allOf(updated.previous(), workspace));
                yield EntityChange.UPDATED;
            }
            case EntityDeleted deleted -> EntityChange.DELETED;
        };
        return new Invalidation(
                List.copyOf(keys),
                event.entity().schema().kind().bumps(change),
                List.of(new ChangedEntity(
                        event.entity().schema().kind(), event.entity().id())));
    }
}
