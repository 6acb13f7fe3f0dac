package io.tollgate.application.proxy.balancer;

import io.tollgate.application.invalidation.VersionedStructure;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.Upstreams;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This node's current {@link Balancers} (rebuilt on {@code balancer:version} bumps, i.e. any upstream or target
 * change). Starts empty; {@link #rebuild()} reads every upstream and target from the database off the request path
 * and swaps the new snapshot in. The proxy reads {@link #current()} without locking.
 */
public final class BalancerHolder implements VersionedStructure {

    private static final System.Logger LOG = System.getLogger(BalancerHolder.class.getName());

    private final EntityStore store;
    private final TargetHealth health;
    private final AtomicReference<Balancers> current = new AtomicReference<>(Balancers.EMPTY);
    private final ReentrantLock rebuilding = new ReentrantLock();

    /**
     * @param store where upstreams and targets are read from
     * @param health the health checker (e.g. {@link TargetHealth#ALWAYS_HEALTHY})
     */
    public BalancerHolder(EntityStore store, TargetHealth health) {
        this.store = Objects.requireNonNull(store, "store");
        this.health = Objects.requireNonNull(health, "health");
    }

    /** The balancers in use now. */
    public Balancers current() {
        return current.get();
    }

    @Override
    public VersionKey versionKey() {
        return VersionKey.BALANCER;
    }

    /**
     * Rebuilds from the database (blocking; never call it on an I/O thread). Calls are serialised; on failure the
     * current balancers stay and the error is logged.
     */
    @Override
    public void rebuild() {
        rebuilding.lock();
        try {
            List<Upstream> upstreams =
                    store.all(Upstreams.SCHEMA).stream().map(Upstream::of).toList();
            List<Balancers.TargetRow> targets = store.all(Targets.SCHEMA).stream()
                    .map(e -> new Balancers.TargetRow(
                            Target.of(e), e.get("created_at") instanceof Number n ? n.doubleValue() : 0))
                    .toList();
            Balancers balancers = Balancers.compile(upstreams, targets, health, current.get());
            current.set(balancers);
            LOG.log(Level.DEBUG, "balancers rebuilt for {0} upstreams", balancers.size());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not rebuild the balancers (the previous ones stay in use)", e);
            throw e;
        } finally {
            rebuilding.unlock();
        }
    }
}
