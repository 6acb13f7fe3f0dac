package io.tollgate.application.port.out;

import io.tollgate.domain.cache.InvalidationEvent;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.upstream.TargetHealthSet;
import java.util.List;
import java.util.UUID;

/**
 * The append-only event log in PostgreSQL: the durable record of every entity change and the feed from which every
 * node learns what to invalidate (replacing Kong's {@code cluster_events}).
 *
 * <p>Readers see events in commit order and never skip one, even when transactions commit out of the order in which
 * their events were numbered: an event becomes readable only once no older transaction can still commit.
 */
public interface EventLog {

    /**
     * Appends the events of one Admin API write. Must run inside the transaction that changes the entities, so the
     * change and its events commit or roll back together.
     *
     * @param nodeId the writing node
     * @param events the changes, each with the invalidation it implies, in the order they happened
     */
    void append(UUID nodeId, List<Change> events);

    /**
     * Appends a forced target health (Kong's {@code balancer:post_health} broadcast): no entity changes, so it may
     * run in a transaction of its own. Readers get it back as {@link LoggedEvent#health()}.
     *
     * @param nodeId the writing node (which has applied it already)
     * @throws UnsupportedOperationException from logs that do not carry health events (the default)
     */
    default void appendHealth(UUID nodeId, TargetHealthSet event) {
        throw new UnsupportedOperationException("this event log does not carry health events");
    }

    /** The position after the newest readable event: where a starting node begins to follow. */
    LogPosition head();

    /** Up to {@code limit} readable events after {@code position}, in commit order. */
    List<LoggedEvent> readAfter(LogPosition position, int limit);

    /** One entity change and what it invalidates. */
    record Change(EntityEvent event, InvalidationEvent invalidation) {}
}
