package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.Transactions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Transactions over the shared {@link DSLContext}, whose {@code ThreadLocalTransactionProvider} binds the
 * transaction's connection to the calling thread so that the store and the event log, using the same context,
 * take part without passing it around. A call inside a running transaction joins it (no savepoint): the outermost
 * call commits or rolls back everything. Exceptions thrown by the work, {@link io.tollgate.domain.shared.Rejection}s
 * included, propagate unchanged after the rollback; connection failures become
 * {@link io.tollgate.application.port.DatabaseUnavailable}.
 */
@Singleton
final class JooqTransactions implements Transactions {

    /** The contexts in which the current thread runs a transaction (several databases may share a JVM). */
    private static final ThreadLocal<Set<DSLContext>> ACTIVE =
            ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

    /** Whether the current thread's transaction has appended to the event log. */
    private static final ThreadLocal<Boolean> APPENDED = ThreadLocal.withInitial(() -> false);

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
        try {
            T result = dsl.transactionResult(() -> work.get());
            committed = true;
            return result;
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        } finally {
            active.remove(dsl);
            if (APPENDED.get()) {
                APPENDED.remove();
                if (committed) {
                    logCommitted();
                }
            }
        }
    }

    /** Called by {@link JooqEventLog#append}: the current thread's transaction appends to the log. */
    static void appendedToLog() {
        APPENDED.set(true);
    }

    /**
     * A transaction that appended to the log committed: the primary's log head, read once now, raises the replica
     * freshness mark and becomes the thread's write position ({@link CommitPositions}).
     */
    private void logCommitted() {
        OptionalLong head;
        try {
            head = OptionalLong.of(PostgresAdapterModule.logHead(dsl));
        } catch (RuntimeException e) {
            head = OptionalLong.empty();
        }
        freshness.committed(head);
        CommitPositions.committed(head);
    }
}
