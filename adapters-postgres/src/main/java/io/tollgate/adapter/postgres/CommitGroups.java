package io.tollgate.adapter.postgres;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Group commit for the event log's writers: transactions that arrive while another one is running wait, and the next
 * free caller then runs all of them, up to {@link #MAX_GROUP}, in one database transaction (each in its own savepoint:
 * see {@link JooqTransactions}), so that they share one commit. The log's commits run one after another (each holds
 * the {@code event_log_head} row through its WAL flush, migration V9), so concurrent Admin API writes used to queue
 * for that row one commit at a time; a group pays for one commit whatever its size.
 *
 * <p>No thread of its own: the caller that finds nobody running becomes the leader and runs a group on its own
 * thread, its own work first; when it is done, leadership passes to the oldest waiting caller, whose work heads the
 * next group, so every caller's work runs within at most two groups of its arrival. A caller alone pays nothing: a
 * group of one runs exactly as a single transaction did.
 */
final class CommitGroups {

    /**
     * The largest group. PostgreSQL keeps up to 64 subtransaction ids per session in shared memory before every
     * snapshot on the server gets slower; each work of a group takes one when it writes.
     */
    static final int MAX_GROUP = 32;

    /** Runs a group of works in one transaction and answers each one's outcome, in the group's order. */
    @FunctionalInterface
    interface Runner {
        List<Outcome> run(List<Supplier<?>> group);
    }

    /**
     * What became of one work: its result, or what it (or the group's transaction) threw.
     *
     * @param result what the work returned, when {@code failure} is {@code null}
     * @param failure what the work threw, or why its group's transaction did not commit
     * @param appended whether the work appended to the event log and its group committed (it has a log position)
     * @param head the log head read with the group's commit ({@link JooqTransactions#UNKNOWN} when not read)
     */
    record Outcome(@Nullable Object result, @Nullable Throwable failure, boolean appended, long head) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private final Runner runner;
    private boolean leading;

    CommitGroups(Runner runner) {
        this.runner = runner;
    }

    /**
     * Runs {@code work} in a group (possibly of one) and answers its outcome once its group has committed or failed.
     * Blocks the caller meanwhile, and makes it run a group (its own and others' works) when its turn comes.
     */
    Outcome run(Supplier<?> work) {
        Waiting me = new Waiting(work, lock.newCondition());
        lock.lock();
        try {
            queue.addLast(me);
            if (!leading) {
                leading = true;
                me.lead = true;
            }
            while (me.outcome == null && !me.lead) {
                me.changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        if (me.outcome == null) {
            lead();
        }
        Outcome outcome = me.outcome;
        if (outcome == null) {
            throw new IllegalStateException("a commit group ended without this write's outcome");
        }
        return outcome;
    }

    /** Runs one group headed by the caller's work, hands each waiting caller its outcome, then passes leadership. */
    private void lead() {
        List<Waiting> group = new ArrayList<>();
        lock.lock();
        try {
            while (!queue.isEmpty() && group.size() < MAX_GROUP) {
                group.add(queue.pollFirst());
            }
        } finally {
            lock.unlock();
        }
        List<Outcome> outcomes;
        Throwable broken = null;
        try {
            outcomes = runner.run(group.stream().<Supplier<?>>map(w -> w.work).toList());
        } catch (RuntimeException | Error e) {
            broken = e;
            outcomes = List.of();
        }
        lock.lock();
        try {
            for (int i = 0; i < group.size(); i++) {
                Waiting w = group.get(i);
                w.outcome = i < outcomes.size()
                        ? outcomes.get(i)
                        : new Outcome(
                                null,
                                broken == null ? new IllegalStateException("no outcome") : broken,
                                false,
                                JooqTransactions.UNKNOWN);
                w.changed.signal();
            }
            Waiting next = queue.peekFirst();
            if (next == null) {
                leading = false;
            } else {
                next.lead = true;
                next.changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A caller waiting for its work's outcome or for its turn to lead (fields guarded by the lock). */
    private static final class Waiting {
        final Supplier<?> work;
        final Condition changed;
        boolean lead;

        @Nullable
        Outcome outcome;

        Waiting(Supplier<?> work, Condition changed) {
            this.work = work;
            this.changed = changed;
        }
    }
}
