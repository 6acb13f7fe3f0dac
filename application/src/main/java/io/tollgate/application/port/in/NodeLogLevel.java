package io.tollgate.application.port.in;

import java.time.Duration;
import java.util.List;

/**
 * This node's log level, changed at run time (Kong's dynamic log level, {@code /debug/node/log-level}). Levels are
 * Kong's (nginx's error-log severities): a change lasts for its timeout, then the node is back at the configured
 * {@code log_level}.
 */
public interface NodeLogLevel {

    /** Kong's log levels, most verbose first. */
    List<String> LEVELS = List.of("debug", "info", "notice", "warn", "error", "crit", "alert", "emerg");

    /** @return the level in force now, one of {@link #LEVELS} */
    String current();

    /**
     * Sets the level in force for {@code timeout}, after which it goes back to the configured one; a later change
     * replaces this one and its timeout.
     *
     * @param level one of {@link #LEVELS}
     * @param timeout how long the level holds, not negative ({@link Duration#ZERO}: back at once)
     * @throws IllegalArgumentException for a level not in {@link #LEVELS} or a negative timeout
     */
    void change(String level, Duration timeout);
}
