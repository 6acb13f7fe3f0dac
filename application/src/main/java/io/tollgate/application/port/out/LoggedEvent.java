package io.tollgate.application.port.out;

import io.tollgate.domain.cache.InvalidationEvent;
import io.tollgate.domain.upstream.TargetHealthSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event read back from the log: where it is, which node wrote it (so that node can skip it), the invalidation it
 * implies and, for a forced target health ({@link EventLog#appendHealth}), that health (then the invalidation is
 * empty).
 */
public record LoggedEvent(
        LogPosition position,
        UUID nodeId,
        InvalidationEvent invalidation,
        @Nullable TargetHealthSet health) {
    public LoggedEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(invalidation, "invalidation");
    }

    /** An entity change's event. */
    public LoggedEvent(LogPosition position, UUID nodeId, InvalidationEvent invalidation) {
        this(position, nodeId, invalidation, null);
    }

    /** A forced target health's event. */
    public static LoggedEvent ofHealth(LogPosition position, UUID nodeId, TargetHealthSet health) {
        return new LoggedEvent(
                position, nodeId, new InvalidationEvent(List.of(), Set.of()), Objects.requireNonNull(health, "health"));
    }
}
