package io.tollgate.application.proxy.balancer;

import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.UpstreamId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * An immutable snapshot of this node's balancers, one per upstream, looked up by upstream name (a service's
 * {@code host}, case-insensitive) in O(1). Besides the flat lookup map it remembers which upstream each target row
 * belongs to (a persistent map, for {@link #patch} only: a deleted target's row no longer says).
 */
public final class Balancers {

    /** No upstreams. */
    public static final Balancers EMPTY = new Balancers(Map.of(), HashTreePMap.empty());

    private final Map<String, UpstreamBalancer> byName;
    private final PMap<UUID, UpstreamId> targetUpstreams;

    private Balancers(Map<String, UpstreamBalancer> byName, PMap<UUID, UpstreamId> targetUpstreams) {
        this.byName = Map.copyOf(byName);
        this.targetUpstreams = targetUpstreams;
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
        Map<UpstreamId, List<TargetRow>> rows = new HashMap<>();
        Map<UUID, UpstreamId> targetUpstreams = new HashMap<>();
        for (TargetRow row : targets) {
            rows.computeIfAbsent(row.target().upstream(), u -> new ArrayList<>())
                    .add(row);
            targetUpstreams.put(row.target().id().value(), row.target().upstream());
        }
        Map<String, UpstreamBalancer> byName = new HashMap<>();
        for (Upstream upstream : upstreams) {
            byName.put(
                    key(upstream.name()),
                    balancer(upstream, rows.getOrDefault(upstream.id(), List.of()), health, previous));
        }
        return new Balancers(byName, HashTreePMap.from(targetUpstreams));
    }

    /**
     * This snapshot with some upstreams' balancers rebuilt, as {@link #compile} would build them now; every other
     * balancer is the same object (its round-robin position and statistics untouched). Targets that stay in a rebuilt
     * upstream keep their live statistics. O(changed rows) plus one copy of the flat name map; reads nothing.
     *
     * @param changed each changed upstream's state now: its row and all its target rows, or empty when it is gone
     * @param goneTargets ids of target rows deleted (their upstream is among {@code changed})
     * @param health the health checker the balancers consult
     */
    public Balancers patch(
            Map<UpstreamId, Optional<UpstreamRows>> changed, Collection<UUID> goneTargets, TargetHealth health) {
        Map<String, UpstreamBalancer> next = new HashMap<>(byName);
        next.values().removeIf(b -> changed.containsKey(b.upstream().id()));
        PMap<UUID, UpstreamId> targets = targetUpstreams.minusAll(goneTargets);
        for (Optional<UpstreamRows> now : changed.values()) {
            if (now.isPresent()) {
                Upstream upstream = now.get().upstream();
                next.put(key(upstream.name()), balancer(upstream, now.get().targets(), health, this));
                for (TargetRow row : now.get().targets()) {
                    targets = targets.plus(row.target().id().value(), upstream.id());
                }
            }
        }
        return new Balancers(next, targets);
    }

    /** The upstream a target row of this snapshot belongs to, if the row was read into it. */
    public Optional<UpstreamId> upstreamOfTarget(UUID targetId) {
        return Optional.ofNullable(targetUpstreams.get(targetId));
    }

    /**
     * The upstreams whose balancers differ between this snapshot and {@code other} (in one only, or with another
     * upstream row or other targets, weights or order), for the consistency check of a patched snapshot.
     */
    public Set<UpstreamId> differences(Balancers other) {
        Set<UpstreamId> differ = new HashSet<>();
        byName.forEach((name, mine) -> {
            UpstreamBalancer theirs = other.byName.get(name);
            if (theirs == null || !mine.sameSource(theirs)) {
                differ.add(mine.upstream().id());
            }
        });
        other.byName.forEach((name, theirs) -> {
            if (!byName.containsKey(name)) {
                differ.add(theirs.upstream().id());
            }
        });
        return differ;
    }

    /** One upstream's balancer from its target rows; targets that stay keep their statistics from {@code previous}. */
    private static UpstreamBalancer balancer(
            Upstream upstream, List<TargetRow> rows, TargetHealth health, Balancers previous) {
        Map<String, TargetRow> latest = new LinkedHashMap<>();
        for (TargetRow row : rows) {
            Target t = row.target();
            String address = new io.tollgate.application.port.in.UpstreamPeers.Peer(t.host(), t.port(), "").address();
            latest.merge(address, row, (a, b) -> b.createdAt() >= a.createdAt() ? b : a);
        }
        UpstreamBalancer old = previous.byName.get(key(upstream.name()));
        Map<String, BalancerTarget.Stats> carried = new HashMap<>();
        if (old != null && old.upstream().id().equals(upstream.id())) {
            old.targets().forEach(t -> carried.put(t.address, t.stats));
        }
        List<BalancerTarget> compiled = new ArrayList<>();
        latest.forEach((address, row) -> {
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
        return new UpstreamBalancer(upstream, compiled, health);
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

    /**
     * One upstream's rows as a patch reads them.
     *
     * @param targets every target row of the upstream, in primary-key order (as {@link #compile} sees them)
     */
    public record UpstreamRows(Upstream upstream, List<TargetRow> targets) {
        public UpstreamRows {
            targets = List.copyOf(targets);
        }
    }
}
