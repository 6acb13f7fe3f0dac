package io.tollgate.domain.event;

import io.tollgate.domain.entity.Entity;
import java.util.Objects;

/** An entity was deleted, directly or by cascade; {@code entity} is the state it had. */
public record EntityDeleted(Entity entity) implements EntityEvent {
    public EntityDeleted {
        Objects.requireNonNull(entity, "entity");
    }
}
