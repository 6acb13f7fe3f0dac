package io.tollgate.application.port.in;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kong's generic Admin API operations on any entity schema. Every write validates through the domain, changes the
 * entity tables and appends its events in one transaction, then applies the invalidation on this node before it
 * returns, so the next request this node proxies sees the change.
 *
 * <p>{@code idOrKey} is a UUID (primary key) or, for schemas that have one, the endpoint key's value (e.g. a service
 * name). Foreign fields in input may reference by id ({@code {"id": …}}) or by the parent's endpoint key
 * ({@code {"name": …}}).
 *
 * <p>All methods throw {@link io.tollgate.domain.shared.Rejection}s for client errors and
 * {@link io.tollgate.application.port.DatabaseUnavailable} when the database fails.
 */
public interface AdministerEntities {

    /** POST: creates the entity; {@code id}, timestamps and auto fields are filled when absent. */
    Entity create(EntitySchema schema, Map<String, ? extends @Nullable Object> input);

    /**
     * PATCH: merges {@code patch} onto the stored entity and validates the result.
     *
     * @throws io.tollgate.domain.shared.NotFound when there is no such entity
     */
    Entity update(EntitySchema schema, String idOrKey, Map<String, ? extends @Nullable Object> patch);

    /** PUT: creates or fully replaces the entity at {@code idOrKey}. */
    Entity upsert(EntitySchema schema, String idOrKey, Map<String, ? extends @Nullable Object> input);

    /**
     * DELETE: deletes the entity and, first, everything that cascades from it; idempotent.
     *
     * @return whether something was deleted
     * @throws io.tollgate.domain.shared.ForeignKeyViolation when restricted references remain (a service's routes)
     */
    boolean delete(EntitySchema schema, String idOrKey);

    /** GET one, read from the database (never from a cache). */
    Optional<Entity> get(EntitySchema schema, String idOrKey);

    /**
     * GET one child below its parent, as Kong's nested endpoints address it ({@code /upstreams/{u}/targets/{t}}):
     * by id, or by the child's endpoint key among the parent's children (needed where that key is unique per
     * parent only, such as a target's {@code target}). Read from the database.
     *
     * @param foreignField the child's field that references the parent (e.g. {@code upstream})
     * @return the child, or empty when there is none or it belongs to another parent
     */
    default Optional<Entity> getChild(EntitySchema schema, String foreignField, UUID parentId, String idOrKey) {
        return get(schema, idOrKey)
                .filter(e -> e.foreignId(foreignField).filter(parentId::equals).isPresent());
    }

    /** GET a page, read from the database. */
    Page list(EntitySchema schema, PageRequest request);
}
