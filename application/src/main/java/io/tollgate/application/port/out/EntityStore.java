package io.tollgate.application.port.out;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The entity tables, read side: the projections of the event log (Kong's DAO reads over PostgreSQL). Nothing writes
 * them but the projection of {@link EventLog#append}; reads inside {@link Transactions#inTransaction} see the
 * transaction's own appends. Every field of an {@link Entity} comes back as the event carried it.
 *
 * @see EventLog#append
 */
public interface EntityStore {

    Optional<Entity> find(EntitySchema schema, UUID id);

    /**
     * Finds by a unique field ({@code name}, {@code username}, {@code custom_id}, {@code key}, {@code instance_name}).
     *
     * @throws IllegalArgumentException when {@code field} is not a unique field of the schema
     */
    Optional<Entity> findBy(EntitySchema schema, String field, String value);

    /**
     * The live entities whose {@code field} holds one of {@code values}: the primary key ({@code "id"}, each value a
     * UUID's text) or a unique field, as {@link #find} and {@link #findBy} would find them one by one, in no particular
     * order; values that find nothing are left out. Kong's DAO has no such read: a declarative import looks up a whole
     * file's keys with it in a few round trips. By default one {@link #find} or {@link #findBy} per value.
     *
     * @throws IllegalArgumentException when {@code field} is neither {@code "id"} nor a unique field of the schema,
     *     or an id is not a UUID
     */
    default List<Entity> findAllBy(EntitySchema schema, String field, Collection<String> values) {
        List<Entity> found = new ArrayList<>();
        for (String value : values) {
            ("id".equals(field) ? find(schema, UUID.fromString(value)) : findBy(schema, field, value))
                    .ifPresent(found::add);
        }
        return found;
    }

    /** One page in primary-key order, optionally only the children of one parent. */
    Page page(EntitySchema schema, PageRequest request);

    /** Every entity of the schema, in primary-key order (router and plugin rebuilds, warm-up). */
    List<Entity> all(EntitySchema schema);

    /** The entities of {@code child} whose {@code foreignField} references {@code parentId}. */
    List<Entity> referencing(EntitySchema child, String foreignField, UUID parentId);

    /**
     * Whether the tables themselves refuse a row of {@code schema} whose {@code foreignField} names a missing row:
     * then {@link EventLog#append} throws {@link io.tollgate.domain.shared.ForeignKeyViolation} (Kong's
     * {@code foreign key violation}, as the Admin API's own check would) and the write need not look the parent up
     * first. {@code false} by default: the caller checks.
     */
    default boolean enforcesReference(EntitySchema schema, String foreignField) {
        return false;
    }
}
