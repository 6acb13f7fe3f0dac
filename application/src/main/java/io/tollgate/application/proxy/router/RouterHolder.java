package io.tollgate.application.proxy.router;

import io.tollgate.application.invalidation.SnapshotHolder;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.ServiceId;
import io.tollgate.domain.service.Services;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * This node's current {@link Router} (Kong's router behind {@code router:version}): starts {@link Router#EMPTY};
 * each rebuild reads every route and service from the database and compiles a new immutable router. Rebuilds,
 * coalescing and failures follow {@link SnapshotHolder}'s policy.
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
}
