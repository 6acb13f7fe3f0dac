package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.Transactions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.LongSupplier;
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
            LongSupplier head = once(() -> PostgresAdapterModule.logHead(dsl));
            freshness.ended(committed, head);
            CommitPositions.ended(committed, head);
        }
    }

    /** {@code read}, called at most once (the log head after a commit serves both the replica mark and the position). */
    private static LongSupplier once(LongSupplier read) {
        long[] value = new long[1];
        boolean[] done = new boolean[1];
        return () -> {
            if (!done[0]) {
                value[0] = read.getAsLong();
                done[0] = true;
            }
            return value[0];
        };
    }
}
