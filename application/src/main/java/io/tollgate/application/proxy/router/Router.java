package io.tollgate.application.proxy.router;

import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.ServiceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * An immutable router compiled from every route and its service, with Kong's {@code traditional_compatible}
 * matching and priority (kong-internals §8.1–§8.2). Candidates (one per route path) are indexed by host
 * ({@link HostIndex}: exact, wildcard suffix/prefix, none) and then by path ({@link PathIndex}: a trie of plain
 * prefixes and regex literal prefixes). A request evaluates only the candidates its host and path can select, so
 * a lookup's cost does not grow with the route count; among them the highest priority that matches wins. A
 * router keeps each route's compiled form ({@link CompiledRoute}), so {@link #patch} builds the next router from the
 * changed routes only: no regex compiled again and no database read for the others, and the route map and indexes are
 * persistent (path-copied), so a patch costs about the changed routes, not the route count.
 */
public final class Router {

    /** A router without routes: every request gets 404. */
    public static final Router EMPTY = compile(List.of(), Map.of());

    private final HostIndex index;
    /** Every route it was compiled from (also those left out), by id: what {@link #patch} starts from. */
    private final PMap<RouteId, CompiledRoute> routes;

    private final int routeCount;

    /** The services its routes were compiled with, by id, with how many routes use each. */
    private final PMap<ServiceId, ServiceUse> services;

    private Router(
            HostIndex index,
            PMap<RouteId, CompiledRoute> routes,
            int routeCount,
            PMap<ServiceId, ServiceUse> services) {
        this.index = index;
        this.routes = routes;
        this.routeCount = routeCount;
        this.services = services;
    }

    /** A service's state as routes were compiled with it, and how many routes were. */
    private record ServiceUse(Service service, int routes) {}

    /**
     * The state of a service as this router's routes were compiled with it, when at least one of its routes
     * references it: as current as this router (a change of the service patches every route of it). Lets a patch for
     * a new route of a known service skip reading the service.
     */
    public Optional<Service> compiledService(ServiceId id) {
        ServiceUse use = services.get(id);
        return use == null ? Optional.empty() : Optional.of(use.service());
    }

    /**
     * Compiles the router. Left out: routes for neither {@code http} nor {@code https} (stream and gRPC routes),
     * routes whose service is missing or disabled ({@code enabled = false}), and routes with a regex (path or
     * {@code ~*} header value) that does not compile (logged) or a single bad path (only that path, logged). Routes
     * without a service are kept.
     *
     * @param routes every route, in any order
     * @param services the routes' services by id
     */
    public static Router compile(Collection<Route> routes, Map<ServiceId, Service> services) {
        Map<RouteId, CompiledRoute> compiled = HashMap.newHashMap(routes.size());
        for (Route route : routes) {
            Service service = route.service() == null ? null : services.get(route.service());
            compiled.put(route.id(), CompiledRoute.of(route, service));
        }
        return indexed(compiled);
    }

    /**
     * A router equal to {@link #compile} over this router's routes with the given changes applied, reusing the
     * compiled form (regexes, rules) of every route that did not change. Routes of a changed service are compiled
     * again with its new state.
     *
     * @param changedRoutes the new state of each changed route by id; empty = deleted
     * @param services the current state of every service in {@code changedServices} and of every service a changed
     *     route references; empty = missing
     * @param changedServices services whose routes must be compiled again
     * @throws IllegalArgumentException when {@code services} lacks a service it needs
     */
    public Router patch(
            Map<RouteId, Optional<Route>> changedRoutes,
            Map<ServiceId, Optional<Service>> services,
            Set<ServiceId> changedServices) {
        Map<RouteId, @Nullable CompiledRoute> changed = new HashMap<>();
        if (!changedServices.isEmpty()) {
            for (CompiledRoute compiled : routes.values()) {
                ServiceId service = compiled.route().service();
                if (service != null
                        && changedServices.contains(service)
                        && !changedRoutes.containsKey(compiled.route().id())) {
                    changed.put(compiled.route().id(), CompiledRoute.of(compiled.route(), lookup(services, service)));
                }
            }
        }
        changedRoutes.forEach((id, route) -> {
            ServiceId service = route.map(Route::service).orElse(null);
            changed.put(
                    id,
                    route.map(r -> CompiledRoute.of(r, service == null ? null : lookup(services, service)))
                            .orElse(null));
        });
        PMap<RouteId, CompiledRoute> next = routes;
        PMap<ServiceId, ServiceUse> nextServices = this.services;
        List<RouteCandidate> removed = new ArrayList<>();
        List<RouteCandidate> added = new ArrayList<>();
        int count = routeCount;
        for (Map.Entry<RouteId, @Nullable CompiledRoute> change : changed.entrySet()) {
            CompiledRoute old = next.get(change.getKey());
            if (old != null) {
                removed.addAll(old.candidates());
                count -= old.included() ? 1 : 0;
                next = next.minus(change.getKey());
                nextServices = unused(nextServices, old);
            }
            CompiledRoute now = change.getValue();
            if (now != null) {
                added.addAll(now.candidates());
                count += now.included() ? 1 : 0;
                next = next.plus(change.getKey(), now);
                nextServices = used(nextServices, now);
            }
        }
        return new Router(index.patch(removed, added), next, count, nextServices);
    }

