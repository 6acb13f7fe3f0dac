package io.tollgate.application.proxy.router;

import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Routes built from validated entities and requests to match them, for the router tests. */
abstract class RouterFixture {

    final Entity serviceEntity = Entities.service("http://upstream:8080/base", Map.of());
    final Service service = Service.of(serviceEntity);
    final List<Route> routes = new ArrayList<>();

    Route route(String name, Map<String, ?> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("name", name);
        input.putIfAbsent("created_at", 1000L);
        Route route = Route.of(Entities.route(serviceEntity, input));
        routes.add(route);
        return route;
    }

    /** A route built without schema validation (fast, for tests with thousands of routes). */
    Route plainRoute(String name, List<String> hosts, List<String> paths) {
        return plainRoute(UUID.randomUUID(), name, hosts, paths);
    }

    /** {@link #plainRoute(String, List, List)} with the given id. */
    Route plainRoute(UUID id, String name, List<String> hosts, List<String> paths) {
        Route route = new Route(
                new RouteId(id),
                name,
                List.of("http", "https"),
                List.of(),
                hosts,
                paths,
                Map.of(),
                true,
                false,
                0,
                "v0",
                426,
                service.id(),
                1000L,
                List.of(),
                true,
                true);
        routes.add(route);
        return route;
    }

    private Router compiled;
    private int compiledSize = -1;

    /** The router of the routes so far (compiled again only after a route was added). */
    Router router() {
        if (compiled == null || compiledSize != routes.size()) {
            compiled = Router.compile(routes, Map.of(service.id(), service));
            compiledSize = routes.size();
        }
        return compiled;
    }

    static RouteRequest request(
            String scheme,
            @Nullable String sni,
            String method,
            String host,
            int port,
            String path,
            Map<String, List<String>> headers) {
        return new RouteRequest(
                method,
                host,
                port,
                RequestPaths.normalize(path),
                name -> headers.getOrDefault(name.toLowerCase(), List.of()),
                scheme,
                sni);
    }

    Optional<String> match(String method, String host, int port, String path, Map<String, List<String>> headers) {
        return router().match(request("http", null, method, host, port, path, headers))
                .map(m -> m.route().name());
    }

    Optional<String> match(String host, String path) {
        return match("GET", host, 8000, path, Map.of());
    }

    Optional<String> matchTls(@Nullable String sni, String host, String path) {
        return router().match(request("https", sni, "GET", host, 8443, path, Map.of()))
                .map(m -> m.route().name());
    }
}
