package io.tollgate.application.admin;

import io.tollgate.application.admin.AtomicWrite.Changes;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.OnDelete;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.InvalidRequest;
import java.util.List;
import java.util.Map;

/**
 * Kong's delete semantics: refuse while restricted references remain (a service used by routes), otherwise delete
 * cascading children first, depth first, each with its own {@link EntityDeleted} event (unlike Kong before 3.0,
 * cascaded rows are invalidated too). A CA certificate that a service trusts (its {@code ca_certificates} array, not a
 * foreign key) is refused as Kong's {@code ca_certificates} DAO refuses it: code 19 {@code referenced by others}.
 */
final class CascadeDelete {

    private final EntityStore store;

    CascadeDelete(EntityStore store) {
        this.store = store;
    }

    /** Deletes {@code entity} and its cascade inside the caller's write, children first, each by its own event. */
    void delete(Entity entity, Changes changes) {
        EntitySchema schema = entity.schema();
        if (schema.kind() == EntityKind.CA_CERTIFICATES) {
            refuseWhileTrusted(entity);
        }
        for (EntitySchema child : Schemas.ALL) {
            for (FieldSpec field : child.foreignFields()) {
                if (field.reference() != schema.kind()) {
                    continue;
                }
                List<Entity> children = store.referencing(child, field.name(), entity.id());
                if (children.isEmpty()) {
                    continue;
                }
                if (field.onDelete() == OnDelete.RESTRICT) {
                    throw ForeignKeyViolation.referencedBy(child.name(), schema.name());
                }
                children.forEach(c -> delete(c, changes));
            }
        }
        changes.record(new EntityDeleted(entity));
    }

    /**
     * @throws InvalidRequest code 19 {@code ca certificate <id> is still referenced by services (id = <service>)}
     *         while a service lists {@code ca} in its {@code ca_certificates} (Kong scans services the same way)
     */
    private void refuseWhileTrusted(Entity ca) {
        for (Entity service : store.all(Services.SCHEMA)) {
            if (service.get("ca_certificates") instanceof List<?> trusted
                    && trusted.stream().anyMatch(id -> ca.id().toString().equalsIgnoreCase(String.valueOf(id)))) {
                throw new InvalidRequest(
                        19,
                        "referenced by others",
                        "ca certificate " + ca.id() + " is still referenced by services (id = " + service.id() + ")",
                        Map.of());
            }
        }
    }
}
