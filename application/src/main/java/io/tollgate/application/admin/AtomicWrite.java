package io.tollgate.application.admin;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.cache.Invalidations;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One Admin API write as a unit: in one transaction the work reads the current state, decides, and records its events
 * through {@link Changes}, each appended to the event log and projected onto the tables as it is decided; after the
 * commit this node applies the invalidations at once, so the change is in effect here when the Admin API answers.
 * Other nodes learn of it from the log (Kong's {@code invalidations} cluster event, made transactional).
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
     * Runs {@code work} in a transaction, commits, then invalidates locally what its events imply.
     *
     * @return what the work returned (for an Admin API write, {@code null} when it wrote nothing, e.g. a delete of a
     *     missing row)
     * @throws RuntimeException whatever the work or the database throws; nothing is written then
     */
    <T extends @Nullable Object> T run(Function<Changes, T> work) {
        List<EntityEvent> events = new ArrayList<>();
        T result = transactions.inTransaction(() -> {
            events.clear();
            return work.apply(new Changes(events));
        });
        invalidation.apply(
                events.stream().map(e -> Invalidations.of(e, workspace)).toList());
        return result;
    }

    /** The events of one write, in the order they happen (a cascade's children before their parent). */
    final class Changes {
        private final List<EntityEvent> events;

        private Changes(List<EntityEvent> events) {
            this.events = events;
        }

        /** How many events the write has recorded so far. */
        int count() {
            return events.size();
        }

        /** Appends {@code event} to the log, which projects it onto the tables in the write's transaction. */
        void record(EntityEvent event) {
            log.append(nodeId, event);
            events.add(event);
        }
    }
}
