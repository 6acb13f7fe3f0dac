package io.tollgate.application.traffic;

import io.tollgate.application.port.TrafficSample;
import io.tollgate.application.port.in.RecordTraffic;
import io.tollgate.domain.service.ServiceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * This node's traffic, aggregated in memory ({@link RecordTraffic}): one set of counters for the node's whole traffic
 * and one per service that saw traffic. A request costs a few atomic increments and one map lookup by service id,
 * whatever the number of services; only a service's first request allocates (its counters).
 *
 * <p>{@link #drain} closes an interval: it reads every series' cumulative counters and returns what changed since the
 * previous drain as samples (the node's series always, a service's only when it saw requests). Only one thread may
 * drain (the sampling schedule). A service without requests for {@link #FORGET_AFTER} drains is forgotten.
 */
public final class TrafficRecorder implements RecordTraffic {

    private static final long NO_LAG = -1;
    /** Drains without a request before a service's counters are dropped: an hour of 10 s intervals. */
    static final int FORGET_AFTER = 360;

    private final UUID nodeId;
    private final TrafficCounters node = new TrafficCounters();
    private final ConcurrentHashMap<UUID, TrafficCounters> services = new ConcurrentHashMap<>();
    private final AtomicLong maxLagMs = new AtomicLong(NO_LAG);
    /** The counters at the previous drain; touched by the draining thread only. */
    private TrafficCounters.Snapshot lastNode = TrafficCounters.Snapshot.ZERO;

    private final Map<UUID, TrafficCounters.Snapshot> lastServices = new HashMap<>();
    /** Consecutive drains without a request, per service; touched by the draining thread only. */
    private final Map<UUID, Integer> idle = new HashMap<>();

    private final int forgetAfter;

    /** @param nodeId this node, named in its samples */
    public TrafficRecorder(UUID nodeId) {
        this(nodeId, FORGET_AFTER);
    }

    /**
     * @param forgetAfter drains without a request after which a service's counters are dropped (a deleted service
     *     does not stay in memory; a request racing with the drop may go uncounted), > 0
     */
    TrafficRecorder(UUID nodeId, int forgetAfter) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.forgetAfter = forgetAfter;
    }

    @Override
    public void proxied(@Nullable ServiceId service, int status, long latencyMs) {
        node.record(status, latencyMs);
        if (service != null) {
            UUID id = service.value();
            TrafficCounters counters = services.get(id);
            if (counters == null) {
                counters = services.computeIfAbsent(id, s -> new TrafficCounters());
            }
            counters.record(status, latencyMs);
        }
    }

    @Override
    public void propagated(long lagMs) {
        maxLagMs.accumulateAndGet(Math.max(0, lagMs), Math::max);
    }

    /**
     * Closes the interval ending at {@code at}: the node's sample, then one per service with requests in it.
     *
     * @param intervalMs the interval's length, > 0 (for requests per second)
     */
    public List<TrafficSample> drain(Instant at, long intervalMs) {
        List<TrafficSample> samples = new ArrayList<>();
        long lag = maxLagMs.getAndSet(NO_LAG);
        TrafficCounters.Snapshot now = node.snapshot();
        samples.add(sample(null, at, intervalMs, now.minus(lastNode), lag == NO_LAG ? null : (double) lag));
        lastNode = now;
        services.forEach((id, counters) -> {
            TrafficCounters.Snapshot current = counters.snapshot();
            TrafficCounters.Snapshot delta =
                    current.minus(lastServices.getOrDefault(id, TrafficCounters.Snapshot.ZERO));
            lastServices.put(id, current);
            if (delta.requests() > 0) {
                samples.add(sample(id, at, intervalMs, delta, null));
                idle.remove(id);
            } else if (idle.merge(id, 1, Integer::sum) >= forgetAfter) {
                services.remove(id, counters);
                lastServices.remove(id);
                idle.remove(id);
            }
        });
        return samples;
    }

    private TrafficSample sample(
            @Nullable UUID service,
            Instant at,
            long intervalMs,
            TrafficCounters.Snapshot delta,
            @Nullable Double lagMs) {
        return new TrafficSample(
                nodeId,
                service,
                at,
                intervalMs,
                delta.requests(),
                delta.errors(),
                LatencyHistogram.percentile(delta.buckets(), 0.50),
                LatencyHistogram.percentile(delta.buckets(), 0.95),
                LatencyHistogram.percentile(delta.buckets(), 0.99),
                lagMs);
    }
}
