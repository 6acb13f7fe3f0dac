package io.tollgate.domain.event;

import io.tollgate.domain.entity.Entity;
import java.util.Objects;

/** An entity was changed (PATCH, or PUT of an existing one); {@code previous} is its state before. */
public record EntityUpdated(Entity entity, Entity previous) implements EntityEvent {
    public EntityUpdated {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(previous, "previous");
    }
}
