package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.LogPosition;
import java.time.Instant;
import java.util.Objects;

/**
 * A state was asked for at a position or moment before the event log's compaction snapshot: the events it needs are
 * folded away. The message (one line) names the earliest position and moment that can be asked for.
 */
public final class CompactedAway extends IllegalArgumentException {

    private final LogState.Horizon horizon;

    CompactedAway(LogPosition asked, LogState.Horizon horizon) {
        super("position " + asked + " is before the event log's compaction snapshot; " + earliest(horizon));
        this.horizon = Objects.requireNonNull(horizon, "horizon");
    }

    CompactedAway(Instant asked, LogState.Horizon horizon) {
        super("moment " + Moments.text(asked) + " is before the event log's compaction snapshot; " + earliest(horizon));
        this.horizon = Objects.requireNonNull(horizon, "horizon");
    }

    /** The earliest position and moment the log can tell the state at. */
    public LogState.Horizon horizon() {
        return horizon;
    }

    private static String earliest(LogState.Horizon horizon) {
        Instant moment = horizon.moment();
        return moment == null
                ? "the earliest exportable position is " + horizon.position()
                        + " (its moment is unknown: ask for a position)"
                : "the earliest exportable moment is " + Moments.text(moment) + " (position " + horizon.position()
                        + ")";
    }
}
