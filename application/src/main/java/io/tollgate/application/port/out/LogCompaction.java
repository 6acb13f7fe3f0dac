package io.tollgate.application.port.out;

import java.time.Duration;

/**
 * Keeps the {@link EventLog} from growing without bound: folds the events older than a retention into the log's
 * snapshot (the state of every entity alive at the snapshot's position) and deletes them. Afterwards the log is the
 * snapshot followed by the events after its position; a deleted entity is in neither.
 *
 * <p>Only one compaction runs at a time in the cluster: a call that finds another one running returns
 * {@link Compaction.Busy} at once instead of waiting. Compaction never blocks writers or readers of the log; it only
 * folds committed events, and a transaction still open takes a later position when it commits, so nothing is folded
 * past it.
 */
public interface LogCompaction {

    /**
     * Folds every readable event older than {@code retention} (and every event before it in log order) into the
     * snapshot, and deletes them from the log.
     *
     * @param retention how long events stay in the log, greater than 0 (a retention of 0, "keep everything", means
     *     not calling this)
     * @return what was done: {@link Compaction.Folded}, {@link Compaction.UpToDate} or {@link Compaction.Busy}
     * @throws IllegalArgumentException when {@code retention} is 0 or negative
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    Compaction compact(Duration retention);
}
