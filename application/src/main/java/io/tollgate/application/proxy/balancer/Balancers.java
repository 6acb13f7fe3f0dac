package io.tollgate.application.proxy.balancer;

import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.UpstreamId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of this node's balancers, one per upstream, looked up by upstream name (a service's
 * {@code host}, case-insensitive) in O(1).
 */
public final class Balancers {

    /** No upstreams. */
    public static final Balancers EMPTY = new Balancers(Map.of());

    private final Map<String, UpstreamBalancer> byName;

    private Balancers(Map<String, UpstreamBalancer> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * Compiles the balancers.
     *
     * @param upstreams every upstream
     * @param targets every target row with its {@code created_at} (seconds); for one upstream and address the latest
     *        row wins (Kong's target history semantics), and a weight of 0 takes the address out
     * @param health the health checker the balancers consult
     * @param previous the snapshot being replaced: targets that stay keep their live statistics
     */
    public static Balancers compile(
            Collection<Upstream> upstreams, Collection<TargetRow> targets, TargetHealth health, Balancers previous) {
        Map<UpstreamId, Map<String, TargetRow>> latest = new HashMap<>();
        for (TargetRow row : targets) {
            Target t = row.target();
            String address = new io.tollgate.application.port.in.UpstreamPeers.Peer(t.host(), t.port(), "").address();
            latest.computeIfAbsent(t.upstream(), u -> new LinkedHashMap<>())
                    .merge(address, row, (a, b) -> b.createdAt() >= a.createdAt() ? b : a);
        }
        Map<String, UpstreamBalancer> byName = new HashMap<>();
        for (Upstream upstream : upstreams) {
            UpstreamBalancer old = previous.byName.get(key(upstream.name()));
            Map<String, BalancerTarget.Stats> carried = new HashMap<>();
            if (old != null && old.upstream().id().equals(upstream.id())) {
                old.targets().forEach(t -> carried.put(t.address, t.stats));
            }
            List<BalancerTarget> compiled = new ArrayList<>();
            latest.getOrDefault(upstream.id(), Map.of()).forEach((address, row) -> {
                Target t = row.target();
                if (t.weight() > 0) {
                    compiled.add(new BalancerTarget(
                            t.host(),
                            t.port(),
                            t.weight(),
                            upstream.hostHeader(),
                            carried.getOrDefault(address, new BalancerTarget.Stats())));
                }
            });
            byName.put(key(upstream.name()), new UpstreamBalancer(upstream, compiled, health));
        }
        return new Balancers(byName);
    }

    /** The balancer of the upstream named {@code host}, if there is one. */
    public Optional<UpstreamBalancer> find(String host) {
        return Optional.ofNullable(byName.get(key(host)));
    }

    /** How many upstreams have a balancer. */
    public int size() {
        return byName.size();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * A target row as the balancer reads it.
     *
     * @param createdAt the row's {@code created_at}, seconds (orders rows of one address)
     */
    public record TargetRow(Target target, double createdAt) {}
}
