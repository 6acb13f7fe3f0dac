package io.tollgate.domain.event;

import io.tollgate.domain.entity.Entity;

/**
 * A change to one entity, appended to the event log in the transaction that makes it (Kong's {@code crud} event,
 * made durable); the entity tables are its projection. A cascaded delete yields one {@link EntityDeleted} per deleted
 * row.
 */
public sealed interface EntityEvent extends ClusterEvent permits EntityCreated, EntityUpdated, EntityDeleted {

    /** The entity after the change; for a delete, the state it had. */
    Entity entity();
}
