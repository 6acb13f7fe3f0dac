package io.tollgate.application.port.in;

import io.tollgate.application.port.TrafficSample;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The cluster's traffic over the last hour, from the samples every node writes ({@code GET /clustering/traffic}):
 * one series per node (its whole proxied traffic) and one per node and service, oldest point first. Reads the
 * database: throws {@link io.tollgate.application.port.DatabaseUnavailable} when it fails.
 */
public interface BrowseTraffic {

    /** Minutes of history kept and answerable. */
    int MAX_MINUTES = 60;

    /** The length of one sampling interval of this node, in seconds (the cluster's nodes share it by convention). */
    long intervalSeconds();

    /**
     * The series of the last {@code minutes}.
     *
     * @param minutes 1 to {@link #MAX_MINUTES}
     * @param nodeId only this node's series, or {@code null}
     * @param serviceId only this service's series, or {@code null} (every node's whole traffic and every service)
     * @throws IllegalArgumentException when {@code minutes} is out of range
     */
    List<Series> traffic(int minutes, @Nullable UUID nodeId, @Nullable UUID serviceId);

    /**
     * One series: a node's whole traffic ({@code serviceId} {@code null}) or its traffic to one service.
     *
     * @param points oldest first
     */
    record Series(UUID nodeId, @Nullable UUID serviceId, List<TrafficSample> points) {
        public Series {
            points = List.copyOf(points);
        }
    }
}
