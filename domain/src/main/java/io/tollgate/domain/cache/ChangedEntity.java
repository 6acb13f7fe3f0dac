package io.tollgate.domain.cache;

import io.tollgate.domain.catalog.EntityKind;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
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

    /**
     * The changes naming each of {@code ids} as an entity of {@code kind}, in {@code ids}' order.
     *
     * @param id the primary key of one element of {@code ids}
     */
    public static <I> Set<ChangedEntity> all(EntityKind kind, Collection<I> ids, Function<I, UUID> id) {
        Set<ChangedEntity> changes = new LinkedHashSet<>();
        for (I each : ids) {
            changes.add(new ChangedEntity(kind, id.apply(each)));
        }
        return changes;
    }
}
