package io.tollgate.application.port.out;

import java.util.List;
import java.util.Objects;

/**
 * What {@link EventLog#readAfter} found after a position: the next events, or that the position lies before the
 * compaction snapshot (the events between were folded into the snapshot and deleted, so they cannot be read).
 */
public sealed interface LogRead {

    /**
     * The readable events after the position, in commit order; empty when there are none (yet).
     *
     * @param events at most the requested number, oldest first
     */
    record Events(List<LoggedEvent> events) implements LogRead {
        public Events {
            events = List.copyOf(events);
        }
    }

    /**
     * The position is before the snapshot: events after it were folded away by compaction ({@link LogCompaction}).
     * The reader must take the state from the entity tables again and continue after {@code snapshot}.
     *
     * @param position the position the reader asked to read after
     * @param snapshot the snapshot's position, after {@code position}; every event up to it is folded
     */
    record BehindSnapshot(LogPosition position, LogPosition snapshot) implements LogRead {
        public BehindSnapshot {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(snapshot, "snapshot");
            if (position.compareTo(snapshot) >= 0) {
                throw new IllegalArgumentException(position + " is not before the snapshot " + snapshot);
            }
        }
    }
}
