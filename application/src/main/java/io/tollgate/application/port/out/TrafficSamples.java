package io.tollgate.application.port.out;

import io.tollgate.application.port.TrafficSample;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The cluster's traffic samples ({@code traffic_samples}): every node appends its own, any node reads everyone's.
 * Every method throws {@link io.tollgate.application.port.DatabaseUnavailable} when the database fails.
 */
public interface TrafficSamples {

    /** Stores the samples of one interval (nothing when empty), in one statement. */
    void append(List<TrafficSample> samples);

    /**
     * The samples taken at or after {@code since}, ordered by node, then service (the node's whole traffic first),
     * then time, oldest first.
     *
     * @param nodeId only this node's samples, or {@code null} for every node
     * @param serviceId only this service's samples (without the nodes' whole-traffic series), or {@code null} for all
     */
    List<TrafficSample> since(Instant since, @Nullable UUID nodeId, @Nullable UUID serviceId);

    /** Deletes the samples taken before {@code before}; returns how many. */
    int deleteBefore(Instant before);
}
