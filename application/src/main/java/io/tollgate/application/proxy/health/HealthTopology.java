package io.tollgate.application.proxy.health;

import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Upstream;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What the health checker watches: every upstream with its targets. Whoever rebuilds the node's view of upstreams
 * (the balancer, or {@link HealthTargets} on {@code healthchecks:version} bumps) hands the complete new set here
 * after each rebuild; the checker keeps the state of targets it already knew (same upstream id and {@code host:port})
 * and forgets the rest.
 */
public interface HealthTopology {

    /**
     * Replaces the watched set. Safe to call from any thread; never blocks on I/O.
     *
     * @param upstreams every upstream of the node, each with all of its targets
     */
    void track(Collection<UpstreamTargets> upstreams);

    /** One upstream and its targets. */
    record UpstreamTargets(Upstream upstream, List<Target> targets) {
        public UpstreamTargets {
            Objects.requireNonNull(upstream, "upstream");
            targets = List.copyOf(targets);
        }
    }
}
