package io.tollgate.application.port.out;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The entity tables (the projections of the event log): Kong's DAO over PostgreSQL. Writes must run inside
 * {@link Transactions#inTransaction}; reads may run outside one.
 *
 * <p>Implementations store every field of an {@link Entity} and give it back unchanged; foreign fields are
 * enforced by the database (restricted or cascading as the schema says), unique fields by unique constraints.
 */
public interface EntityStore {

    Optional<Entity> find(EntitySchema schema, UUID id);

    /**
     * Finds by a unique field ({@code name}, {@code username}, {@code custom_id}, {@code key}, {@code instance_name}).
     *
     * @throws IllegalArgumentException when {@code field} is not a unique field of the schema
     */
    Optional<Entity> findBy(EntitySchema schema, String field, String value);

    /** One page in primary-key order, optionally only the children of one parent. */
    Page page(EntitySchema schema, PageRequest request);

    /** Every entity of the schema, in primary-key order (router and plugin rebuilds, warm-up). */
    List<Entity> all(EntitySchema schema);

    /** The entities of {@code child} whose {@code foreignField} references {@code parentId}. */
    List<Entity> referencing(EntitySchema child, String foreignField, UUID parentId);

    /**
     * @throws io.tollgate.domain.shared.UniqueViolation when a unique field (or a plugin's scope) is taken
     * @throws io.tollgate.domain.shared.ForeignKeyViolation when a referenced entity does not exist
     */
    void insert(Entity entity);

    /** Replaces the stored fields of {@code entity.id()}; same errors as {@link #insert}. */
    void update(Entity entity);

    /**
     * Deletes one row; callers delete cascaded children first so that each gets its own event.
     *
     * @throws io.tollgate.domain.shared.ForeignKeyViolation when restricted references remain
     */
    void delete(EntitySchema schema, UUID id);
}
