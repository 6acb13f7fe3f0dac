package io.tollgate.application.port.out;

import io.tollgate.domain.cache.InvalidationEvent;
import java.util.Objects;
import java.util.UUID;

/**
 * An event read back from the log: where it is, which node wrote it (so that node can skip it), and the
 * invalidation it implies.
 */
public record LoggedEvent(LogPosition position, UUID nodeId, InvalidationEvent invalidation) {
    public LoggedEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(invalidation, "invalidation");
    }
}
