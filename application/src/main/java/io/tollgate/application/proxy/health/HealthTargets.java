package io.tollgate.application.proxy.health;

import io.tollgate.application.invalidation.SnapshotHolder;
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
 * changed, here or on another node) it reads all upstreams and targets and hands the complete set to the topology.
 * Starts empty (nothing tracked). Rebuilds, coalescing and failures (the topology keeps the set it has) follow
 * {@link SnapshotHolder}'s policy.
 */
public final class HealthTargets extends SnapshotHolder<List<HealthTopology.UpstreamTargets>> {

    private final EntityStore store;
    private final HealthTopology topology;

    public HealthTargets(EntityStore store, HealthTopology topology) {
        super(VersionKey.HEALTHCHECKS, List.of());
        this.store = Objects.requireNonNull(store, "store");
        this.topology = Objects.requireNonNull(topology, "topology");
    }

    @Override
    protected List<HealthTopology.UpstreamTargets> compile(List<HealthTopology.UpstreamTargets> previous) {
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
        return List.copyOf(all);
    }

    /** Hands the new set to the topology (the health checker). */
    @Override
    protected void onRebuilt(List<HealthTopology.UpstreamTargets> snapshot) {
        topology.track(snapshot);
    }
}
