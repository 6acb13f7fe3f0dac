package io.tollgate.application.port;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One node's traffic during one sampling interval, as {@code traffic_samples} stores it: the node's whole proxied
 * traffic ({@code serviceId} {@code null}) or its traffic to one service.
 *
 * @param nodeId the node that proxied the requests
 * @param serviceId the service the requests were forwarded to, or {@code null} for all the node's traffic
 * @param at the end of the interval (the node's clock, millisecond precision)
 * @param intervalMs the interval's length in ms (> 0)
 * @param requests requests completed during the interval
 * @param errors of those, responses with a status of 500 or more
 * @param p50Ms median of Kong's request latency ({@code latencies.request}), ms; 0 without requests
 * @param p95Ms 95th percentile, ms
 * @param p99Ms 99th percentile, ms
 * @param propagationLagMs the largest delay, in ms, between an event's append to the log and its application on the
 *     node during the interval; {@code null} when the node applied nothing (always {@code null} on service series)
 */
public record TrafficSample(
        UUID nodeId,
        @Nullable UUID serviceId,
        Instant at,
        long intervalMs,
        long requests,
        long errors,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        @Nullable Double propagationLagMs) {

    public TrafficSample {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(at, "at");
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("intervalMs must be greater than 0, got " + intervalMs);
        }
    }
}
