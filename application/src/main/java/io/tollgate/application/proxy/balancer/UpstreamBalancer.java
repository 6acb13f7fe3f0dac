package io.tollgate.application.proxy.balancer;

import io.tollgate.application.port.in.UpstreamPeers;
import io.tollgate.domain.upstream.Upstream;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One upstream's balancer (Kong's per-upstream ring balancer, kong-internals §8.6): its usable targets (latest row
 * per target, weight &gt; 0), the algorithm's {@link Picker}, and the {@link TargetHealth} that takes unhealthy
 * targets out. Immutable apart from lock-free statistics; shared by every request to the upstream.
 */
public final class UpstreamBalancer {

    private final Upstream upstream;
    private final List<BalancerTarget> targets;
    private final Picker picker;
    private final TargetHealth health;
    private final double threshold;
    private final long totalWeight;

    UpstreamBalancer(Upstream upstream, List<BalancerTarget> targets, TargetHealth health) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.targets = List.copyOf(targets);
        this.health = Objects.requireNonNull(health, "health");
        this.picker = Picker.of(upstream.algorithm(), this.targets, upstream.slots());
        this.threshold = upstream.healthchecks().get("threshold") instanceof Number n ? n.doubleValue() : 0;
        this.totalWeight = this.targets.stream().mapToLong(t -> t.weight).sum();
    }

    /** The upstream this balancer serves. */
    public Upstream upstream() {
        return upstream;
    }

    /**
     * Whether {@code other} was built from the same rows: an equal upstream and the same targets (address, weight,
     * peers) in the same order. Live statistics are not compared. For the consistency check of patched balancers.
     */
    boolean sameSource(UpstreamBalancer other) {
        if (!upstream.equals(other.upstream) || targets.size() != other.targets.size()) {
            return false;
        }
        for (int i = 0; i < targets.size(); i++) {
            BalancerTarget mine = targets.get(i);
            BalancerTarget theirs = other.targets.get(i);
            if (!mine.address.equals(theirs.address)
                    || mine.weight != theirs.weight
                    || !mine.httpPeer.equals(theirs.httpPeer)
                    || !mine.httpsPeer.equals(theirs.httpsPeer)) {
                return false;
            }
        }
        return true;
    }

    /** How many targets take traffic (weight &gt; 0). */
    public int size() {
        return targets.size();
    }

    /**
     * The balancer of one request.
     *
     * @param scheme the service's protocol ({@code http}/{@code https}), deciding each peer's default port in Host
     * @param hashKey the request's {@code consistent-hashing} key (see {@link HashKeys}), or {@code null}
     */
    public UpstreamPeers peers(String scheme, @Nullable String hashKey) {
        return new RequestPeers(this, scheme, hashKey);
    }

    List<BalancerTarget> targets() {
        return targets;
    }

    Picker picker() {
        return picker;
    }

    boolean healthy(int index) {
        return health.isHealthy(upstream.id(), targets.get(index).address);
    }

    TargetHealth health() {
        return health;
    }

    /**
     * Kong's {@code healthchecks.threshold}: whether at least that percentage of the total weight is healthy
     * (always true for the default 0). O(n), only when a threshold is set.
     */
    boolean aboveThreshold() {
        if (threshold <= 0 || totalWeight == 0) {
            return true;
        }
        long healthyWeight = 0;
        for (int i = 0; i < targets.size(); i++) {
            if (healthy(i)) {
                healthyWeight += targets.get(i).weight;
            }
        }
        return healthyWeight * 100.0 >= threshold * totalWeight;
    }
}
