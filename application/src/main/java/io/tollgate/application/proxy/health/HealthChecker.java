package io.tollgate.application.proxy.health;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.out.HealthProbes;
import io.tollgate.application.proxy.balancer.TargetHealth;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.UpstreamId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * This node's health checker (Kong's per-upstream lua-resty-healthcheck instances, kong-internals §8.7): passive
 * checks count every proxied try the balancer {@linkplain #report reports}, active checks probe targets through
 * {@link HealthProbes} every {@code healthy.interval} / {@code unhealthy.interval} seconds, and operators force states
 * ({@link #apply}). Only upstreams whose health checks are in use (an active interval or a passive failure counter
 * set) are checked; every other target, and any target the checker was not told about, is healthy.
 *
 * <p>{@link #isHealthy} and {@link #report} run on proxy I/O threads: they read one immutable map (swapped by
 * {@link #track}) and update one target's state with a compare-and-set, without locks or I/O.
 *
 * <p>Wiring: feed it the node's upstreams and targets through {@link HealthTopology#track} after each rebuild; give it
 * to the balancer as its {@link TargetHealth}; hand it the {@link TargetHealthForced} events other nodes append
 * ({@link #apply}, an {@code InvalidationFollower} listener); {@link #close} it when the node stops.
 */
public final class HealthChecker implements TargetHealth, HealthTopology, Consumer<TargetHealthForced>, AutoCloseable {

    private final ActiveChecks active;
    private volatile Map<UpstreamId, WatchedUpstream> upstreams = Map.of();

    /** A checker whose active probes go through {@code probes} (run on its own scheduler thread). */
    public HealthChecker(HealthProbes probes) {
        this.active = new ActiveChecks(Objects.requireNonNull(probes, "probes"));
    }

    @Override
    public boolean isHealthy(UpstreamId upstream, String target) {
        WatchedUpstream watched = upstreams.get(upstream);
        if (watched == null || !watched.inUse()) {
            return true;
        }
        WatchedUpstream.Cell cell = watched.targets().get(target);
        return cell == null || cell.state().get().available();
    }

    @Override
    public void report(UpstreamId upstream, String target, PeerOutcome outcome) {
        WatchedUpstream watched = upstreams.get(upstream);
        if (watched == null || !watched.inUse()) {
            return;
        }
        WatchedUpstream.Cell cell = watched.targets().get(target);
        if (cell != null) {
            CheckSettings.Counters passive = watched.settings().passive();
            cell.update(watched.upstream().name(), s -> s.report(outcome, passive));
        }
    }

    @Override
    public synchronized void track(Collection<UpstreamTargets> all) {
        Map<UpstreamId, WatchedUpstream> previous = upstreams;
        Map<UpstreamId, WatchedUpstream> next = new HashMap<>();
        for (UpstreamTargets entry : all) {
            WatchedUpstream before = previous.get(entry.upstream().id());
            Map<String, WatchedUpstream.Cell> cells = new LinkedHashMap<>();
            for (Target target : entry.targets()) {
                String address = WatchedUpstream.Cell.address(target);
                WatchedUpstream.Cell old =
                        before == null ? null : before.targets().get(address);
                cells.put(
                        address,
                        old == null
                                ? WatchedUpstream.Cell.fresh(target)
                                : new WatchedUpstream.Cell(target, address, old.state()));
            }
            CheckSettings settings = CheckSettings.of(entry.upstream());
            next.put(entry.upstream().id(), new WatchedUpstream(entry.upstream(), settings, settings.inUse(), cells));
        }
        upstreams = Map.copyOf(next);
        active.schedule(upstreams.values());
    }

    /**
     * Forces a target's health (an operator's {@code healthy} / {@code unhealthy}, from this node or another): its
     * counters restart from zero. A target this node does not watch, or an {@code ip} that is not the target's own
     * address, is ignored (Kong: "trying to set status for a target that is not in the list").
     */
    @Override
    public void accept(TargetHealthForced event) {
        apply(event);
    }

    /**
     * Same as {@link #accept}.
     *
     * @return whether a watched target's state was set
     */
    public boolean apply(TargetHealthForced event) {
        WatchedUpstream watched = upstreams.get(event.upstream());
        WatchedUpstream.Cell cell = watched == null ? null : watched.targets().get(event.address());
        if (cell == null || !addressMatches(cell, event.ip())) {
            return false;
        }
        cell.update(watched.upstream().name(), s -> TargetState.forced(event.healthy()));
        return true;
    }

    private static boolean addressMatches(WatchedUpstream.Cell cell, @Nullable String ip) {
        if (ip == null) {
            return true;
        }
        String host = cell.target().host();
        boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        // A name target's addresses are resolved by the balancer, not tracked one by one: the whole target is set.
        return !literal || ip.equals(host) || ip.equals(cell.address()) || ip.equals("[" + host + "]");
    }

    /** Whether the upstream's health checks are in use on this node (Kong: it has a health checker). */
    public boolean inUse(UpstreamId upstream) {
        WatchedUpstream watched = upstreams.get(upstream);
        return watched != null && watched.inUse();
    }

    /**
     * The state of a watched target.
     *
     * @param address Kong's {@code host:port}
     * @return empty when the checker does not watch that target
     */
    public Optional<TargetState> state(UpstreamId upstream, String address) {
        WatchedUpstream watched = upstreams.get(upstream);
        WatchedUpstream.Cell cell = watched == null ? null : watched.targets().get(address);
        return cell == null ? Optional.empty() : Optional.of(cell.state().get());
    }

    /** The watched upstream's settings, empty when the checker does not know the upstream. */
    public Optional<CheckSettings> settings(UpstreamId upstream) {
        return Optional.ofNullable(upstreams.get(upstream)).map(WatchedUpstream::settings);
    }

    /** Stops the active probes (the node is stopping). */
    @Override
    public void close() {
        active.close();
    }
}