    /** {@code services} with one more route compiled with {@code compiled}'s service (its state replacing the old). */
    private static PMap<ServiceId, ServiceUse> used(PMap<ServiceId, ServiceUse> services, CompiledRoute compiled) {
        Service service = compiled.service();
        if (service == null) {
            return services;
        }
        ServiceUse use = services.get(service.id());
        return services.plus(service.id(), new ServiceUse(service, use == null ? 1 : use.routes() + 1));
    }

    /** {@code services} with one route fewer compiled with {@code compiled}'s service. */
    private static PMap<ServiceId, ServiceUse> unused(PMap<ServiceId, ServiceUse> services, CompiledRoute compiled) {
        Service service = compiled.service();
        ServiceUse use = service == null ? null : services.get(service.id());
        if (use == null) {
            return services;
        }
        return use.routes() <= 1
                ? services.minus(service.id())
                : services.plus(service.id(), new ServiceUse(use.service(), use.routes() - 1));
    }

    private static @Nullable Service lookup(Map<ServiceId, Optional<Service>> services, ServiceId id) {
        Optional<Service> service = services.get(id);
        if (service == null) {
            throw new IllegalArgumentException("the state of service " + id.value() + " is missing");
        }
        return service.orElse(null);
    }

    /**
     * The routes whose state (the route or the service it was compiled with) differs between this router and
     * {@code other}, including routes only one of them has; empty when both were compiled from the same state.
     */
    public Set<RouteId> differences(Router other) {
        Set<RouteId> differ = new HashSet<>();
        routes.forEach((id, compiled) -> {
            CompiledRoute theirs = other.routes.get(id);
            if (theirs == null || !compiled.sameSource(theirs)) {
                differ.add(id);
            }
        });
        other.routes.keySet().stream().filter(id -> !routes.containsKey(id)).forEach(differ::add);
        return differ;
    }

    private static Router indexed(Map<RouteId, CompiledRoute> routes) {
        HostIndex index = new HostIndex(routes.size());
        Map<ServiceId, ServiceUse> services = new HashMap<>();
        int count = 0;
        for (CompiledRoute compiled : routes.values()) {
            if (compiled.included()) {
                count++;
                compiled.candidates().forEach(index::add);
            }
            Service service = compiled.service();
            if (service != null) {
                services.merge(
                        service.id(),
                        new ServiceUse(service, 1),
                        (a, b) -> new ServiceUse(b.service(), a.routes() + 1));
            }
        }
        return new Router(index, HashTreePMap.from(routes), count, HashTreePMap.from(services));
    }

    /** How many routes were compiled in. */
    public int size() {
        return routeCount;
    }

    /** The highest-priority route that matches, if any. */
    public Optional<RouteMatch> match(RouteRequest request) {
        Best best = new Best(request);
        index.candidates(request.host(), request.path(), best);
        return Optional.ofNullable(best.match);
    }

    /** How many candidates a lookup of {@code request} visits (its cost; for tests and the benchmark). */
    int candidatesVisited(RouteRequest request) {
        int[] count = {0};
        index.candidates(request.host(), request.path(), c -> count[0]++);
        return count[0];
    }

    /** Keeps the best matching candidate; skips evaluating those that could not beat it. */
    private static final class Best implements Consumer<RouteCandidate> {
        private final RouteRequest request;
        private @Nullable RouteCandidate candidate;
        private @Nullable RouteMatch match;

        Best(RouteRequest request) {
            this.request = request;
        }

        @Override
        public void accept(RouteCandidate next) {
            if (candidate != null && RouteCandidate.compare(next, candidate) >= 0) {
                return;
            }
            RouteMatch m = next.match(request);
            if (m != null) {
                candidate = next;
                match = m;
            }
        }
    }
}
