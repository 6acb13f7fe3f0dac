package io.tollgate.application.proxy.router;

import io.tollgate.application.invalidation.VersionedStructure;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.cache.VersionKey;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.ServiceId;
import io.tollgate.domain.service.Services;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This node's current {@link Router} (Kong's router behind {@code router:version}). Starts empty;
 * {@link #rebuild()} reads every route and service from the database and swaps the new router in. The proxy reads
 * {@link #current()} without locking.
 */
public final class RouterHolder implements VersionedStructure {

    private static final System.Logger LOG = System.getLogger(RouterHolder.class.getName());

    private final EntityStore store;
    private final AtomicReference<Router> current = new AtomicReference<>(Router.EMPTY);
    private final ReentrantLock rebuilding = new ReentrantLock();

    public RouterHolder(EntityStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The router in use now. */
    public Router current() {
        return current.get();
    }

    @Override
    public VersionKey versionKey() {
        return VersionKey.ROUTER;
    }

    /**
     * Rebuilds from the database (blocking; never call it on an I/O thread). Calls are serialised; on failure the
     * current router stays and the error is logged ("stale router will be used", as Kong).
     */
    @Override
    public void rebuild() {
        rebuilding.lock();
        try {
            Map<ServiceId, Service> services = new HashMap<>();
            for (var entity : store.all(Services.SCHEMA)) {
                Service service = Service.of(entity);
                services.put(service.id(), service);
            }
            List<Route> routes = store.all(Routes.SCHEMA).stream().map(Route::of).toList();
            Router router = Router.compile(routes, services);
            current.set(router);
            LOG.log(Level.DEBUG, "router rebuilt with {0} routes", router.size());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not rebuild router (stale router will be used)", e);
        } finally {
            rebuilding.unlock();
        }
    }
}
