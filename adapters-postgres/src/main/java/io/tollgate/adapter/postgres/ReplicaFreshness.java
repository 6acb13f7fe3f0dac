package io.tollgate.adapter.postgres;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How far into the event log this node has read on the primary: the commit number ({@code commit_seq}, migration V9)
 * of the newest event it has seen, which a read replica must have replayed before the proxy path may read from it
 * ({@link ReplicaEntityStore}).
 *
 * <p>Why the log's own commit number and not a WAL position or a transaction id: every entity change is written in
 * the same transaction as its event, and that transaction's commit takes the next number from the single
 * {@code event_log_head} row while holding it, so commits of the log become visible (on the primary, and on a
 * replica, which replays commits in the primary's order) in increasing commit number. A replica whose
 * {@code event_log_head} shows {@code n} has therefore replayed every change up to and including commit {@code n},
 * and a query it runs afterwards sees them. The comparison needs no WAL arithmetic (no page-boundary subtleties of
 * {@code pg_current_wal_insert_lsn()}), works through any replication tool that keeps commit order, and costs one
 * primary-key read on the replica.
 *
 * <p>{@link JooqEventLog} raises the mark each time it reads the log's head or events (at start the head the node saw
 * on the primary, then every event it applies); before its first read the mark is taken from the primary's head on
 * first use. Thread-safe, lock-free.
 */
@Singleton
public final class ReplicaFreshness {

    /** For logs that feed no replica (tests, command-line tools). */
    static final ReplicaFreshness NONE = new ReplicaFreshness(false);

    private final boolean enabled;
    private final AtomicLong seen = new AtomicLong(-1);
    private volatile boolean stale;

    /** @param database the node's database: the mark is only kept when it has a read replica */
    @Inject
    ReplicaFreshness(PostgresDatabase database) {
        this(database.replicaSettings().isPresent());
    }

    private ReplicaFreshness(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * A transaction of this node that appended to the log has committed ({@link JooqTransactions}). The mark rises to
     * the primary's log head read just after it, which includes the transaction's own commit: the node's own write
     * (applied locally at once, without waiting for its own event in the log) is never rebuilt from a replica that has
     * not replayed it.
     *
     * @param primaryHead the head read after the commit; empty when it could not be read, in which case the head is
     *     read again before the next replica read
     */
    void committed(OptionalLong primaryHead) {
        if (!enabled) {
            return;
        }
        if (primaryHead.isPresent()) {
            saw(primaryHead.getAsLong());
        } else {
            stale = true;
        }
    }

    /** Records that the node has seen the log up to commit number {@code commitSeq}; never lowers the mark. */
    void saw(long commitSeq) {
        seen.accumulateAndGet(commitSeq, Math::max);
    }

    /**
     * The commit number a replica must have replayed for a read from it to be as fresh as what the node has applied.
     *
     * @param primaryHead reads the primary's log head, called when the node has read nothing yet (or could not read
     *     the head after its own write)
     * @throws io.tollgate.application.port.DatabaseUnavailable when that read fails
     */
    long required(LongSupplier primaryHead) {
        long known = seen.get();
        if (known >= 0 && !stale) {
            return known;
        }
        saw(primaryHead.getAsLong());
        stale = false;
        return seen.get();
    }
}
