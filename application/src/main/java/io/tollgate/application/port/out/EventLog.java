package io.tollgate.application.port.out;

import io.tollgate.domain.event.ClusterEvent;
import java.util.UUID;

/**
 * The cluster's append-only event log in PostgreSQL (Kong's {@code cluster_events}, made durable and typed): the
 * source of truth the entity tables are projected from, and the feed from which every node learns what to invalidate.
 *
 * <p>Readers see events in commit order and never skip one, even when transactions commit out of the order in which
 * their events were numbered: positions are taken at commit, in commit order, by the log's writers alone, so nothing
 * else on the database server (an unrelated transaction left open) can hold a reader back.
 *
 * <p>Old events may be folded into a snapshot ({@link LogCompaction}): the log then starts after the snapshot's
 * position, and a reader whose position is before it learns so from {@link #readAfter} instead of missing events.
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
     * @throws io.tollgate.domain.shared.PrimaryKeyViolation when a created entity's id is already taken
     * @throws io.tollgate.domain.shared.ForeignKeyViolation when it would reference a missing row, or delete a row
     *     that restricted references still point at
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    void append(UUID nodeId, ClusterEvent event);

    /**
     * The position of the newest readable event, or the compaction snapshot's position when that is later (never a
     * position before the snapshot): where a starting node begins to follow.
     */
    LogPosition head();

    /**
     * Up to {@code limit} readable events after {@code position}, in commit order ({@link LogRead.Events}), or
     * {@link LogRead.BehindSnapshot} when {@code position} is before the compaction snapshot's position (the events
     * in between were folded away). Both are decided on one consistent view of the database, so a compaction running
     * meanwhile cannot make a read skip events silently.
     *
     * @param limit at least 1
     * @throws IllegalArgumentException when {@code limit} is below 1
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    LogRead readAfter(LogPosition position, int limit);
}
