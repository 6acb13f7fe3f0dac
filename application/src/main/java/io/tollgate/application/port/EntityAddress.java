package io.tollgate.application.port;

import io.tollgate.domain.catalog.EntityKind;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An entity as an Admin API URL names it: its kind and the id or endpoint key of {@code /{kind}/{idOrKey}}, and,
 * below a parent ({@code /upstreams/{u}/targets/{t}}), the parent's address and the child's field that references
 * it.
 *
 * @param idOrKey a UUID, or a value of the kind's endpoint key (e.g. a service's {@code name})
 */
public record EntityAddress(
        EntityKind kind, String idOrKey, @Nullable Parent parent) {

    /**
     * The parent in the URL.
     *
     * @param foreignField the child's field that references the parent (e.g. a target's {@code upstream})
     */
    public record Parent(EntityKind kind, String idOrKey, String foreignField) {
        public Parent {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(idOrKey, "idOrKey");
            Objects.requireNonNull(foreignField, "foreignField");
        }
    }

    public EntityAddress {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idOrKey, "idOrKey");
    }

    /** {@code /{kind}/{idOrKey}}. */
    public static EntityAddress of(EntityKind kind, String idOrKey) {
        return new EntityAddress(kind, idOrKey, null);
    }

    /** {@code /{parent kind}/{parentIdOrKey}/{kind}/{idOrKey}}. */
    public static EntityAddress below(
            EntityKind parentKind, String parentIdOrKey, String foreignField, EntityKind kind, String idOrKey) {
        return new EntityAddress(kind, idOrKey, new Parent(parentKind, parentIdOrKey, foreignField));
    }
}
