package io.tollgate.adapter.postgres;

import io.tollgate.application.port.WritePositions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * {@link WritePositions} from this adapter's transactions: {@link JooqEventLog#append} marks the current thread's
 * transaction, and when such a transaction commits ({@link JooqTransactions}) the primary's log head, read at once,
 * becomes the thread's last position. Kept per thread, as a request's writes run on one worker thread.
 */
@Singleton
public final class CommitPositions implements WritePositions {

    private static final ThreadLocal<Boolean> APPENDED = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<long[]> LAST = new ThreadLocal<>();

    @Inject
    CommitPositions() {}

    /** The current thread's transaction appends to the log. */
    static void appended() {
        APPENDED.set(true);
    }

    /**
     * The current thread's transaction has ended: when it committed appends, {@code head} (the primary's log head,
     * read after the commit) becomes the thread's last position; when the head cannot be read, there is none.
     */
    static void ended(boolean committed, LongSupplier head) {
        if (!APPENDED.get()) {
            return;
        }
        APPENDED.remove();
        if (!committed) {
            return;
        }
        try {
            LAST.set(new long[] {head.getAsLong()});
        } catch (RuntimeException e) {
            LAST.remove(); // the write is committed; only its position is unknown
        }
    }

    @Override
    public void clear() {
        LAST.remove();
    }

    @Override
    public OptionalLong last() {
        long[] last = LAST.get();
        return last == null ? OptionalLong.empty() : OptionalLong.of(last[0]);
    }
}
