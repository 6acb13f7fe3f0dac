package io.tollgate.domain.event;

import java.util.Objects;

/**
 * An operator changed the log level of every node through the Admin API ({@code PUT /debug/cluster/log-level/{level}},
 * Kong's dynamic log level broadcast on its {@code debug:log_level} cluster channel); Tollgate appends it to the event
 * log so every other node applies it after its next poll. It changes no entity and invalidates no cache key.
 *
 * @param level one of Kong's log levels ({@code debug} … {@code emerg})
 * @param timeoutSeconds how long the level holds before each node returns to its configured {@code log_level}, >= 0
 */
public record LogLevelChanged(String level, long timeoutSeconds) implements ClusterEvent {
    public LogLevelChanged {
        Objects.requireNonNull(level, "level");
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeout must be greater than or equal to 0");
        }
    }
}
