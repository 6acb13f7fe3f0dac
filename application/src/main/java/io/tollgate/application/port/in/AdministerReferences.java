package io.tollgate.application.port.in;

import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's single-reference write {@code PUT /{entities}/{x}/{field}} (e.g. {@code PUT /routes/{r}/service},
 * kong-internals §7.1, §7.2): upserts the entity that {@code x}'s foreign {@code field} references; when {@code x}
 * references nothing yet, the referenced entity is created with a new id and {@code x} is linked to it. Both writes
 * and their events happen in one transaction, and this node's invalidation is applied after the commit.
 */
public interface AdministerReferences {

    /**
     * @param schema the schema of the referencing entity (e.g. routes)
     * @param idOrKey the referencing entity's id or endpoint key
     * @param foreignField the foreign field of {@code schema} (e.g. {@code service})
     * @param input the referenced entity's fields, as for {@link AdministerEntities#upsert}
     * @return the referenced entity as stored
     * @throws io.tollgate.domain.shared.NotFound when there is no entity at {@code idOrKey}
     * @throws IllegalArgumentException when {@code foreignField} is not a foreign field of {@code schema}
     * @throws io.tollgate.domain.shared.Rejection for invalid input, as {@link AdministerEntities#upsert}
     */
    Entity upsertReferenced(
            EntitySchema schema, String idOrKey, String foreignField, Map<String, ? extends @Nullable Object> input);
}
