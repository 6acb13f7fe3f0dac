package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.NULL;
import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports the first half of Kong 3.x's {@code spec/02-integration/05-proxy/02-router_spec.lua} (its {@code describe}
 * blocks from "no routes match" to "[snis] for HTTPs connections"), as Kong runs it with the
 * {@code traditional_compatible} router flavor and buffering off: which route a proxied request matches, seen through
 * the {@code Kong-Route-Id} / {@code Kong-Service-Id} / {@code Kong-Service-Name} debug headers
 * ({@code allow_debug_header = on}), and what reaches {@link KongMockUpstream}.
 *
 * <p>Kong's spec creates each {@code describe}'s routes before its cases and removes them after; each nested class
 * here does the same, on one node shared by the class (so a catch-all route of one block never sees another's
 * requests). Of the 40 {@code it} cases of these blocks, 28 are ported here (plus one case for the default
 * {@code allow_debug_header = off}). Left out: the seven gRPC cases (they need a grpcbin server); the three
 * {@code traditional}-flavor-only cases (order by {@code created_at}, {@code Host:Port} kept with a default port);
 * and two where Tollgate differs: an HTTP/1.1 request without {@code Host} (Kong: 400 with Kong's "Bad request" error
 * body and its {@code Server}; Tollgate: Undertow's bare 400, empty body) and {@code GET /request?} (Kong sends the
 * empty query's {@code ?} upstream; Tollgate drops it).
 */
class KongRouterSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/02-router_spec.lua";
    private static final String NO_ROUTE = "no Route matched with those values";
    private static final String NO_SERVICE = "no Service found with those values";

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static KongMockUpstream upstream;
    private static KongSpecClient admin;

    @BeforeAll
    static void start() throws Exception {
        upstream = new KongMockUpstream();
        node = NodeProcess.startWithTls("router", dir, Map.of("allow_debug_header", "on"));
        admin = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    /** A route of a block: its Admin API entity and its service's ({@code null} when it has none). */
    record Route(JsonNode entity, @Nullable JsonNode service) {

        String id() {
            return entity.get("id").asText();
        }

        String serviceId() {
            return service.get("id").asText();
        }

        String serviceName() {
            return service.get("name").asText();
        }
    }

    /**
     * The routes of one Kong {@code describe} block, created before its cases and removed after them, as Kong's
     * {@code insert_routes} / {@code remove_routes} do.
     */
    abstract static class Block {

        final List<Route> routes = new ArrayList<>();

        /**
         * Kong's route definitions: fields, with {@code service} a map of service fields or
         * {@link KongSpecClient#NULL}.
         */
        abstract List<Map<String, Object>> definitions();

        @BeforeAll
        void insertRoutes() {
            for (Map<String, Object> definition : definitions()) {
                routes.add(insert(definition));
            }
        }

        @AfterAll
        void removeRoutes() {
            for (Route route : routes) {
                admin.delete("/routes/" + route.id());
            }
            for (Route route : routes) {
                if (route.service() != null) {
                    admin.delete("/services/" + route.serviceId());
                }
            }
        }

        Route route(int kongIndex) {
            return routes.get(kongIndex - 1);
        }
    }

    /** Kong's {@code insert_routes} for one route: its service (on the mock upstream unless said) and the route. */
    static Route insert(Map<String, Object> definition) {
        Map<String, Object> fields = new HashMap<>(definition);
        Object service = fields.remove("service");
        JsonNode created = null;
        if (service != NULL) {
            Map<String, Object> serviceFields = new HashMap<>();
            serviceFields.put("name", KongSpecClient.unique("router-svc"));
            serviceFields.put("host", "127.0.0.1");
            serviceFields.put("port", upstream.port());
            serviceFields.put("protocol", "http");
            if (service instanceof Map<?, ?> given) {
                given.forEach((k, v) -> serviceFields.put((String) k, v));
            }
            created = admin.create("/services", serviceFields);
            fields.put("service", Map.of("id", created.get("id").asText()));
        } else {
            fields.put("service", NULL);
        }
        fields.putIfAbsent("protocols", List.of("http"));
        return new Route(admin.create("/routes", fields), created);
    }

    /** A proxy request with {@code Host} and {@code Kong-Debug: 1}. */
    static RawHttp.Response debug(String method, String host, String target, String... headers) throws IOException {
        RawHttp.Request request = RawHttp.request(method, host, target).header("Kong-Debug", "1");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    /** A proxy request with only a {@code Host}. */
    static RawHttp.Response plain(String method, String host, String target) throws IOException {
        return RawHttp.request(method, host, target).send(node.proxyPort);
    }

    /** Sends a raw request (bytes as written) to the plain proxy listener and reads the whole answer. */
    static RawHttp.Response raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.proxyPort)) {
            return exchange(socket, request);
        }
    }

    /** Sends a raw request over TLS to the proxy's TLS listener, with {@code sni} as server name (none if null). */
    static RawHttp.Response tls(@Nullable String sni, String request) throws Exception {
        try (SSLSocket socket =
                (SSLSocket) TlsNodeIT.trustAll().getSocketFactory().createSocket("127.0.0.1", node.tlsPort)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(parameters);
            return exchange(socket, request);
        }
    }

    private static RawHttp.Response exchange(Socket socket, String request) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return RawHttp.parseLatin1(socket.getInputStream().readAllBytes());
    }

    static void assertMatched(RawHttp.Response response, Route route) {
        assertThat(response.header("Kong-Route-Id")).as(response.body()).isEqualTo(route.id());
        assertThat(response.header("Kong-Service-Id")).isEqualTo(route.serviceId());
        assertThat(response.header("Kong-Service-Name")).isEqualTo(route.serviceName());
    }

    static void assertStatus(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class NoRoutesMatch {

        /** {@value SPEC}: "no routes match responds 404 if no route matches". */
        @Test
        void responds_404_if_no_route_matches() throws IOException {
            RawHttp.Response res = plain("GET", "inexistent.com", "/");

            assertStatus(res, 404);
            assertThat(res.header("Server")).startsWith("tollgate/");
            assertThat(res.json().get("message").asText()).isEqualTo(NO_ROUTE);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UseCases extends Block {

        @Override
        List<Map<String, Object>> definitions() {
            return List.of(
                    body("methods", List.of("GET"), "strip_path", false),
                    body("methods", List.of("POST", "PUT"), "paths", List.of("/post", "/put"), "strip_path", false),
                    body("paths", List.of("/mock_upstream"), "strip_path", true, "service", Map.of("path", "/status")),
                    body("paths", List.of("/private"), "strip_path", false, "service", Map.of("path", "/basic-auth/")),
                    body(
                            "paths",
                            List.of("~/users/\\d+/profile"),
                            "strip_path",
                            true,
                            "service",
                            Map.of("path", "/anything")),
                    body(
                            "protocols",
                            List.of("http", "https"),
                            "hosts",
                            List.of("serviceless-route-http.test"),
                            "service",
                            NULL),
                    body(
                            "paths",
                            List.of("/disabled-service1"),
                            "strip_path",
                            false,
                            "service",
                            Map.of("path", "/disabled-service-path/", "enabled", false)),
                    body(
                            "paths",
                            List.of("~/enabled-service/\\w+"),
                            "strip_path",
                            true,
                            "service",
                            Map.of("path", "/anything/", "enabled", true, "name", "enabled-service")),
                    body(
                            "paths",
                            List.of("/enabled-service/disabled"),
                            "strip_path",
                            true,
                            "service",
                            Map.of("path", "/some-path/", "enabled", false)));
        }

        /** {@value SPEC}: "use-cases responds 503 if no service found". */
        @Test
        void responds_503_if_no_service_found() throws Exception {
            RawHttp.Response res = plain("GET", "serviceless-route-http.test", "/");
            assertStatus(res, 503);
            assertThat(res.json().get("message").asText()).isEqualTo(NO_SERVICE);

            RawHttp.Response secure =
                    tls(null, "GET / HTTP/1.1\r\nHost: serviceless-route-http.test\r\nConnection: close\r\n\r\n");
            assertStatus(secure, 503);
            assertThat(secure.json().get("message").asText()).isEqualTo(NO_SERVICE);
        }

        /** {@value SPEC}: "use-cases restricts an route to its methods if specified". */
        @Test
        void restricts_an_route_to_its_methods_if_specified() throws IOException {
            RawHttp.Response res = debug("POST", "localhost", "/post");
            assertStatus(res, 200);
            assertMatched(res, route(2));

            res = debug("DELETE", "localhost", "/post");
            assertStatus(res, 404);
            assertThat(res.header("Kong-Route-Id")).isNull();
            assertThat(res.header("Kong-Service-Id")).isNull();
            assertThat(res.header("Kong-Service-Name")).isNull();
        }

        /** {@value SPEC}: "use-cases routes by method-only if no other match is found". */
        @Test
        void routes_by_method_only_if_no_other_match_is_found() throws IOException {
            RawHttp.Response res = debug("GET", "localhost", "/get");
            assertStatus(res, 200);
            assertMatched(res, route(1));
        }

        /** {@value SPEC}: "use-cases requests without Host header HTTP/1.0 routes normally". */
        @Test
        void http_1_0_routes_normally() throws IOException {
            RawHttp.Response res = raw("GET /get HTTP/1.0\r\nKong-Debug: 1\r\n\r\n");
            assertStatus(res, 200);
            assertThat(res.header("Kong-Service-Name")).isEqualTo(route(1).serviceName());
        }

        /** {@value SPEC}: "use-cases route with a path component in its upstream_url with strip_path = true". */
        @Test
        void with_strip_path_true() throws IOException {
            RawHttp.Response res = debug("GET", "localhost", "/mock_upstream/201");
            assertStatus(res, 201);
            assertMatched(res, route(3));
        }

        /** {@value SPEC}: "use-cases route with a path component in its upstream_url and strip_path = false". */
        @Test
        void route_with_a_path_component_in_its_upstream_url_and_strip_path_false() throws IOException {
            RawHttp.Response res = debug("GET", "localhost", "/private/passwd");
            assertStatus(res, 401);
            assertMatched(res, route(4));
        }

        /** {@value SPEC}: "use-cases route with a path component in its upstream_url and [uri] with a regex". */
        @Test
        void route_with_a_path_component_in_its_upstream_url_and_uri_with_a_regex() throws IOException {
            assertStatus(debug("GET", "localhost", "/users/foo/profile"), 404);

            RawHttp.Response res = debug("GET", "localhost", "/users/123/profile");
            assertStatus(res, 200);
            assertMatched(res, route(5));
        }

        /** {@value SPEC}: "use-cases handles not enabled services ignores route where service enabled=false". */
        @Test
        void ignores_route_where_service_enabled_false() throws IOException {
            assertStatus(debug("GET", "localhost", "/disabled-service1"), 404);
        }

        /**
         * {@value SPEC}: "use-cases handles not enabled services routes to regex path when longer path service
         * enabled=false".
         */
        @Test
        void routes_to_regex_path_when_longer_path_service_enabled_false() throws IOException {
            RawHttp.Response res = debug("GET", "localhost", "/enabled-service/disabled");
            assertStatus(res, 200);
            assertThat(res.header("Kong-Route-Id")).isEqualTo(route(8).id());
            assertThat(res.header("Kong-Service-Id")).isEqualTo(route(8).serviceId());
            assertThat(res.header("Kong-Service-Name")).isEqualTo("enabled-service");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UriRegexesOrderOfEvaluationWithRegexPriority extends Block {

        @Override
        List<Map<String, Object>> definitions() {
            return List.of(
                    regex("~/status/(?P<foo>re)", "regex_1", 0),
                    regex("~/status/(re)", "regex_2", 4),
                    regex("~/status/(ab)", "regex_3", 0),
                    regex("~/status/(ab)c?", "regex_4", 0));
        }

        private static Map<String, Object> regex(String path, String service, int priority) {
            return body(
                    "strip_path",
                    true,
                    "paths",
                    List.of(path),
                    "service",
                    Map.of("name", service, "path", "/status/200"),
                    "regex_priority",
                    priority);
        }

        /** {@value SPEC}: "URI regexes order of evaluation with regex_priority depends on the regex_priority field". */
        @Test
        void depends_on_the_regex_priority_field() throws IOException {
            RawHttp.Response res = debug("GET", "localhost", "/status/re");
            assertStatus(res, 200);
            assertThat(res.header("Kong-Service-Name")).isEqualTo("regex_2");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UriArguments extends Block {

        @Override
        List<Map<String, Object>> definitions() {
            return List.of(body("hosts", List.of("mock_upstream")));
        }

        /** {@value SPEC}: "URI arguments (querystring) preserves URI arguments". */
        @Test
        void preserves_uri_arguments() throws IOException {
            RawHttp.Response res = plain("GET", "mock_upstream", "/get?foo=bar&hello=world");
            assertStatus(res, 200);
            assertThat(res.json().at("/uri_args/foo").asText()).isEqualTo("bar");
            assertThat(res.json().at("/uri_args/hello").asText()).isEqualTo("world");
        }

        /** {@value SPEC}: "URI arguments (querystring) does proxy a querystring with an empty value". */
        @Test
        void does_proxy_a_querystring_with_an_empty_value() throws IOException {
            RawHttp.Response res = plain("GET", "mock_upstream", "/get?hello");
            assertStatus(res, 200);
            assertThat(res.json().at("/url").asText()).endsWith("/get?hello");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UriNormalization extends Block {

        @Override
        List<Map<String, Object>> definitions() {
            return List.of(
                    body("strip_path", true, "paths", List.of("/foo/bar")),
                    body("strip_path", true, "paths", List.of("/hello")),
                    body("strip_path", false, "paths", List.of("/anything/world")));
        }

        private void assertForwardedPath(String target, Route route) throws IOException {
            RawHttp.Response res = debug("GET", "localhost", target);
            assertStatus(res, 200);
            assertMatched(res, route);
            assertThat(res.json().at("/headers/x-forwarded-path").asText()).isEqualTo(target);
        }

        private void assertUpstreamUri(String target, Route route, String requestUri) throws IOException {
            RawHttp.Response res = debug("GET", "localhost", target);
            assertStatus(res, 200);
            assertMatched(res, route);
            assertThat(res.json().at("/vars/request_uri").asText()).isEqualTo(requestUri);
        }

        /** {@value SPEC}: "URI normalization matches against normalized URI with \"..\"". */
        @Test
        void matches_against_normalized_uri_with_dot_dot() throws IOException {
            assertForwardedPath("/foo/a/../bar", route(1));
        }

        /** {@value SPEC}: "URI normalization matches against normalized URI with \"//\"". */
        @Test
        void matches_against_normalized_uri_with_double_slash() throws IOException {
            assertForwardedPath("/foo//bar", route(1));
        }

        /** {@value SPEC}: "URI normalization matches against normalized URI with \"/./\"". */
        @Test
        void matches_against_normalized_uri_with_dot() throws IOException {
            assertForwardedPath("/foo/./bar", route(1));
        }

        /** {@value SPEC}: "URI normalization matches against normalized URI with percent-encoded characters". */
        @Test
        void matches_against_normalized_uri_with_percent_encoded_characters() throws IOException {
            assertForwardedPath("/h%65llo", route(2));
        }

        /** {@value SPEC}: "URI normalization proxies normalized URI to upstream with strip_path = true". */
        @Test
        void proxies_normalized_uri_to_upstream_with_strip_path_true() throws IOException {
            assertUpstreamUri("/h%65llo/anything/a/../b", route(2), "/anything/b");
        }

        /** {@value SPEC}: "URI normalization proxies normalized URI to upstream with strip_path = false". */
        @Test
        void proxies_normalized_uri_to_upstream_with_strip_path_false() throws IOException {
            assertUpstreamUri("/anything/./a/../wor%6cd/a/../b", route(3), "/anything/world/b");
        }

        /**
         * {@value SPEC}: "URI normalization re-encode special characters in request uri when proxying to the
         * upstream".
         */
        @Test
        void re_encode_special_characters_in_request_uri_when_proxying_to_the_upstream() throws IOException {
            assertUpstreamUri("/anything/world/cat%20and%20dog", route(3), "/anything/world/cat%20and%20dog");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class StripPath extends Block {

        @Override
        List<Map<String, Object>> definitions() {
            return List.of(body("paths", List.of("/x/y/z", "/z/y/x"), "strip_path", true));
        }

        /** {@value SPEC}: "strip_path = true strips subsequent calls to an route with different [paths]". */
        @Test
        void strips_subsequent_calls_to_an_route_with_different_paths() throws IOException {
            for (String prefix : List.of("/x/y/z", "/z/y/x", "/x/y/z", "/x/y/z")) {
                RawHttp.Response res = plain("GET", "localhost", prefix + "/get");
                assertStatus(res, 200);
                String url = res.json().at("/url").asText();
                assertThat(url).contains("/get").doesNotContain(prefix + "/get");
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PreserveHost extends Block {

        @Override
        List<Map<String, Object>> definitions() {
            return List.of(
                    body(
                            "preserve_host",
                            true,
                            "hosts",
                            List.of("preserved.com", "preserved.com:123"),
                            "service",
                            Map.of("path", "/request")),
                    body(
                            "preserve_host",
                            false,
                            "hosts",
                            List.of("discarded.com"),
                            "service",
                            Map.of("path", "/request")),
                    body("strip_path", false, "preserve_host", true, "paths", List.of("/request")));
        }

        private static String upstreamHost(String host, String target) throws IOException {
            RawHttp.Response res = plain("GET", host, target);
            assertStatus(res, 200);
            return res.json().at("/headers/host").asText();
        }

        /** {@value SPEC}: "preserve_host x = false (default) uses hostname from upstream_url". */
        @Test
        void uses_hostname_from_upstream_url() throws IOException {
            assertThat(upstreamHost("discarded.com", "/get")).contains("127.0.0.1");
        }

        /** {@value SPEC}: "preserve_host x = false (default) uses port value from upstream_url if not default". */
        @Test
        void uses_port_value_from_upstream_url_if_not_default() throws IOException {
            assertThat(upstreamHost("discarded.com", "/get")).contains(":" + upstream.port());
        }

        /** {@value SPEC}: "preserve_host = true forwards request Host". */
        @Test
        void forwards_request_host() throws IOException {
            assertThat(upstreamHost("preserved.com", "/")).isEqualTo("preserved.com");
        }

        /** {@value SPEC}: "preserve_host = true forwards request Host:Port if port isn't default". */
        @Test
        void forwards_request_host_port_if_port_isn_t_default() throws IOException {
            assertThat(upstreamHost("preserved.com:123", "/get")).isEqualTo("preserved.com:123");
        }

        /** {@value SPEC}: "preserve_host = true forwards request Host even if not matched by [hosts]". */
        @Test
        void forwards_request_host_even_if_not_matched_by_hosts() throws IOException {
            assertThat(upstreamHost("preserved.com", "/get")).isEqualTo("preserved.com");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class EdgeCases extends Block {

        @Override
        List<Map<String, Object>> definitions() {
            return List.of(
                    body("strip_path", true, "paths", List.of("/")),
                    body("strip_path", true, "paths", List.of("/foobar")));
        }

        /** {@value SPEC}: "edge-cases root / [uri] for a catch-all rule". */
        @Test
        void root_uri_for_a_catch_all_rule() throws IOException {
            RawHttp.Response res = debug("GET", "localhost", "/get");
            assertStatus(res, 200);
            assertMatched(res, route(1));

            res = debug("GET", "localhost", "/foobar/get");
            assertStatus(res, 200);
            assertMatched(res, route(2));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SnisForHttpsConnections extends Block {

        @Override
        List<Map<String, Object>> definitions() {
            return List.of(
                    body(
                            "protocols",
                            List.of("https"),
                            "snis",
                            List.of("www.example.org"),
                            "service",
                            Map.of("name", "service_behind_www.example.org")),
                    body(
                            "protocols",
                            List.of("https"),
                            "snis",
                            List.of("example.org"),
                            "service",
                            Map.of("name", "service_behind_example.org")));
        }

        private static void assertServiceBySni(String sni, String service) throws Exception {
            for (int status : List.of(200, 201)) {
                RawHttp.Response res = tls(
                        sni,
                        "GET /status/" + status + " HTTP/1.1\r\nHost: localhost\r\nKong-Debug: 1\r\n"
                                + "Connection: close\r\n\r\n");
                assertStatus(res, status);
                assertThat(res.header("Kong-Service-Name")).isEqualTo(service);
            }
        }

        /** {@value SPEC}: "[snis] for HTTPs connections matches a Route based on its 'snis' attribute". */
        @Test
        void matches_a_route_based_on_its_snis_attribute() throws Exception {
            assertServiceBySni("www.example.org", "service_behind_www.example.org");
            assertServiceBySni("example.org", "service_behind_example.org");
        }
    }

    /** Kong's {@code allow_debug_header} is off by default: a {@code Kong-Debug} request gets no route headers. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class DebugHeaderOff {

        private NodeProcess off;

        @BeforeAll
        void startDefaultNode() throws Exception {
            off = NodeProcess.start("router-debug-off", dir, Map.of());
            KongSpecClient offAdmin = new KongSpecClient(off.admin());
            JsonNode service = offAdmin.create(
                    "/services", body("name", "debug-off", "host", "127.0.0.1", "port", upstream.port()));
            offAdmin.create(
                    "/routes",
                    body(
                            "paths",
                            List.of("/debug-off"),
                            "service",
                            Map.of("id", service.get("id").asText())));
        }

        @AfterAll
        void stopDefaultNode() throws Exception {
            if (off != null) {
                off.close();
            }
        }

        /** With the default {@code allow_debug_header = off}, {@code Kong-Debug: 1} adds no {@code Kong-Route-Id}. */
        @Test
        void no_route_headers_with_allow_debug_header_off() throws IOException {
            RawHttp.Response res = RawHttp.request("GET", "localhost", "/debug-off")
                    .header("Kong-Debug", "1")
                    .send(off.proxyPort);
            assertStatus(res, 200);
            assertThat(res.header("Kong-Route-Id")).isNull();
            assertThat(res.header("Kong-Service-Name")).isNull();
        }
    }
}
