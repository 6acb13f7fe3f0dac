package io.tollgate.application.proxy.health;

import io.tollgate.application.invalidation.VersionedStructure;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.UpstreamId;
import io.tollgate.domain.upstream.Upstreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Feeds a {@link HealthTopology} from the database: on every {@code healthchecks:version} bump (an upstream or target
 * changed, here or on another node) it reads all upstreams and targets and hands them over. Use it when nothing else
 * (the balancer's rebuild) feeds the checker.
 */
public final class HealthTargets implements VersionedStructure {

    private final EntityStore store;
    private final HealthTopology topology;

    public HealthTargets(EntityStore store, HealthTopology topology) {
        this.store = Objects.requireNonNull(store, "store");
        this.topology = Objects.requireNonNull(topology, "topology");
    }

    @Override
    public VersionKey versionKey() {
        return VersionKey.HEALTHCHECKS;
    }

    /** Reads every upstream and target and tracks them; a database failure keeps the current set. */
    @Override
    public synchronized void rebuild() {
        Map<UpstreamId, List<Target>> byUpstream = new HashMap<>();
        for (Entity entity : store.all(Targets.SCHEMA)) {
            Target target = Target.of(entity);
            byUpstream
                    .computeIfAbsent(target.upstream(), id -> new ArrayList<>())
                    .add(target);
        }
        List<HealthTopology.UpstreamTargets> all = new ArrayList<>();
        for (Entity entity : store.all(Upstreams.SCHEMA)) {
            Upstream upstream = Upstream.of(entity);
            all.add(new HealthTopology.UpstreamTargets(upstream, byUpstream.getOrDefault(upstream.id(), List.of())));
        }
        topology.track(all);
    }
}
