package io.tollgate.application.admin;

import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.catalog.Schemas;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.OnDelete;
import io.tollgate.domain.shared.ForeignKeyViolation;
import java.util.List;

/**
 * Kong's delete semantics: refuse while restricted references remain (a service used by routes), otherwise delete
 * cascading children first, depth first, each with its own {@link EntityDeleted} event (unlike Kong before 3.0,
 * cascaded rows are invalidated too).
 */
final class CascadeDelete {

    private final EntityStore store;

    CascadeDelete(EntityStore store) {
        this.store = store;
    }

    /** Deletes {@code entity} and its cascade inside the caller's transaction, appending events to {@code events}. */
    void delete(Entity entity, List<EntityEvent> events) {
        EntitySchema schema = entity.schema();
        for (EntitySchema child : Schemas.ALL) {
            for (FieldSpec field : child.foreignFields()) {
                if (!schema.name().equals(field.reference())) {
                    continue;
                }
                List<Entity> children = store.referencing(child, field.name(), entity.id());
                if (children.isEmpty()) {
                    continue;
                }
                if (field.onDelete() == OnDelete.RESTRICT) {
                    throw ForeignKeyViolation.referencedBy(child.name(), schema.name());
                }
                children.forEach(c -> delete(c, events));
            }
        }
        store.delete(schema, entity.id());
        events.add(new EntityDeleted(entity));
    }
}
