package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.Transactions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Transactions over the shared {@link DSLContext}, whose {@code ThreadLocalTransactionProvider} binds the
 * transaction's connection to the calling thread so that the store and the event log, using the same context,
 * take part without passing it around. A call inside a running transaction joins it (no savepoint): the outermost
 * call commits or rolls back everything. Exceptions thrown by the work, {@link io.tollgate.domain.shared.Rejection}s
 * included, propagate unchanged after the rollback; connection failures become
 * {@link io.tollgate.application.port.DatabaseUnavailable}.
 *
 * <p>A transaction that appended to the event log commits and reads the log's head in one round trip (the head is
 * the write's position, for {@link CommitPositions} and the read replica's freshness).
 */
@Singleton
final class JooqTransactions implements Transactions {

    /** The contexts in which the current thread runs a transaction (several databases may share a JVM). */
    private static final ThreadLocal<Set<DSLContext>> ACTIVE =
            ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

    /** Whether the current thread's transaction has appended to the event log. */
    private static final ThreadLocal<Boolean> APPENDED = ThreadLocal.withInitial(() -> false);

    /** The commit and the read of the log head after it, sent together (see {@link #commitReadingHead}). */
    static final String COMMIT_READING_HEAD = "COMMIT; SELECT commit_seq FROM event_log_head WHERE id = 1";

    /** No log head known (commit numbers start at 1). */
    private static final long UNKNOWN = -1;

    private final DSLContext dsl;
    private final ReplicaFreshness freshness;

    JooqTransactions(DSLContext dsl) {
        this(dsl, ReplicaFreshness.NONE);
    }

    /** @param freshness told when a transaction that appended to the log commits (for the read replica) */
    @Inject
    JooqTransactions(DSLContext dsl, ReplicaFreshness freshness) {
        this.dsl = dsl;
        this.freshness = freshness;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Set<DSLContext> active = ACTIVE.get();
        if (!active.add(dsl)) {
            return work.get();
        }
        boolean committed = false;
        long[] head = {UNKNOWN};
        try {
            T result = dsl.transactionResult(() -> {
                T done = work.get();
                if (APPENDED.get()) {
                    head[0] = commitReadingHead();
                }
                return done;
            });
            committed = true;
            return result;
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        } finally {
            active.remove(dsl);
            if (APPENDED.get()) {
                APPENDED.remove();
                if (committed) {
                    logCommitted(head[0]);
                }
            }
        }
    }

    /** Called by {@link JooqEventLog#append}: the current thread's transaction appends to the log. */
    static void appendedToLog() {
        APPENDED.set(true);
    }

    /**
     * Commits the current thread's transaction and reads the log head just after, in one round trip
     * ({@value #COMMIT_READING_HEAD}): the same two steps as the provider's commit followed by a read, without a wait
     * between them. The provider's own commit then finds nothing left to commit. When the transaction is not open
     * and healthy (a statement in it failed), commits nothing and answers {@link #UNKNOWN}: the provider's commit
     * then reports the failure as it always does.
     *
     * @return the log head after the commit, or {@link #UNKNOWN}
     * @throws org.jooq.exception.DataAccessException when the commit fails (nothing was written)
     */
    private long commitReadingHead() {
        return dsl.connectionResult(c -> {
            if (!c.isWrapperFor(BaseConnection.class)
                    || c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.OPEN) {
                return UNKNOWN;
            }
            try (Statement s = c.createStatement()) {
                s.execute(COMMIT_READING_HEAD);
                while (!s.getMoreResults() && s.getUpdateCount() != -1) {
                    // the COMMIT's own result
                }
                try (ResultSet rs = s.getResultSet()) {
                    return rs != null && rs.next() ? rs.getLong(1) : UNKNOWN;
                }
            }
        });
    }

    /**
     * A transaction that appended to the log committed: the primary's log head just after the commit (read now when
     * the commit did not read it) raises the replica freshness mark and becomes the thread's write position
     * ({@link CommitPositions}).
     *
     * @param known the head read with the commit, or {@link #UNKNOWN}
     */
    private void logCommitted(long known) {
        OptionalLong head;
        if (known != UNKNOWN) {
            head = OptionalLong.of(known);
        } else {
            try {
                head = OptionalLong.of(PostgresAdapterModule.logHead(dsl));
            } catch (RuntimeException e) {
                head = OptionalLong.empty();
            }
        }
        freshness.committed(head);
        CommitPositions.committed(head);
    }
}
