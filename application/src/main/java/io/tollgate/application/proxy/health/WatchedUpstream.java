package io.tollgate.application.proxy.health;

import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Upstream;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * One upstream as the checker watches it: its settings and one atomically updated {@link TargetState} per target,
 * keyed by Kong's {@code host:port}. Immutable apart from the states.
 */
record WatchedUpstream(Upstream upstream, CheckSettings settings, boolean inUse, Map<String, Cell> targets) {

    private static final System.Logger LOG = System.getLogger(HealthChecker.class.getName());

    WatchedUpstream {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(settings, "settings");
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    /** One target and its state; the state object survives rebuilds that keep the target. */
    record Cell(Target target, String address, AtomicReference<TargetState> state) {

        static Cell fresh(Target target) {
            return new Cell(target, address(target), new AtomicReference<>(TargetState.INITIAL));
        }

        static String address(Target target) {
            return new Peer(target.host(), target.port(), target.host()).address();
        }

        /** Applies {@code change} atomically (lock-free) and logs a change of availability. */
        void update(String upstreamName, UnaryOperator<TargetState> change) {
            TargetState before;
            TargetState after;
            do {
                before = state.get();
                after = change.apply(before);
            } while (before != after && !state.compareAndSet(before, after));
            if (before.available() != after.available()) {
                LOG.log(
                        Level.WARNING,
                        "[healthchecks] " + upstreamName + " target " + address + " is now "
                                + (after.available() ? "healthy" : "unhealthy"));
            }
        }
    }
}
