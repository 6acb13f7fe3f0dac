package io.tollgate.domain.event;

import io.tollgate.domain.entity.Entity;
import org.jmolecules.event.types.DomainEvent;

/**
 * A change to one entity, appended to the event log in the transaction that makes it (Kong's {@code crud} event,
 * made durable). A cascaded delete yields one {@link EntityDeleted} per deleted row.
 */
public sealed interface EntityEvent extends DomainEvent permits EntityCreated, EntityUpdated, EntityDeleted {

    /** The entity after the change; for a delete, the state it had. */
    Entity entity();

    /** Kong's operation name: {@code create}, {@code update} or {@code delete}. */
    String operation();
}
