package io.tollgate.application.port.in;

import java.time.Duration;

/** Kong's cluster-wide dynamic log level ({@code PUT /debug/cluster/log-level/{level}}): every node of the cluster. */
public interface ClusterLogLevel {

    /**
     * Sets {@code level} for {@code timeout} on this node and on every other one (after its next poll of the event
     * log), each then back at its own configured {@code log_level}.
     *
     * @param level one of {@link NodeLogLevel#LEVELS}
     * @param timeout how long the level holds, not negative
     * @throws IllegalArgumentException for a level not in {@link NodeLogLevel#LEVELS} or a negative timeout
     */
    void changeEverywhere(String level, Duration timeout);
}
