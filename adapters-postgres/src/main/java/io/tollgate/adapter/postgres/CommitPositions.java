package io.tollgate.adapter.postgres;

import io.tollgate.application.port.WritePositions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.OptionalLong;

/**
 * {@link WritePositions} from this adapter's transactions: when a transaction that appended to the log commits,
 * {@link JooqTransactions} reads the primary's log head at once and hands it here, and it becomes the thread's last
 * position. Kept per thread, as a request's writes run on one worker thread.
 */
@Singleton
public final class CommitPositions implements WritePositions {

    private static final ThreadLocal<long[]> LAST = new ThreadLocal<>();

    @Inject
    CommitPositions() {}

    /**
     * The current thread's transaction appended to the log and committed.
     *
     * @param head the primary's log head read just after the commit, empty when it could not be read (the write is
     *     committed; only its position is unknown)
     */
    static void committed(OptionalLong head) {
        if (head.isPresent()) {
            LAST.set(new long[] {head.getAsLong()});
        } else {
            LAST.remove();
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
