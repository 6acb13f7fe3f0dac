package io.tollgate.application.traffic;

import io.tollgate.application.port.TrafficSample;
import io.tollgate.application.port.in.BrowseTraffic;
import io.tollgate.application.port.out.TrafficSamples;
import io.tollgate.application.timer.NodeTimers;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Writes this node's traffic samples on a background thread ({@code traffic_sample_interval}, default 10 s) and
 * answers the cluster's series from the table ({@link BrowseTraffic}). Each run drains the {@link TrafficRecorder},
 * appends the samples and deletes those older than {@link BrowseTraffic#MAX_MINUTES}. While the database is down the
 * samples are dropped: the first failure is logged at WARNING, the next ones not until a write succeeds again
 * (logged at INFO). The proxy never waits on any of this.
 */
public final class TrafficSampling implements BrowseTraffic, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TrafficSampling.class.getName());
    static final Duration KEPT = Duration.ofMinutes(MAX_MINUTES);

    private final TrafficRecorder recorder;
    private final TrafficSamples samples;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private boolean failing;
    private volatile boolean closed;

    /**
     * @param interval {@code traffic_sample_interval}, > 0
     * @throws IllegalArgumentException when {@code interval} is not positive
     */
    public TrafficSampling(TrafficRecorder recorder, TrafficSamples samples, Duration interval, Clock clock) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.samples = Objects.requireNonNull(samples, "samples");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("traffic_sample_interval must be greater than 0, got " + interval);
        }
        this.interval = interval;
        this.scheduler = NodeTimers.scheduler("tollgate-traffic-sampling");
    }

    /** Starts sampling: the first interval ends one interval from now. */
    public void start() {
        long periodMs = Math.max(1, interval.toMillis());
        scheduler.scheduleAtFixedRate(this::sampleSafely, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Closes the current interval now: drains the recorder, writes its samples, prunes the old ones.
     *
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database fails (the samples are lost)
     */
    void sampleOnce() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<TrafficSample> drained = recorder.drain(now, interval.toMillis());
        samples.append(drained);
        samples.deleteBefore(now.minus(KEPT));
    }

    private void sampleSafely() {
        try {
            sampleOnce();
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "traffic samples are written again");
            }
        } catch (RuntimeException e) {
            if (closed) {
                return; // interrupted by close(): the node is stopping, nothing went wrong
            }
            if (!failing) {
                failing = true;
                LOG.log(
                        Level.WARNING,
                        "could not write the traffic samples, dropping them until the database answers again: " + e);
            }
        }
    }

    @Override
    public long intervalSeconds() {
        return Math.max(1, interval.toSeconds());
    }

    @Override
    public List<Series> traffic(int minutes, @Nullable UUID nodeId, @Nullable UUID serviceId) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("minutes must be between 1 and " + MAX_MINUTES);
        }
        Instant since = clock.instant().minus(Duration.ofMinutes(minutes));
        List<Series> series = new ArrayList<>();
        List<TrafficSample> current = new ArrayList<>();
        for (TrafficSample sample : samples.since(since, nodeId, serviceId)) {
            if (!current.isEmpty() && !sameSeries(current.getFirst(), sample)) {
                series.add(of(current));
                current = new ArrayList<>();
            }
            current.add(sample);
        }
        if (!current.isEmpty()) {
            series.add(of(current));
        }
        return series;
    }

    private static boolean sameSeries(TrafficSample a, TrafficSample b) {
        return a.nodeId().equals(b.nodeId()) && Objects.equals(a.serviceId(), b.serviceId());
    }

    private static Series of(List<TrafficSample> points) {
        TrafficSample first = points.getFirst();
        return new Series(first.nodeId(), first.serviceId(), points);
    }

    /** Stops sampling (the current interval's traffic is not written). */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
    }
}
