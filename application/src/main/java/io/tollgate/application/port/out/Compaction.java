package io.tollgate.application.port.out;

import java.time.Duration;
import java.util.Objects;

/** What one {@link LogCompaction#compact} call did. */
public sealed interface Compaction {

    /**
     * Events were folded into the snapshot, which now stands at {@code to}.
     *
     * @param from the snapshot's position before ({@link LogPosition#START} for the first compaction)
     * @param to the snapshot's position now: the last event folded
     * @param events how many events (entity events and forced target healths) were folded, those in
     *     {@code (from, to]}
     * @param deleted how many rows were deleted from the log (the folded events, plus any left by an interrupted
     *     earlier compaction)
     * @param snapshotRows how many entities the snapshot holds now
     * @param took how long the whole compaction took, deletion batches included
     * @param held how long its folding transaction held a transaction id (the longest fold transaction; it delays no
     *     reader or writer of the log, whose order depends on the log's own writers only)
     */
    record Folded(
            LogPosition from,
            LogPosition to,
            long events,
            long deleted,
            long snapshotRows,
            Duration took,
            Duration held)
            implements Compaction {
        public Folded {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(held, "held");
        }
    }

    /**
     * No event was old enough (or readable yet) to be folded.
     *
     * @param snapshot the snapshot's position, unchanged
     */
    record UpToDate(LogPosition snapshot) implements Compaction {
        public UpToDate {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /** Another compaction (on this or another node) was running; this one did nothing. */
    record Busy() implements Compaction {}
}
