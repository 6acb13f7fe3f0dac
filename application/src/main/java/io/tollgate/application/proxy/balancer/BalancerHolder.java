package io.tollgate.application.proxy.balancer;

import io.tollgate.application.invalidation.SnapshotHolder;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.Upstreams;
import java.util.List;
import java.util.Objects;

/**
 * This node's current {@link Balancers}, behind {@code balancer:version} (any upstream or target change): starts
 * {@link Balancers#EMPTY}; each rebuild reads every upstream and target from the database and compiles them over
 * the previous snapshot, so targets that stay keep their live statistics. Rebuilds, coalescing and failures follow
 * {@link SnapshotHolder}'s policy.
 */
public final class BalancerHolder extends SnapshotHolder<Balancers> {

    private final EntityStore store;
    private final TargetHealth health;

    /**
     * @param store where upstreams and targets are read from
     * @param health the health checker (e.g. {@link TargetHealth#ALWAYS_HEALTHY})
     */
    public BalancerHolder(EntityStore store, TargetHealth health) {
        super(VersionKey.BALANCER, Balancers.EMPTY);
        this.store = Objects.requireNonNull(store, "store");
        this.health = Objects.requireNonNull(health, "health");
    }

    @Override
    protected Balancers compile(Balancers previous) {
        List<Upstream> upstreams =
                store.all(Upstreams.SCHEMA).stream().map(Upstream::of).toList();
        List<Balancers.TargetRow> targets = store.all(Targets.SCHEMA).stream()
                .map(e -> new Balancers.TargetRow(
                        Target.of(e), e.get("created_at") instanceof Number n ? n.doubleValue() : 0))
                .toList();
        return Balancers.compile(upstreams, targets, health, previous);
    }
}
