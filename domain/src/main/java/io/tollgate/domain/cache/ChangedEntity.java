package io.tollgate.domain.cache;

import io.tollgate.domain.catalog.EntityKind;
import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * Which entity one change touched: its kind and id (Kong's {@code crud} event names the entity the same way). A
 * structure that can patch itself ({@code SnapshotHolder#patch} in the application) re-reads only these rows instead
 * of every row; the state after the change is the row in the database, so the order in which changes arrive does not
 * matter.
 *
 * @param kind the entity's kind, e.g. {@link EntityKind#ROUTES}
 * @param id the entity's primary key
 */
@ValueObject
public record ChangedEntity(EntityKind kind, UUID id) {
    public ChangedEntity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
