package io.tollgate.application.port.out;

import io.tollgate.domain.event.ClusterEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event read back from the log: where it is, which node wrote it (so that node can skip it), when it was
 * appended, and the event itself.
 */
public record LoggedEvent(LogPosition position, UUID nodeId, Instant occurredAt, ClusterEvent event) {
    public LoggedEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(event, "event");
    }
}
