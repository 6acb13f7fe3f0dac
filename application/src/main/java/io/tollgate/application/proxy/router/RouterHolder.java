package io.tollgate.application.proxy.router;

import io.tollgate.application.invalidation.VersionedStructure;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.ServiceId;
import io.tollgate.domain.service.Services;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This node's current {@link Router} (Kong's router behind {@code router:version}). Starts empty;
 * {@link #rebuild()} reads every route and service from the database, compiles a new immutable router and swaps it
 * in. The proxy reads {@link #current()} without locking and never waits for a rebuild.
 *
 * <p>Bursts are coalesced: every call takes a ticket; one rebuild at a time runs, and it covers every ticket taken
 * before it read the database. A caller that waited while such a rebuild ran returns without rebuilding again. So
 * N concurrent calls (e.g. 1,000 Admin API writes from parallel clients, or a batch of events) cost at most two
 * rebuilds per rebuild already running, not N; strictly sequential calls (each waiting for the previous) still
 * rebuild once each, which their read-your-writes guarantee requires.
 */
public final class RouterHolder implements VersionedStructure {

    private static final System.Logger LOG = System.getLogger(RouterHolder.class.getName());

    private final EntityStore store;
    private volatile Router current = Router.EMPTY;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private final AtomicLong tickets = new AtomicLong();
    /** The highest ticket the current router covers; guarded by {@link #rebuilding}. */
    private long covered;

    private final AtomicLong rebuilds = new AtomicLong();

    public RouterHolder(EntityStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The router in use now. */
    public Router current() {
        return current;
    }

    /** How many rebuilds actually ran (read the database and compiled), for tests and metrics. */
    public long rebuildCount() {
        return rebuilds.get();
    }

    @Override
    public VersionKey versionKey() {
        return VersionKey.ROUTER;
    }

    /**
     * Rebuilds from the database (blocking; never call it on an I/O thread). When it returns normally, the router
     * in use was built from a database read that started after this call began, so it reflects every write
     * committed before the call. Concurrent calls are coalesced (see the class comment).
     *
     * @throws RuntimeException when reading the database or compiling fails; the current router then stays in
     *         use ("stale router will be used", as Kong) and {@code LocalInvalidation} retries later
     */
    @Override
    public void rebuild() {
        long ticket = tickets.incrementAndGet();
        rebuilding.lock();
        try {
            if (covered >= ticket) {
                return;
            }
            long covers = tickets.get();
            Router router = load();
            current = router;
            covered = covers;
            rebuilds.incrementAndGet();
            LOG.log(Level.DEBUG, "router rebuilt with {0} routes", router.size());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not rebuild router (stale router will be used)", e);
            throw e;
        } finally {
            rebuilding.unlock();
        }
    }

    private Router load() {
        Map<ServiceId, Service> services = new HashMap<>();
        for (Entity entity : store.all(Services.SCHEMA)) {
            Service service = Service.of(entity);
            services.put(service.id(), service);
        }
        List<Entity> entities = store.all(Routes.SCHEMA);
        List<Route> routes = new ArrayList<>(entities.size());
        for (Entity entity : entities) {
            routes.add(Route.of(entity));
        }
        return Router.compile(routes, services);
    }
}
