package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kong's path-handling table (its router specs' shared fixture of service path x route path x {@code strip_path} x
 * {@code path_handling} x request path → upstream path), row by row, through the real router: each row compiles
 * one route to one service, matches the request and checks {@link RouteMatch#upstreamPath()}. A route path
 * {@code -} is a route matching on {@code hosts} only. {@code *} in the strip or handling column stands for both
 * values (the row is expanded).
 */
class KongPathHandlingTest {

    /** service | route | strip | handling | request | expected; Kong 3.x rows in Kong's order. */
    private static final String TABLE = """
            /          /        *     *   /            /
            /          /        *     *   /route       /route
            /          /        *     *   /route/      /route/
            /          /        *     *   /routereq    /routereq
            /          /        *     *   /route/req   /route/req
            /          /route   false *   /route       /route
            /          /route   false *   /route/      /route/
            /          /route   false *   /routereq    /routereq
            /          /route   true  *   /route       /
            /          /route   true  *   /route/      /
            /          /route   true  *   /routereq    /req
            /          /route/  false *   /route/      /route/
            /          /route/  false *   /route/req   /route/req
            /          /route/  true  *   /route/      /
            /          /route/  true  *   /route/req   /req
            /srv       /rou     false v0  /roureq      /srv/roureq
            /srv       /rou     false v1  /roureq      /srvroureq
            /srv       /rou     true  v0  /roureq      /srv/req
            /srv       /rou     true  v1  /roureq      /srvreq
            /srv/      /rou     false *   /rou         /srv/rou
            /srv/      /rou     true  v0  /rou         /srv
            /srv/      /rou     true  v1  /rou         /srv/
            /service   /        *     *   /            /service
            /service   /        *     v0  /route       /service/route
            /service   /        *     v1  /route       /serviceroute
            /service   /        *     v0  /route/      /service/route/
            /service   /        *     v1  /route/      /serviceroute/
            /service   /        *     v0  /routereq    /service/routereq
            /service   /        *     v1  /routereq    /serviceroutereq
            /service   /        *     v0  /route/req   /service/route/req
            /service   /        *     v1  /route/req   /serviceroute/req
            /service   /route   false v0  /route       /service/route
            /service   /route   false v1  /route       /serviceroute
            /service   /route   false v0  /route/      /service/route/
            /service   /route   false v1  /route/      /serviceroute/
            /service   /route   false v0  /routereq    /service/routereq
            /service   /route   false v1  /routereq    /serviceroutereq
            /service   /route   true  *   /route       /service
            /service   /route   true  *   /route/      /service/
            /service   /route   true  v0  /routereq    /service/req
            /service   /route   true  v1  /routereq    /servicereq
            /service   /route/  false v0  /route/      /service/route/
            /service   /route/  false v1  /route/      /serviceroute/
            /service   /route/  false v0  /route/req   /service/route/req
            /service   /route/  false v1  /route/req   /serviceroute/req
            /service   /route/  true  v0  /route/      /service/
            /service   /route/  true  v1  /route/      /service
            /service   /route/  true  v0  /route/req   /service/req
            /service   /route/  true  v1  /route/req   /servicereq
            /service/  /        *     v0  /route/      /service/route/
            /service/  /        *     v1  /route/      /service/route/
            /service/  /        *     *   /            /service/
            /service/  /        *     *   /route       /service/route
            /service/  /        *     *   /routereq    /service/routereq
            /service/  /        *     *   /route/req   /service/route/req
            /service/  /route   false *   /route       /service/route
            /service/  /route   false *   /route/      /service/route/
            /service/  /route   false *   /routereq    /service/routereq
            /service/  /route   true  v0  /route       /service
            /service/  /route   true  v1  /route       /service/
            /service/  /route   true  *   /route/      /service/
            /service/  /route   true  *   /routereq    /service/req
            /service/  /route/  false *   /route/      /service/route/
            /service/  /route/  false *   /route/req   /service/route/req
            /service/  /route/  true  *   /route/      /service/
            /service/  /route/  true  *   /route/req   /service/req
            /          -        *     *   /            /
            /          -        *     *   /route       /route
            /          -        *     *   /route/      /route/
            /service   -        *     *   /            /service
            /service   -        *     v0  /route       /service/route
            /service   -        *     v1  /route       /serviceroute
            /service   -        *     v0  /route/      /service/route/
            /service   -        *     v1  /route/      /serviceroute/
            /service/  -        *     *   /            /service/
            /service/  -        *     *   /route       /service/route
            /service/  -        *     *   /route/      /service/route/
            """;

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        int number = 0;
        for (String line : TABLE.strip().split("\n")) {
            number++;
            String[] c = line.strip().split("\\s+");
            for (String strip : c[2].equals("*") ? List.of("false", "true") : List.of(c[2])) {
                for (String handling : c[3].equals("*") ? List.of("v0", "v1") : List.of(c[3])) {
                    rows.add(Arguments.of(number, c[0], c[1], Boolean.parseBoolean(strip), handling, c[4], c[5]));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "row {0}: service {1}, route {2}, strip {3}, {4}, request {5} -> {6}")
    @MethodSource("rows")
    void joinsTheUpstreamPathAsKongDoes(
            int row,
            String servicePath,
            String routePath,
            boolean strip,
            String handling,
            String requestPath,
            String expected) {
        Entity serviceEntity = Entities.service("http://upstream:8080" + servicePath, Map.of());
        Service service = Service.of(serviceEntity);
        Map<String, Object> fields = routePath.equals("-")
                ? Map.of("hosts", List.of("example.com"), "strip_path", strip, "path_handling", handling)
                : Map.of("paths", List.of(routePath), "strip_path", strip, "path_handling", handling);
        Route route = Route.of(Entities.route(serviceEntity, fields));
        Router router = Router.compile(List.of(route), Map.of(service.id(), service));

        RouteMatch match = router.match(
                        RouterFixture.request("http", null, "GET", "example.com", 8000, requestPath, Map.of()))
                .orElseThrow(() -> new AssertionError("row " + row + " did not match"));

        assertThat(match.upstreamPath()).as("row %d", row).isEqualTo(expected);
    }
}
