package io.tollgate.application.port.out;

import io.tollgate.domain.event.ClusterEvent;
import java.util.List;
import java.util.UUID;

/**
 * The cluster's append-only event log in PostgreSQL (Kong's {@code cluster_events}, made durable and typed): the
 * source of truth the entity tables are projected from, and the feed from which every node learns what to invalidate.
 *
 * <p>Readers see events in commit order and never skip one, even when transactions commit out of the order in which
 * their events were numbered: an event becomes readable only once no older transaction can still commit.
 */
public interface EventLog {

    /**
     * Appends one event and, for an entity change, projects it onto the entity tables: the only way entity rows are
     * written. Must run inside {@link Transactions#inTransaction}, so the event, its projection and the rest of the
     * write commit or roll back together; a write that produces several events appends them in the order they
     * happened (a cascade's children before their parent).
     *
     * @param nodeId the writing node (which applies the event's effects itself, and skips it when following the log)
     * @throws io.tollgate.domain.shared.UniqueViolation when the projection would break a unique field (or a plugin's
     *     scope)
     * @throws io.tollgate.domain.shared.ForeignKeyViolation when it would reference a missing row, or delete a row
     *     that restricted references still point at
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    void append(UUID nodeId, ClusterEvent event);

    /** The position after the newest readable event: where a starting node begins to follow. */
    LogPosition head();

    /** Up to {@code limit} readable events after {@code position}, in commit order. */
    List<LoggedEvent> readAfter(LogPosition position, int limit);
}
