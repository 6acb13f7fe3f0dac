package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.Transactions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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
 *
 * <p>Calls from several threads at once share transactions ({@link CommitGroups}): a call that arrives while another
 * runs waits, then runs with the others that waited, each in its own savepoint, under one commit. Each caller still
 * gets its own result or exception, and its thread's write position, as if it had run alone.
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
    static final long UNKNOWN = -1;

    /** Each work of a group of several starts at this savepoint, and goes back to it when it fails. */
    private static final String SAVEPOINT = "SAVEPOINT tollgate_write";

    private static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT tollgate_write";

    private final DSLContext dsl;
    private final ReplicaFreshness freshness;
    private final CommitGroups groups = new CommitGroups(this::runGroup);

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
    @SuppressWarnings("unchecked")
    public <T> T inTransaction(Supplier<T> work) {
        if (ACTIVE.get().contains(dsl)) {
            return work.get();
        }
        CommitGroups.Outcome outcome = groups.run(work);
        if (outcome.appended()) {
            logCommitted(outcome.head());
        }
        Throwable failure = outcome.failure();
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return (T) outcome.result();
    }

    /**
     * Runs a group of works ({@link CommitGroups}) in one transaction on the calling thread. A group of one runs as
     * the work alone: whatever it throws rolls the transaction back. In a larger group each work runs in its own
     * savepoint: one that throws (a rejection, a failed statement) is rolled back to it and fails alone, the others
     * commit together. A failure of the transaction itself (the commit, a lost connection) fails every work of the
     * group, and nothing of it is written.
     */
    private List<CommitGroups.Outcome> runGroup(List<Supplier<?>> group) {
        int size = group.size();
        Object[] results = new Object[size];
        RuntimeException[] failures = new RuntimeException[size];
        boolean[] appended = new boolean[size];
        long[] head = {UNKNOWN};
        Set<DSLContext> active = ACTIVE.get();
        active.add(dsl);
        RuntimeException broken = null;
        try {
            dsl.transactionResult(() -> {
                boolean any = false;
                for (int i = 0; i < size; i++) {
                    APPENDED.set(false);
                    if (size == 1) {
                        results[i] = group.get(i).get();
                    } else {
                        execute(SAVEPOINT);
                        try {
                            results[i] = group.get(i).get();
                        } catch (RuntimeException e) {
                            failures[i] = e;
                            execute(ROLLBACK_TO_SAVEPOINT);
                            APPENDED.set(false);
                        }
                    }
                    appended[i] = APPENDED.get();
                    any |= appended[i];
                }
                if (any) {
                    head[0] = commitReadingHead();
                }
                return null;
            });
        } catch (RuntimeException e) {
            broken = SqlFailures.translate(e);
        } finally {
            active.remove(dsl);
            APPENDED.remove();
        }
        List<CommitGroups.Outcome> outcomes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            RuntimeException failure = failures[i] != null ? SqlFailures.translate(failures[i]) : broken;
            boolean committed = broken == null && failures[i] == null;
            outcomes.add(new CommitGroups.Outcome(results[i], failure, committed && appended[i], head[0]));
        }
        return outcomes;
    }

    /** Runs {@code sql} (no bind values, no result) on the current thread's transaction, as a plain JDBC statement. */
    private void execute(String sql) {
        dsl.connection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        });
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
