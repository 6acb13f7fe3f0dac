package io.tollgate.domain.event;

import io.tollgate.domain.entity.Entity;
import java.util.Objects;

/** An entity was created (POST, or PUT of a new id or endpoint key). */
public record EntityCreated(Entity entity) implements EntityEvent {
    public EntityCreated {
        Objects.requireNonNull(entity, "entity");
    }
}
