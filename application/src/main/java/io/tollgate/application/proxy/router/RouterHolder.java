package io.tollgate.application.proxy.router;

import io.tollgate.application.invalidation.SnapshotHolder;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.ServiceId;
import io.tollgate.domain.service.Services;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * This node's current {@link Router} (Kong's router behind {@code router:version}): starts {@link Router#EMPTY};
 * a full rebuild reads every route and service from the database and compiles a new immutable router; a write's
 * change re-reads only the changed route or service and patches the current router ({@link #patch}). Rebuilds,
 * patches, coalescing and failures follow {@link SnapshotHolder}'s policy.
 */
public final class RouterHolder extends SnapshotHolder<Router> {

    private final EntityStore store;

    public RouterHolder(EntityStore store) {
        super(VersionKey.ROUTER, Router.EMPTY);
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    protected Router compile(Router previous) {
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

    /**
     * Re-reads only the changed routes and services (and the service of each changed route, unless the router has
     * routes compiled with it: its state there is as current as the router, {@link Router#compiledService}) and
     * patches the router ({@link Router#patch}); {@code null} (a full rebuild) when a change is of another kind.
     * Larger batches than {@link #MAX_PATCH} never get here.
     */
    @Override
    protected @Nullable Router patch(Router current, Set<ChangedEntity> changes) {
        Map<RouteId, Optional<Route>> routes = new HashMap<>();
        Map<ServiceId, Optional<Service>> services = new HashMap<>();
        Set<ServiceId> changedServices = new HashSet<>();
        for (ChangedEntity change : changes) {
            switch (change.kind()) {
                case ROUTES -> routes.put(new RouteId(change.id()), readRoute(change.id()));
                case SERVICES -> {
                    ServiceId id = new ServiceId(change.id());
                    changedServices.add(id);
                    services.put(id, readService(id));
                }
                default -> {
                    return null;
                }
            }
        }
        for (Optional<Route> route : routes.values()) {
            ServiceId service = route.map(Route::service).orElse(null);
            if (service != null && !services.containsKey(service)) {
                Optional<Service> compiled = current.compiledService(service);
                services.put(service, compiled.isPresent() ? compiled : readService(service));
            }
        }
        return current.patch(routes, services, changedServices);
    }

    /** The route ids whose state differs, as changed routes (the consistency check re-reads them). */
    @Override
    protected Set<ChangedEntity> differences(Router patched, Router rebuilt) {
        return ChangedEntity.all(EntityKind.ROUTES, patched.differences(rebuilt), RouteId::value);
    }

    private Optional<Route> readRoute(UUID id) {
        return store.find(Routes.SCHEMA, id).map(Route::of);
    }

    private Optional<Service> readService(ServiceId id) {
        return store.find(Services.SCHEMA, id.value()).map(Service::of);
    }
}
