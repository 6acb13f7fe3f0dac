package io.tollgate.application.proxy.health;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.out.HealthProbes;
import io.tollgate.application.timer.NodeTimers;
import io.tollgate.domain.net.HostAddress;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kong's active health checks: per upstream, one recurring round every {@code healthy.interval} over the available
 * targets (healthy or mostly healthy) and one every {@code unhealthy.interval} over the others, each probing at most
 * {@code concurrency} targets at once. A round still running when the next is due makes that one skip. Targets of
 * weight 0 are not probed (Kong does not add them to the checker). Probes are asynchronous; only the scheduling runs
 * on this class's single daemon thread.
 */
final class ActiveChecks implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ActiveChecks.class.getName());

    private final HealthProbes probes;
    private final ScheduledExecutorService scheduler = NodeTimers.scheduler("tollgate-health-checks");
    private final List<ScheduledFuture<?>> rounds = new ArrayList<>();

    ActiveChecks(HealthProbes probes) {
        this.probes = probes;
    }

    /** Replaces every scheduled round with rounds for {@code upstreams}. */
    synchronized void schedule(Collection<WatchedUpstream> upstreams) {
        rounds.forEach(f -> f.cancel(false));
        rounds.clear();
        if (scheduler.isShutdown()) {
            return;
        }
        for (WatchedUpstream upstream : upstreams) {
            CheckSettings.Active settings = upstream.settings().active();
            every(settings.healthyInterval(), new Round(upstream, true));
            every(settings.unhealthyInterval(), new Round(upstream, false));
        }
    }

    private void every(Duration interval, Round round) {
        if (interval.isPositive()) {
            long ms = Math.max(1, interval.toMillis());
            rounds.add(scheduler.scheduleWithFixedDelay(round::start, ms, ms, TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public synchronized void close() {
        rounds.forEach(f -> f.cancel(false));
        rounds.clear();
        scheduler.shutdownNow();
    }

    /** Kong's probe {@code Host}: the upstream's {@code host_header}, else the target's host, without port. */
    private static String hostHeader(WatchedUpstream upstream, WatchedUpstream.Cell cell) {
        String configured = upstream.upstream().hostHeader();
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        return HostAddress.bracketed(cell.target().host());
    }

    /** The probes of one upstream's available ({@code healthy}) or unavailable targets. */
    private final class Round {
        private final WatchedUpstream upstream;
        private final boolean available;
        private final AtomicBoolean running = new AtomicBoolean();

        Round(WatchedUpstream upstream, boolean available) {
            this.upstream = upstream;
            this.available = available;
        }

        void start() {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            Queue<WatchedUpstream.Cell> due = new ConcurrentLinkedQueue<>();
            for (WatchedUpstream.Cell cell : upstream.targets().values()) {
                if (cell.target().weight() > 0 && cell.state().get().available() == available) {
                    due.add(cell);
                }
            }
            if (due.isEmpty()) {
                running.set(false);
                return;
            }
            int lanes = Math.max(1, Math.min(upstream.settings().active().concurrency(), due.size()));
            AtomicInteger open = new AtomicInteger(lanes);
            for (int i = 0; i < lanes; i++) {
                next(due, open);
            }
        }

        private void next(Queue<WatchedUpstream.Cell> due, AtomicInteger open) {
            WatchedUpstream.Cell cell = due.poll();
            if (cell == null) {
                if (open.decrementAndGet() == 0) {
                    running.set(false);
                }
                return;
            }
            CheckSettings.Active settings = upstream.settings().active();
            HealthProbes.Probe probe = new HealthProbes.Probe(
                    settings.type(),
                    cell.target().host(),
                    cell.target().port(),
                    settings.httpPath(),
                    settings.timeout(),
                    settings.headers(),
                    settings.httpsSni(),
                    settings.httpsVerifyCertificate(),
                    hostHeader(upstream, cell));
            try {
                probes.probe(probe).whenComplete((outcome, error) -> {
                    PeerOutcome counted = outcome != null ? outcome : PeerOutcome.tcpError(0);
                    if (error != null) {
                        LOG.log(Level.DEBUG, "health probe of " + cell.address() + " failed: " + error);
                    }
                    cell.update(upstream.upstream().name(), s -> count(s, counted, settings));
                    next(due, open);
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not start a health probe of " + cell.address() + ": " + e);
                cell.update(upstream.upstream().name(), s -> count(s, PeerOutcome.tcpError(0), settings));
                next(due, open);
            }
        }
    }

    /** A {@code tcp} probe that connected is a success; other outcomes count as {@link TargetState#report} says. */
    static TargetState count(TargetState state, PeerOutcome outcome, CheckSettings.Active settings) {
        if (settings.type().equals("tcp") && outcome.kind() == PeerOutcome.Kind.RESPONSE) {
            return state.success(settings.counters().successes());
        }
        return state.report(outcome, settings.counters());
    }
}
