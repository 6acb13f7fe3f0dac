package io.tollgate.application.admin;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.cache.Invalidations;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One Admin API write as a unit: the entity changes and their events commit in one transaction (the event log is
 * appended inside it), then this node applies the invalidations at once, so the change is in effect here when the
 * Admin API answers. Other nodes learn of it from the log (Kong's {@code invalidations} cluster event, made
 * transactional).
 */
final class AtomicWrite {

    private final EventLog log;
    private final Transactions transactions;
    private final LocalInvalidation invalidation;
    private final UUID nodeId;
    private final WorkspaceId workspace;

    AtomicWrite(
            EventLog log,
            Transactions transactions,
            LocalInvalidation invalidation,
            UUID nodeId,
            WorkspaceId workspace) {
        this.log = log;
        this.transactions = transactions;
        this.invalidation = invalidation;
        this.nodeId = nodeId;
        this.workspace = workspace;
    }

    /**
     * Runs {@code work} in a transaction, appends the events it returns, commits, then invalidates locally.
     *
     * @return the entity the work returned ({@code null} when it wrote nothing, e.g. a delete of a missing row)
     * @throws RuntimeException whatever the work or the database throws; nothing is written then
     */
    @Nullable
    Entity run(Supplier<Written> work) {
        Written written = transactions.inTransaction(() -> {
            Written w = work.get();
            if (!w.events().isEmpty()) {
                log.append(
                        nodeId,
                        w.events().stream()
                                .map(e -> new EventLog.Change(e, Invalidations.of(e, workspace)))
                                .toList());
            }
            return w;
        });
        invalidation.apply(written.events().stream()
                .map(e -> Invalidations.of(e, workspace))
                .toList());
        return written.entity();
    }

    /** What one write produced: the entity to answer with and its events, cascaded rows included, in order. */
    record Written(@Nullable Entity entity, List<EntityEvent> events) {}
}
