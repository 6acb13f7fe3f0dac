package io.tollgate.application.admin;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.ExpiredRows;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.application.timer.NodeTimers;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.entity.TimeToLive;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Kong's expired-rows clean-up ({@code pg_expired_rows_cleanup_interval}): every period, on its own daemon thread and
 * never on the request path, deletes the rows whose {@code ttl} has run out ({@link TimeToLive}; the key-auth
 * credentials). Unlike Kong's plain SQL {@code DELETE}, each row goes through the event log as an Admin API delete
 * does ({@code EntityDeleted}, with its cascade), so every node drops it from its cache. Every node runs it; a row is
 * claimed by one node's transaction and skipped by the others ({@link ExpiredRows#claimExpired}), so a row is deleted
 * once. A failed round (the database unreachable) is logged and the next one tries again.
 */
public final class ExpiredRowsCleanup implements AutoCloseable {

    /** Rows deleted per transaction. */
    static final int BATCH = 500;

    private static final System.Logger LOG = System.getLogger(ExpiredRowsCleanup.class.getName());

    private final ExpiredRows expired;
    private final AtomicWrite writes;
    private final CascadeDelete cascade;
    private final List<EntitySchema> schemas;
    private final ScheduledExecutorService scheduler;

    /**
     * @param store the entity tables, for the cascades of a deleted row
     * @param nodeId this node's id, recorded with its events
     */
    public ExpiredRowsCleanup(
            ExpiredRows expired,
            EntityStore store,
            EventLog log,
            Transactions transactions,
            LocalInvalidation invalidation,
            UUID nodeId,
            WorkspaceId workspace) {
        this.expired = Objects.requireNonNull(expired, "expired");
        this.writes = new AtomicWrite(log, transactions, invalidation, nodeId, workspace);
        this.cascade = new CascadeDelete(store);
        this.schemas = Schemas.ALL.stream().filter(TimeToLive::applies).toList();
        this.scheduler = NodeTimers.scheduler("tollgate-expired-rows-cleanup");
    }

    /**
     * Starts the rounds, the first one {@code period} from now.
     *
     * @param period time between rounds, > 0 (Kong's default: 60 seconds)
     */
    public void start(Duration period) {
        long ms = Math.max(1, Objects.requireNonNull(period, "period").toMillis());
        scheduler.scheduleWithFixedDelay(this::round, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** One round, its failure logged: what the schedule runs. */
    private void round() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cleaning up expired rows failed; retrying next round: {0}", e);
        }
    }

    /**
     * Deletes every row expired now, table by table, {@value #BATCH} rows per transaction.
     *
     * @return how many rows it deleted (cascades not counted)
     * @throws RuntimeException whatever the database throws; the batches committed before stay deleted
     */
    public int run() {
        int total = 0;
        for (EntitySchema schema : schemas) {
            long started = System.nanoTime();
            int deleted = 0;
            int batch;
            do {
                batch = writes.run(changes -> {
                    List<Entity> rows = expired.claimExpired(schema, BATCH);
                    rows.forEach(row -> cascade.delete(row, changes));
                    return rows.size();
                });
                deleted += batch;
            } while (batch == BATCH);
            total += deleted;
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "cleaning up expired rows from table ''{0}'' took {1} seconds ({2} deleted)",
                    schema.name(),
                    String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - started) / 1e9),
                    deleted);
        }
        return total;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
