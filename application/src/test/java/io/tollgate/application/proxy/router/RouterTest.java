package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Entity serviceEntity = Entities.service("http://upstream:8080/base", Map.of());
    private final Service service = Service.of(serviceEntity);
    private final List<Route> routes = new ArrayList<>();

    private Route route(String name, Map<String, ?> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("name", name);
        input.putIfAbsent("created_at", 1000L);
        Route route = Route.of(Entities.route(serviceEntity, input));
        routes.add(route);
        return route;
    }

    private Optional<String> match(String method, String host, int port, String path, Map<String, List<String>> headers) {
        Router router = Router.compile(routes, Map.of(service.id(), service));
        return router.match(new RouteRequest(method, host, port, RequestPaths.normalize(path),
                name -> headers.getOrDefault(name.toLowerCase(), List.of()))).map(m -> m.route().name());
    }

    private Optional<String> match(String host, String path) {
        return match("GET", host, 8000, path, Map.of());
    }

    @Test
    void matchesPlainPathsAsStringPrefixesAndPrefersTheLongest() {
        route("short", Map.of("paths", List.of("/a")));
        route("long", Map.of("paths", List.of("/a/b")));

        assertThat(match("x", "/a/b/c")).contains("long");
        assertThat(match("x", "/a/bc")).contains("long");
        assertThat(match("x", "/a/c")).contains("short");
        assertThat(match("x", "/abc")).contains("short");
        assertThat(match("x", "/b")).isEmpty();
    }

    @Test
    void matchesExactWildcardAndPortHosts() {
        route("exact", Map.of("hosts", List.of("api.example.com")));
        route("suffix", Map.of("hosts", List.of("*.example.org")));
        route("prefix", Map.of("hosts", List.of("shop.*")));
        route("port", Map.of("hosts", List.of("ported.test:9000")));

        assertThat(match("api.example.com", "/")).contains("exact");
        assertThat(match("other.example.com", "/")).isEmpty();
        assertThat(match("a.b.example.org", "/")).contains("suffix");
        assertThat(match("example.org", "/")).isEmpty();
        assertThat(match("shop.test", "/")).contains("prefix");
        assertThat(match("GET", "ported.test", 9000, "/", Map.of())).contains("port");
        assertThat(match("GET", "ported.test", 8000, "/", Map.of())).isEmpty();
    }

    @Test
    void matchesMethodsAndHeaders() {
        route("post", Map.of("paths", List.of("/m"), "methods", List.of("POST")));
        route("versioned", Map.of("paths", List.of("/h"), "headers", Map.of("X-Version", List.of("V1", "v2"))));
        route("regex-header", Map.of("paths", List.of("/r"), "headers", Map.of("x-env", List.of("~*^prod-\\d+$"))));

        assertThat(match("POST", "x", 8000, "/m", Map.of())).contains("post");
        assertThat(match("GET", "x", 8000, "/m", Map.of())).isEmpty();
        assertThat(match("GET", "x", 8000, "/h", Map.of("x-version", List.of("v1")))).contains("versioned");
        assertThat(match("GET", "x", 8000, "/h", Map.of("x-version", List.of("x", "V2")))).contains("versioned");
        assertThat(match("GET", "x", 8000, "/h", Map.of("x-version", List.of("v3")))).isEmpty();
        assertThat(match("GET", "x", 8000, "/h", Map.of())).isEmpty();
        assertThat(match("GET", "x", 8000, "/r", Map.of("x-env", List.of("PROD-12")))).contains("regex-header");
        assertThat(match("GET", "x", 8000, "/r", Map.of("x-env", List.of("dev-1")))).isEmpty();
    }

    @Test
    void moreCriteriaWinOverALongerPath() {
        route("long-path", Map.of("paths", List.of("/a/b/c/d")));
        route("host-and-path", Map.of("hosts", List.of("h.test"), "paths", List.of("/a")));

        assertThat(match("h.test", "/a/b/c/d")).contains("host-and-path");
        assertThat(match("other", "/a/b/c/d")).contains("long-path");
    }

    @Test
    void plainHostsWinOverWildcardsAndMoreHeadersWin() {
        route("wild", Map.of("hosts", List.of("*.test"), "paths", List.of("/x/long")));
        route("plain", Map.of("hosts", List.of("a.test"), "paths", List.of("/x")));
        assertThat(match("a.test", "/x/long")).contains("plain");

        route("one-header", Map.of("paths", List.of("/y/long"), "headers", Map.of("a", List.of("1"))));
        route("two-headers", Map.of("paths", List.of("/y"), "headers", Map.of("a", List.of("1"), "b", List.of("2"))));
        assertThat(match("GET", "z", 8000, "/y/long", Map.of("a", List.of("1"), "b", List.of("2"))))
                .contains("two-headers");
    }

    @Test
    void regexPathsWinOverPrefixesAndOrderByRegexPriority() {
        route("prefix", Map.of("paths", List.of("/users/123/profile")));
        route("regex-low", Map.of("paths", List.of("~/users/\\d+"), "regex_priority", 1));
        route("regex-high", Map.of("paths", List.of("~/users/1\\d*"), "regex_priority", 5));

        assertThat(match("x", "/users/123/profile")).contains("regex-high");
        assertThat(match("x", "/users/923/profile")).contains("regex-low");
    }

    @Test
    void equalPrioritiesGoToTheOlderRouteThenTheSmallerId() {
        route("newer", Map.of("paths", List.of("/t"), "created_at", 2000L));
        route("older", Map.of("paths", List.of("/t"), "created_at", 1000L));
        assertThat(match("x", "/t")).contains("older");

        routes.clear();
        UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID high = UUID.fromString("00000000-0000-0000-0000-000000000002");
        route("high-id", Map.of("id", high.toString(), "paths", List.of("/t")));
        route("low-id", Map.of("id", low.toString(), "paths", List.of("/t")));
        assertThat(match("x", "/t")).contains("low-id");
    }

    @Test
    void reportsHowMuchOfThePathMatched() {
        route("r", Map.of("paths", List.of("/api", "~/v\\d+/"), "strip_path", true));
        Router router = Router.compile(routes, Map.of(service.id(), service));

        RouteMatch prefix = router.match(new RouteRequest("GET", "", 80, "/api/x", n -> List.of())).orElseThrow();
        assertThat(prefix.upstreamPath()).isEqualTo("/base/x");
        assertThat(prefix.strippedPrefix()).isEqualTo("/api");

        RouteMatch regex = router.match(new RouteRequest("GET", "", 80, "/v2/items", n -> List.of())).orElseThrow();
        assertThat(regex.upstreamPath()).isEqualTo("/base/items");
    }

    @Test
    void leavesOutRoutesOfDisabledServicesAndKeepsRoutesWithoutService() {
        Entity disabled = Entities.service("http://off:80", Map.of("enabled", false));
        routes.add(Route.of(Entities.route(disabled, Map.of("paths", List.of("/off")))));
        routes.add(Route.of(Entities.of(Routes.SCHEMA, Map.of("name", "lonely", "paths", List.of("/lonely")))));
        Service off = Service.of(disabled);
        Router router = Router.compile(routes, Map.of(service.id(), service, off.id(), off));

        assertThat(router.size()).isEqualTo(1);
        assertThat(router.match(new RouteRequest("GET", "", 80, "/off", n -> List.of()))).isEmpty();
        RouteMatch lonely = router.match(new RouteRequest("GET", "", 80, "/lonely", n -> List.of())).orElseThrow();
        assertThat(lonely.service()).isNull();
    }

    @Test
    void findsTheRightRouteAmongManyByHostAndPath() {
        for (int i = 0; i < 5000; i++) {
            route("r" + i, Map.of("hosts", List.of("h" + i + ".test"), "paths", List.of("/p" + i)));
        }
        route("catch-all", Map.of("paths", List.of("/")));

        assertThat(match("h4321.test", "/p4321/x")).contains("r4321");
        assertThat(match("h4321.test", "/p1/x")).contains("catch-all");
        assertThat(match("unknown.test", "/p1")).contains("catch-all");
    }
}
