package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ports the second half of Kong 3.x's {@code spec/02-integration/05-proxy/02-router_spec.lua} (its describes from
 * {@code tls_passthrough} on): matching by headers, headers with paths, paths with methods and hosts, the upstream
 * path joins of {@code spec/fixtures/router_path_handling_tests.lua} (plain and regex route paths), router rebuilds,
 * routes present at startup and {@code allow_debug_header} off. As Kong's {@code traditional_compatible} flavor with
 * buffering off runs them: {@code path_handling = v0} only.
 *
 * <p>One node ({@code allow_debug_header = on}) proxying to {@link KongMockUpstream}; which route matched is read
 * from {@code Kong-Route-Id} / {@code Kong-Service-Id} / {@code Kong-Service-Name}. Each describe's routes exist only
 * while its cases run (a nested class each, or created and removed by the case), as Kong inserts and removes them.
 * Two nested classes have nodes of their own: routes present before the node starts, and {@code allow_debug_header}
 * off.
 *
 * <p>Of the describes' 27 hand-written cases plus 292 generated path-handling cases (164 plain, 128 regex), 159
 * are ported here: 13 hand-written, 82 plain and 64 regex ({@code path_handling = v0}). Left out as without
 * counterpart: {@code tls_passthrough} and gRPC {@code snis} (stream listener, grpcbin), the five
 * {@code traditional}-only cases, the 146 generated {@code path_handling = v1} cases (the {@code traditional}
 * flavor's only) and the seven {@code expressions}-flavor cases.
 */
class KongRouterPathsSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/02-router_spec.lua";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongMockUpstream mock;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("router-paths", dir, Map.of("allow_debug_header", "on"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    /** A route as Kong's {@code insert_routes} created it, with its service. */
    record Inserted(String id, String serviceId, String serviceName, List<String> paths, List<String> hosts) {}

    /** An ordered map from {@code key, value} pairs (values may be {@code null}: JSON {@code null}). */
    static Map<String, @Nullable Object> fields(@Nullable Object... pairs) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /**
     * Kong's {@code insert_routes}: for each route, a service of its own (the route's {@code service} fields, default
     * name unique, pointing at the mock upstream) unless {@code service} is JSON {@code null}, then the route
     * ({@code protocols} {@code http} unless given).
     */
    @SafeVarargs
    static List<Inserted> insertRoutes(NodeProcess on, Map<String, @Nullable Object>... routes) {
        List<Inserted> inserted = new ArrayList<>();
        for (Map<String, @Nullable Object> given : routes) {
            Map<String, @Nullable Object> route = new LinkedHashMap<>(given);
            String serviceId = null;
            String serviceName = null;
            if (!route.containsKey("service") || route.get("service") != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) route.getOrDefault("service", Map.of());
                Map<String, @Nullable Object> service = new LinkedHashMap<>(fields);
                service.putIfAbsent("name", KongSpecClient.unique("router-svc"));
                service.putIfAbsent("host", "127.0.0.1");
                service.putIfAbsent("port", mock.port());
                service.putIfAbsent("protocol", "http");
                JsonNode created = create(on, "/services", service);
                serviceId = created.get("id").asText();
                serviceName = created.get("name").asText();
                route.put("service", Map.of("id", serviceId));
            }
            route.putIfAbsent("protocols", List.of("http"));
            JsonNode created = create(on, "/routes", route);
            inserted.add(new Inserted(
                    created.get("id").asText(),
                    serviceId,
                    serviceName,
                    KongSpecClient.texts(created.path("paths")),
                    KongSpecClient.texts(created.path("hosts"))));
        }
        return inserted;
    }

    static JsonNode create(NodeProcess on, String path, Map<String, @Nullable Object> body) {
        String json;
        try {
            json = Http.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Http.Response created = Http.post(on.admin() + path, json);
        assertThat(created.status())
                .as("POST " + path + " " + json + ": " + created.body())
                .isEqualTo(201);
        return created.json();
    }

    /** Kong's {@code remove_routes}: the routes, then their services. */
    static void removeRoutes(NodeProcess on, List<Inserted> routes) {
        for (Inserted route : routes) {
            assertThat(Http.delete(on.admin() + "/routes/" + route.id()).status())
                    .isEqualTo(204);
        }
        for (Inserted route : routes) {
            if (route.serviceId() != null) {
                assertThat(Http.delete(on.admin() + "/services/" + route.serviceId())
                                .status())
                        .isIn(204, 404);
            }
        }
    }

    /**
     * Sends {@code method path} to the node's proxy with {@code headers} (name/value pairs; a {@code Host} among them
     * replaces the default {@code 127.0.0.1:<proxy port>}).
     */
    static RawHttp.Response proxy(NodeProcess on, String method, String path, String... headers) throws IOException {
        String host = "127.0.0.1:" + on.proxyPort;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Host")) {
                host = headers[i + 1];
            }
        }
        RawHttp.Request request = RawHttp.request(method, host, path);
        for (int i = 0; i < headers.length; i += 2) {
            if (!headers[i].equalsIgnoreCase("Host")) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        return request.send(on.proxyPort);
    }

    static RawHttp.Response proxy(String method, String path, String... headers) throws IOException {
        return proxy(node, method, path, headers);
    }

    /** Asserts the status and that the debug headers name {@code route} and its service. */
    static void assertMatched(RawHttp.Response res, int status, Inserted route) {
        assertThat(res.status()).as(res.body()).isEqualTo(status);
        assertThat(res.header("Kong-Route-Id")).isEqualTo(route.id());
        assertThat(res.header("Kong-Service-Id")).isEqualTo(route.serviceId());
        assertThat(res.header("Kong-Service-Name")).isEqualTo(route.serviceName());
    }

    /** {@value #SPEC}: describe "[#headers]" (each case inserts its routes and removes them). */
    @Nested
    class Headers {

        /** {@value #SPEC}: "[#headers] matches by header" */
        @Test
        void matches_by_header() throws IOException {
            List<Inserted> routes = insertRoutes(
                    node,
                    fields("headers", Map.of("version", List.of("v1", "v2"))),
                    fields("headers", Map.of("version", List.of("v3"))));
            try {
                RawHttp.Response res = proxy("GET", "/", "Host", "domain.test", "version", "v1", "Kong-Debug", "1");
                assertMatched(res, 200, routes.get(0));
                res = proxy("GET", "/", "Host", "domain.test", "version", "v3", "Kong-Debug", "1");
                assertMatched(res, 200, routes.get(1));
            } finally {
                removeRoutes(node, routes);
            }
        }

        /** {@value #SPEC}: "[#headers] matches headers in a case-insensitive way" */
        @Test
        void matches_headers_in_a_case_insensitive_way() throws IOException {
            List<Inserted> routes = insertRoutes(
                    node,
                    fields("headers", Map.of("Version", List.of("v1", "v2"))),
                    fields("headers", Map.of("version", List.of("V3"))));
            try {
                RawHttp.Response res = proxy("GET", "/", "Host", "domain.test", "version", "v1", "Kong-Debug", "1");
                assertMatched(res, 200, routes.get(0));
                res = proxy("GET", "/", "Host", "domain.test", "Version", "v3", "Kong-Debug", "1");
                assertMatched(res, 200, routes.get(1));
            } finally {
                removeRoutes(node, routes);
            }
        }

        /** {@value #SPEC}: "[#headers] prioritizes Routes with more headers" */
        @Test
        void prioritizes_routes_with_more_headers() throws IOException {
            List<Inserted> routes = insertRoutes(
                    node,
                    fields("headers", Map.of("version", List.of("v1", "v2"))),
                    fields("headers", Map.of("version", List.of("v3"), "location", List.of("us-east"))),
                    fields("headers", Map.of("version", List.of("v3"))));
            try {
                RawHttp.Response res = proxy(
                        "GET", "/", "Host", "domain.test", "version", "v3", "location", "us-east", "Kong-Debug", "1");
                assertMatched(res, 200, routes.get(1));
                res = proxy("GET", "/", "Host", "domain.test", "version", "v3", "Kong-Debug", "1");
                assertMatched(res, 200, routes.get(2));
            } finally {
                removeRoutes(node, routes);
            }
        }

        /** {@value #SPEC}: "[#headers] caching do not ignore headers (regression)" */
        @Test
        void caching_do_not_ignore_headers_regression() throws IOException {
            List<Inserted> routes = insertRoutes(
                    node,
                    fields(
                            "service", Map.of("name", KongSpecClient.unique("first")),
                            "hosts", List.of("example.test"),
                            "paths", List.of("/test"),
                            "headers", Map.of("headertest", List.of("itsatest"))),
                    fields(
                            "service", Map.of("name", KongSpecClient.unique("second")),
                            "hosts", List.of("example.test"),
                            "paths", List.of("/test")));
            try {
                RawHttp.Response res =
                        proxy("GET", "/test", "Host", "example.test", "headertest", "itsatest", "Kong-Debug", "1");
                assertMatched(res, 200, routes.get(0));
                res = proxy("GET", "/test", "Host", "example.test", "Kong-Debug", "1");
                assertMatched(res, 200, routes.get(1));
                res = proxy("GET", "/test", "Host", "example.test", "headertest", "itsatest", "Kong-Debug", "1");
                assertMatched(res, 200, routes.get(0));
            } finally {
                removeRoutes(node, routes);
            }
        }
    }

    /** Base of the nested classes whose routes are inserted before their cases and removed after. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class WithRoutes {
        List<Inserted> routes = List.of();

        abstract List<Inserted> insert();

        @BeforeAll
        void setUpRoutes() {
            routes = insert();
        }

        @AfterAll
        void tearDownRoutes() {
            KongRouterPathsSpecIT.removeRoutes(node, routes);
        }
    }

    /** {@value #SPEC}: describe "[paths] + [#headers]". */
    @Nested
    class PathsAndHeaders extends WithRoutes {

        @Override
        List<Inserted> insert() {
            return insertRoutes(
                    node,
                    fields(
                            "strip_path", true,
                            "headers", Map.of("version", List.of("v1", "v2")),
                            "paths", List.of("/root")),
                    fields(
                            "strip_path", true,
                            "headers", Map.of("version", List.of("v1", "v2")),
                            "paths", List.of("/root/fixture")),
                    fields(
                            "strip_path", true,
                            "headers", Map.of("version", List.of("v1", "v2"), "location", List.of("us-east")),
                            "paths", List.of("/root")));
        }

        /** {@value #SPEC}: "[paths] + [#headers] prioritizes Routes with more headers" */
        @Test
        void prioritizes_routes_with_more_headers() throws IOException {
            RawHttp.Response res =
                    proxy("GET", "/root/fixture/get", "version", "v2", "location", "us-east", "Kong-Debug", "1");
            // the mock upstream has no /fixture/get: 404, from the route with more headers
            assertMatched(res, 404, routes.get(2));
        }

        /** {@value #SPEC}: "[paths] + [#headers] prioritizes longer paths if same number of headers" */
        @Test
        void prioritizes_longer_paths_if_same_number_of_headers() throws IOException {
            RawHttp.Response res = proxy("GET", "/root/fixture/get", "version", "v2", "Kong-Debug", "1");
            assertMatched(res, 200, routes.get(1));
        }
    }

    /** {@value #SPEC}: describe "[paths] + [methods]" (its four {@code traditional}-only cases not ported). */
    @Nested
    class PathsAndMethods extends WithRoutes {

        @Override
        List<Inserted> insert() {
            return insertRoutes(
                    node,
                    route(
                            List.of("/unrelated/longer/uri/that/should/not/match", "/root/fixture"),
                            "ahost.test",
                            "/status/201",
                            null),
                    route(List.of("/root/fixture/get"), "ahost.test", "/status/202", null),
                    route(List.of("/root/fixture/get"), "anotherhost.test", "/status/203", null),
                    route(List.of("/root/fixture/get"), "onemorehost.test", "/status/204", null),
                    route(
                            List.of("/rest/devportal/api/v1", "/rest/devportal"),
                            "api.local",
                            "/status/205",
                            "public-apiv1"),
                    route(List.of("/rest/devportal/aux"), "api.local", "/status/206", "aux"),
                    route(List.of("/rest/devportal/aux"), "test-api.local", "/status/207", "aux-host"),
                    route(List.of("/rest/devportal/aux"), "atest-api.local", "/status/208", "aux-host2"),
                    route(List.of("/rest/devportal"), "atest-api.local", "/status/209", "devportal-route-2"),
                    route(
                            List.of("/concat_test/devportal/api/v1", "/concat_test/devportal"),
                            "api.local",
                            null,
                            "concat_test-public-apiv1"),
                    route(List.of("/concat_test/devportal/aux"), "api.local", null, "concat_test-aux"),
                    route(List.of("/concat_test/devportal/aux"), "test-api.local", null, "concat_test-aux-host"),
                    route(List.of("/concat_test/devportal/aux"), "atest-api.local", null, "concat_test-aux-host2"),
                    route(List.of("/concat_test/devportal"), "atest-api.local", null, "concat_test-devportal-route-2"));
        }

        /** The first four routes also have {@code methods = GET} and no name; the others a name and no methods. */
        private Map<String, @Nullable Object> route(
                List<String> paths, String host, @Nullable String servicePath, @Nullable String name) {
            Map<String, @Nullable Object> route = fields("strip_path", true, "paths", paths, "hosts", List.of(host));
            if (name == null) {
                route.put("methods", List.of("GET"));
            } else {
                route.put("name", name);
            }
            route.put("service", servicePath == null ? Map.of() : Map.of("path", servicePath));
            return route;
        }

        /** {@value #SPEC}: "[paths] + [methods] prioritizes host over longer URIs" */
        @Test
        void prioritizes_host_over_longer_uris() throws IOException {
            RawHttp.Response res = proxy("GET", "/root/fixture/get", "Kong-Debug", "1", "Host", "anotherhost.test");
            assertMatched(res, 203, routes.get(2));
        }

        /** {@value #SPEC}: "[paths] + [methods] do not match incomplete URIs" */
        @Test
        void do_not_match_incomplete_uris() throws IOException {
            RawHttp.Response res = proxy("GET", "/", "Kong-Debug", "1", "Host", "ahost.test");
            assertThat(res.status()).as(res.body()).isEqualTo(404);
        }
    }

    /** The name Kong gives a generated path-handling case ({@code uriOrHost}: "uri …" or "host …"). */
    static String description(KongRouterPathHandling.Case test, String uriOrHost) {
        return String.format(
                "(%d-%d) %s with %s, strip = %s, %s when requesting %s",
                test.line(),
                test.index(),
                test.servicePath(),
                uriOrHost,
                test.stripPath() ? "on" : "off",
                test.pathHandling(),
                test.requestPath());
    }

    /** Kong's {@code make_a_regex}: {@code /x} becomes {@code ~/[0]?x}. */
    static String regexOf(String path) {
        return "~/[0]?" + path.substring(1);
    }

    static String host(String kind, KongRouterPathHandling.Case test) {
        return kind + "-localbin-" + test.line() + "-" + test.index() + ".com";
    }

    static Stream<Arguments> plainCases() {
        return KongRouterPathHandling.v0().stream()
                .map(c -> Arguments.of(
                        description(
                                c,
                                c.routePath() != null
                                        ? "uri " + c.routePath()
                                        : "host localbin-" + c.line() + "-" + c.index() + ".com"),
                        c));
    }

    static Stream<Arguments> regexCases() {
        return KongRouterPathHandling.v0().stream()
                .filter(c -> c.routePath() != null)
                .map(c -> Arguments.of(description(c, "uri " + regexOf(c.routePath())), c));
    }

    /** Asserts the upstream (the mock's echo) got {@code test}'s expected path. */
    static void assertUpstreamPath(String kind, KongRouterPathHandling.Case test) throws IOException {
        RawHttp.Response res = proxy("GET", test.requestPath(), "Host", host(kind, test));
        assertThat(res.header("Content-Type"))
                .as(res.status() + " " + res.body())
                .startsWith("application/json");
        assertThat(res.json().path("vars").path("request_uri").asText())
                .as(res.body())
                .isEqualTo(test.expectedPath());
    }

    /** {@value #SPEC}: describe "slash handling (plain)", one route per generated case, by host. */
    @Nested
    class SlashHandlingPlain extends WithRoutes {

        @Override
        @SuppressWarnings("unchecked")
        List<Inserted> insert() {
            return insertRoutes(
                    node,
                    KongRouterPathHandling.v0().stream()
                            .map(c -> {
                                Map<String, @Nullable Object> route = fields(
                                        "strip_path", c.stripPath(),
                                        "path_handling", c.pathHandling(),
                                        "hosts", List.of(host("plain", c)),
                                        "service", Map.of("path", c.servicePath()));
                                if (c.routePath() != null) {
                                    route.put("paths", List.of(c.routePath()));
                                }
                                return route;
                            })
                            .toArray(Map[]::new));
        }

        /** {@value #SPEC}: "slash handling (plain) (i-j) &lt;service path&gt; with … when requesting …" */
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tollgate.bootstrap.e2e.KongRouterPathsSpecIT#plainCases")
        void slash_handling_plain(String description, KongRouterPathHandling.Case test) throws IOException {
            assertUpstreamPath("plain", test);
        }
    }

    /** {@value #SPEC}: describe "slash handling (regex)": the path-based cases with the route path as a regex. */
    @Nested
    class SlashHandlingRegex extends WithRoutes {

        @Override
        @SuppressWarnings("unchecked")
        List<Inserted> insert() {
            return insertRoutes(
                    node,
                    KongRouterPathHandling.v0().stream()
                            .filter(c -> c.routePath() != null)
                            .map(c -> fields(
                                    "strip_path", c.stripPath(),
                                    "paths", List.of(regexOf(c.routePath())),
                                    "path_handling", c.pathHandling(),
                                    "hosts", List.of(host("regex", c)),
                                    "service", Map.of("path", c.servicePath())))
                            .toArray(Map[]::new));
        }

        /** {@value #SPEC}: "slash handling (regex) (i-j) &lt;service path&gt; with uri ~/[0]?… when …" */
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tollgate.bootstrap.e2e.KongRouterPathsSpecIT#regexCases")
        void slash_handling_regex(String description, KongRouterPathHandling.Case test) throws IOException {
            assertUpstreamPath("regex", test);
        }
    }

    /** {@value #SPEC}: "slash handling router rebuilds when Routes have 'regex_priority = nil'" */
    @Test
    void when_routes_have_regex_priority_nil() throws IOException {
        List<Inserted> routes = insertRoutes(
                node,
                fields("methods", List.of("GET"), "regex_priority", 1),
                fields("methods", List.of("POST", "PUT"), "regex_priority", null));
        try {
            RawHttp.Response res = proxy("GET", "/");
            assertThat(res.status()).as(res.body()).isEqualTo(200);
        } finally {
            removeRoutes(node, routes);
        }
    }

    /** {@value #SPEC}: "Router at startup #db rebuilds router correctly after passing route with special escape" */
    @Test
    void db_rebuilds_router_correctly_after_passing_route_with_special_escape() throws IOException {
        List<Inserted> routes = insertRoutes(
                node,
                fields("service", null, "paths", List.of("~/delay/(?<delay>[^\\/]+)$")),
                fields("service", null, "paths", List.of("/foo")));
        try {
            RawHttp.Response res = proxy("GET", "/foo", "Kong-Debug", "1");
            assertThat(res.status()).as(res.body()).isEqualTo(503);
            assertThat(res.json().path("message").asText()).isEqualTo("no Service found with those values");
        } finally {
            removeRoutes(node, routes);
        }
    }

    /**
     * {@value #SPEC}: describe "Router at startup": the routes are in the database before the node starts (created
     * through a first run of the node, which then stops). Kong's worker respawn maps to the node's restart.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AtStartup {
        NodeProcess startup;
        Inserted route;

        @BeforeAll
        void startWithRoutes() throws Exception {
            Map<String, String> settings = Map.of("allow_debug_header", "on");
            try (NodeProcess first = NodeProcess.start("router-startup", dir, settings)) {
                route = insertRoutes(
                                first,
                                fields("methods", List.of("GET"), "protocols", List.of("http"), "strip_path", false))
                        .get(0);
                insertRoutes(first, fields("service", null, "paths", List.of("/foo")));
            }
            startup = NodeProcess.start("router-startup", dir, settings);
        }

        @AfterAll
        void stopNode() throws InterruptedException {
            if (startup != null) {
                startup.close();
            }
        }

        /** {@value #SPEC}: "Router at startup uses configuration from datastore or declarative_config" */
        @Test
        void uses_configuration_from_datastore_or_declarative_config() throws IOException {
            for (int i = 0; i < 1000; i++) {
                RawHttp.Response res = proxy(startup, "GET", "/get", "Kong-Debug", "1");
                assertThat(res.status()).as(res.body()).isEqualTo(200);
                assertThat(res.header("Kong-Service-Name")).isEqualTo(route.serviceName());
            }
        }

        /** {@value #SPEC}: "Router at startup #db worker respawn correctly rebuilds router" */
        @Test
        void db_worker_respawn_correctly_rebuilds_router() throws IOException {
            RawHttp.Response res = proxy(startup, "GET", "/foo", "Kong-Debug", "1");
            assertThat(res.status()).as(res.body()).isEqualTo(503);
            assertThat(res.json().path("message").asText()).isEqualTo("no Service found with those values");
        }
    }

    /** {@value #SPEC}: describe "disable allow_debug_header config": a node of its own, with the setting's default. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class DebugHeaderOff {
        NodeProcess plain;

        @BeforeAll
        void startWithoutDebugHeader() throws Exception {
            plain = NodeProcess.start("router-no-debug", dir, Map.of());
            insertRoutes(plain, fields("methods", List.of("GET"), "protocols", List.of("http"), "strip_path", false));
        }

        @AfterAll
        void stopNode() throws InterruptedException {
            if (plain != null) {
                plain.close();
            }
        }

        /** {@value #SPEC}: "disable allow_debug_header config" */
        @Test
        void disable_allow_debug_header_config() throws IOException {
            for (int i = 0; i < 1000; i++) {
                RawHttp.Response res = proxy(plain, "GET", "/get", "Kong-Debug", "1");
                assertThat(res.status()).as(res.body()).isEqualTo(200);
                assertThat(res.header("Kong-Service-Name")).isNull();
                assertThat(res.header("Kong-Route-Name")).isNull();
            }
        }
    }
}
