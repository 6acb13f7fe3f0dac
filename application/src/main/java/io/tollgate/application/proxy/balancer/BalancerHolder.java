package io.tollgate.application.proxy.balancer;

import io.tollgate.application.invalidation.SnapshotHolder;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.UpstreamId;
import io.tollgate.domain.upstream.Upstreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * This node's current {@link Balancers}, behind {@code balancer:version} (any upstream or target change): starts
 * {@link Balancers#EMPTY}; a full rebuild reads every upstream and target from the database and compiles them over
 * the previous snapshot, so targets that stay keep their live statistics; a write's change re-reads only the changed
 * upstreams (with their targets) and rebuilds only their balancers ({@link #patch}), so every other upstream keeps
 * its balancer object (round-robin position, statistics). Rebuilds, patches, coalescing and failures follow
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
        List<Balancers.TargetRow> targets =
                store.all(Targets.SCHEMA).stream().map(BalancerHolder::row).toList();
        return Balancers.compile(upstreams, targets, health, previous);
    }

    /**
     * Re-reads each changed upstream (one read by id) with all its target rows (one read by foreign key); a changed
     * target stands for its upstream (the one its row names now, and the one the snapshot knew it under). {@code null}
     * (a full rebuild) for another kind.
     */
    @Override
    protected @Nullable Balancers patch(Balancers current, Set<ChangedEntity> changes) {
        Set<UpstreamId> upstreams = new LinkedHashSet<>();
        List<UUID> goneTargets = new ArrayList<>();
        for (ChangedEntity change : changes) {
            switch (change.kind()) {
                case UPSTREAMS -> upstreams.add(new UpstreamId(change.id()));
                case TARGETS -> {
                    Optional<UpstreamId> known = current.upstreamOfTarget(change.id());
                    Optional<UpstreamId> now = store.find(Targets.SCHEMA, change.id())
                            .map(e -> Target.of(e).upstream());
                    // a row neither read into the snapshot nor there now (created and deleted since) changes nothing
                    known.ifPresent(upstreams::add);
                    now.ifPresentOrElse(upstreams::add, () -> goneTargets.add(change.id()));
                }
                default -> {
                    return null;
                }
            }
        }
        Map<UpstreamId, Optional<Balancers.UpstreamRows>> changed = new HashMap<>();
        for (UpstreamId id : upstreams) {
            changed.put(
                    id,
                    store.find(Upstreams.SCHEMA, id.value())
                            .map(Upstream::of)
                            .map(u -> new Balancers.UpstreamRows(
                                    u,
                                    store.referencing(Targets.SCHEMA, "upstream", id.value()).stream()
                                            .map(BalancerHolder::row)
                                            .toList())));
        }
        return current.patch(changed, goneTargets, health);
    }

    /** The upstreams whose balancers differ, as changed upstreams (the consistency check re-reads them). */
    @Override
    protected Set<ChangedEntity> differences(Balancers patched, Balancers rebuilt) {
        return ChangedEntity.all(EntityKind.UPSTREAMS, patched.differences(rebuilt), UpstreamId::value);
    }

    private static Balancers.TargetRow row(Entity e) {
        return new Balancers.TargetRow(Target.of(e), e.get("created_at") instanceof Number n ? n.doubleValue() : 0);
    }
}
