package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/03-upstream_headers_spec.lua}: what the upstream receives
 * ({@code X-Real-IP}, {@code X-Forwarded-*}, {@code Host} with and without {@code preserve_host}) and which
 * hop-by-hop headers the proxy drops, under Kong's configurations of {@code trusted_ips}, {@code real_ip_header} and
 * {@code real_ip_recursive}. Kong starts a node per configuration; here one real node serves the configurations
 * {@code tollgate reload} applies (each nested class writes its settings into the node's configuration file and
 * reloads), and {@code port_maps}, which only a restart applies, has a node of its own. Both proxy to
 * {@link EchoUpstream}; the routes are Kong's: a service per route, created through the Admin API.
 *
 * <p>Of the spec's 70 cases (69 {@code it}, one {@code pending}), 63 are ported here. Left out: the
 * {@code pending} one; and the six proxy-protocol ones, ported in {@link KongProxyProtocolSpecIT}. The spec does
 * not check {@code Via}; where Tollgate sends it, it names {@code tollgate} where Kong writes {@code kong} (a
 * deliberate difference).
 */
class KongUpstreamHeadersSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/03-upstream_headers_spec.lua";

    @TempDir
    static Path dir;

    private static EchoUpstream echo;
    private static HttpServer hopByHop;
    /** The node the reloadable configurations share, and its configuration file as it started. */
    private static NodeProcess shared;

    private static String started;

    @BeforeAll
    static void upstreams() throws Exception {
        echo = new EchoUpstream();
        hopByHop = hopByHopUpstream();
        shared = startNode("reloaded", Map.of());
        started = Files.readString(shared.conf());
    }

    @AfterAll
    static void stopUpstreams() throws Exception {
        try {
            if (shared != null) {
                shared.close();
            }
        } finally {
            if (echo != null) {
                echo.close();
            }
            if (hopByHop != null) {
                hopByHop.stop(0);
            }
        }
    }

    /**
     * Kong's mock upstream's {@code /hop-by-hop}: a chunked answer carrying hop-by-hop response headers, and
     * {@code Trailer: Expires}.
     */
    private static HttpServer hopByHopUpstream() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.getResponseHeaders().add("Keep-Alive", "timeout=5, max=1000");
            exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic");
            exchange.getResponseHeaders().add("Trailer", "Expires");
            exchange.getResponseHeaders().add("Upgrade", "example/1, foo/2");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("hop-by-hop".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return server;
    }

    /** Starts a node with {@code settings} and creates Kong's routes of this spec, each with its own service. */
    static NodeProcess startNode(String name, Map<String, String> settings) throws Exception {
        NodeProcess node = NodeProcess.start(name, dir, settings);
        String upstream = echo.url();
        route(node, "inspect", upstream, "{\"protocols\":[\"http\"],\"hosts\":[\"headers-inspect.com\"]}");
        route(
                node,
                "preserved",
                upstream,
                "{\"protocols\":[\"http\"],\"hosts\":[\"preserved.com\"],\"preserve_host\":true}");
        route(node, "foo", upstream, "{\"protocols\":[\"http\"],\"paths\":[\"/foo\"],\"strip_path\":true}");
        route(node, "status", upstream, "{\"protocols\":[\"http\"],\"paths\":[\"/status/200\"],\"strip_path\":false}");
        route(node, "root", upstream, "{\"protocols\":[\"http\"],\"paths\":[\"/\"],\"strip_path\":true}");
        // Kong's mock upstream answers /hop-by-hop itself; here a second upstream does, behind the same host
        route(
                node,
                "hop-by-hop",
                "http://127.0.0.1:" + hopByHop.getAddress().getPort(),
                "{\"protocols\":[\"http\"],\"hosts\":[\"headers-inspect.com\"],\"paths\":[\"/hop-by-hop\"],"
                        + "\"strip_path\":false}");
        return node;
    }

    private static void route(NodeProcess node, String name, String url, String route) {
        Http.Response service =
                Http.post(node.admin() + "/services", "{\"name\":\"" + name + "\",\"url\":\"" + url + "\"}");
        assertThat(service.status()).as(service.body()).isEqualTo(201);
        Http.Response created = Http.post(node.admin() + "/services/" + name + "/routes", route);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /**
     * Sends {@code GET path} through the node's proxy with {@code headers} (name/value pairs; a {@code Host} among
     * them replaces the default {@code 127.0.0.1:<proxy port>}), expects 200 and returns the headers the upstream
     * received.
     */
    static JsonNode upstreamHeaders(NodeProcess node, String path, String... headers) throws IOException {
        RawHttp.Response response = send(node, path, headers);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("headers");
    }

    static RawHttp.Response send(NodeProcess node, String path, String... headers) throws IOException {
        String host = "127.0.0.1:" + node.proxyPort;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Host")) {
                host = headers[i + 1];
            }
        }
        RawHttp.Request request = RawHttp.request("GET", host, path);
        for (int i = 0; i < headers.length; i += 2) {
            if (!headers[i].equalsIgnoreCase("Host")) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        return request.send(node.proxyPort);
    }

    static @Nullable String header(JsonNode headers, String name) {
        JsonNode value = headers.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String proxyPort(NodeProcess node) {
        return String.valueOf(node.proxyPort);
    }

    /**
     * Base of the nested classes: the shared node reloaded with the class's settings, or, for settings only a restart
     * applies ({@link #restartOnly}), a node of the class's own.
     */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OneNode {
        NodeProcess node;

        abstract String name();

        abstract Map<String, String> settings();

        /** Whether the settings need a node of their own ({@code tollgate reload} does not apply them). */
        boolean restartOnly() {
            return false;
        }

        @BeforeAll
        void start() throws Exception {
            if (restartOnly()) {
                node = startNode(name(), settings());
                return;
            }
            node = shared;
            StringBuilder conf = new StringBuilder(started);
            settings()
                    .forEach((key, value) ->
                            conf.append(key).append(" = ").append(value).append('\n'));
            CliProcess.Result reloaded = node.reload(conf.toString());
            assertThat(reloaded.exitCode()).as(reloaded.err()).isZero();
            assertThat(reloaded.out()).startsWith("Tollgate reloaded: ").doesNotContain("restart");
        }

        @AfterAll
        void stop() throws Exception {
            if (restartOnly() && node != null) {
                node.close();
            }
        }

        JsonNode headers(String... headers) throws IOException {
            return upstreamHeaders(node, "/", headers);
        }

        JsonNode headersAt(String path, String... headers) throws IOException {
            return upstreamHeaders(node, path, headers);
        }
    }

    /**
     * Kong's "hop-by-hop headers" and "(using the default configuration values)" blocks: both start Kong with the
     * default settings, so one node serves both.
     */
    @Nested
    class DefaultConfiguration extends OneNode {

        @Override
        String name() {
            return "defaults";
        }

        @Override
        Map<String, String> settings() {
            return Map.of();
        }

        /** {@value SPEC}: "hop-by-hop headers are removed from request". */
        @Test
        void are_removed_from_request() throws IOException {
            JsonNode seen = headers(
                    "Connection", "X-Foo, X-Bar",
                    "Host", "headers-inspect.com",
                    "Keep-Alive", "timeout=5, max=1000",
                    "Proxy", "Remove-Me",
                    "Proxy-Connection", "close",
                    "Proxy-Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
                    "TE", "trailers, deflate;q=0.5",
                    "Upgrade", "example/1, foo/2",
                    "X-Foo", "Remove-Me",
                    "X-Bar", "Remove-Me",
                    "X-Foo-Bar", "Keep-Me",
                    "Close", "Keep-Me");
            assertThat(header(seen, "keep-alive")).isNull();
            assertThat(header(seen, "proxy")).isNull();
            assertThat(header(seen, "proxy-connection")).isNull();
            assertThat(header(seen, "proxy-authenticate")).isNull();
            assertThat(header(seen, "proxy-authorization")).isNull();
            assertThat(header(seen, "upgrade")).isNull();
            assertThat(header(seen, "x-foo")).isNull();
            assertThat(header(seen, "x-bar")).isNull();
            assertThat(header(seen, "te")).isEqualTo("trailers");
            assertThat(header(seen, "x-foo-bar")).isEqualTo("Keep-Me");
            assertThat(header(seen, "close")).isEqualTo("Keep-Me");
        }

        /** {@value SPEC}: "hop-by-hop headers are removed from response". */
        @Test
        void are_removed_from_response() throws IOException {
            RawHttp.Response response = send(node, "/hop-by-hop", "Host", "headers-inspect.com");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("keep-alive")).isNull();
            assertThat(response.header("proxy-authenticate")).isNull();
            assertThat(response.header("trailer")).isNull();
            assertThat(response.header("upgrade")).isNull();
            assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
        }

        /** {@value SPEC}: "hop-by-hop headers keeps trailer when requested". */
        @Test
        void keeps_trailer_when_requested() throws IOException {
            RawHttp.Response response = send(node, "/hop-by-hop", "Host", "headers-inspect.com", "TE", "trailers");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("trailer")).isEqualTo("Expires");
        }

        /** {@value SPEC}: "hop-by-hop headers keeps upgrade when upgrading". */
        @Test
        void keeps_upgrade_when_upgrading() throws IOException {
            JsonNode seen = headersAt(
                    "/get", "Host", "headers-inspect.com", "Connection", "keep-alive, Upgrade", "Upgrade", "websocket");
            assertThat(header(seen, "connection")).isEqualTo("keep-alive, Upgrade");
            assertThat(header(seen, "upgrade")).isEqualTo("websocket");
        }

        /** {@value SPEC}: "(default configuration) X-Real-IP should be added if not present in request". */
        @Test
        void x_real_ip_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-real-ip"))
                    .isEqualTo("127.0.0.1");
        }

        /** {@value SPEC}: "(default configuration) X-Real-IP should be replaced if present in request". */
        @Test
        void x_real_ip_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Real-IP", "10.0.0.1");
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-For should be added if not present in request". */
        @Test
        void x_forwarded_for_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-for"))
                    .isEqualTo("127.0.0.1");
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-For should be appended if present in request". */
        @Test
        void x_forwarded_for_should_be_appended_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-For", "10.0.0.1");
            assertThat(header(seen, "x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Proto should be added if not present in request". */
        @Test
        void x_forwarded_proto_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-proto"))
                    .isEqualTo("http");
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Proto should be replaced if present in request". */
        @Test
        void x_forwarded_proto_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Proto", "https");
            assertThat(header(seen, "x-forwarded-proto")).isEqualTo("http");
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Host should be added if not present in request". */
        @Test
        void x_forwarded_host_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-host"))
                    .isEqualTo("headers-inspect.com");
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Host should be replaced if present in request". */
        @Test
        void x_forwarded_host_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Host", "example.com");
            assertThat(header(seen, "x-forwarded-host")).isEqualTo("headers-inspect.com");
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Port should be added if not present in request". */
        @Test
        void x_forwarded_port_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-port"))
                    .isEqualTo(proxyPort(node));
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Port should be replaced if present in request". */
        @Test
        void x_forwarded_port_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Port", "80");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo(proxyPort(node));
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Path should be added if not present in request". */
        @Test
        void x_forwarded_path_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-path"))
                    .isEqualTo("/");
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Path should be replaced if present in request". */
        @Test
        void x_forwarded_path_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Path", "/replaced");
            assertThat(header(seen, "x-forwarded-path")).isEqualTo("/");
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Prefix should be added if path was stripped". */
        @Test
        void x_forwarded_prefix_should_be_added_if_path_was_stripped() throws IOException {
            assertThat(header(headersAt("/foo/status/200"), "x-forwarded-prefix"))
                    .isEqualTo("/foo");
        }

        /**
         * {@value SPEC}: "(default configuration) X-Forwarded-Prefix should be replaced if present in request and
         * path was stripped".
         */
        @Test
        void x_forwarded_prefix_should_be_replaced_if_present_in_request_and_path_was_stripped() throws IOException {
            JsonNode seen = headersAt("/foo", "X-Forwarded-Prefix", "/replaced");
            assertThat(header(seen, "x-forwarded-prefix")).isEqualTo("/foo");
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Prefix should not be added if path was not stripped". */
        @Test
        void x_forwarded_prefix_should_not_be_added_if_path_was_not_stripped() throws IOException {
            assertThat(header(headersAt("/status/200"), "x-forwarded-prefix")).isNull();
        }

        /** {@value SPEC}: "(default configuration) X-Forwarded-Prefix should not be added if / was stripped". */
        @Test
        void x_forwarded_prefix_should_not_be_added_if_slash_was_stripped() throws IOException {
            assertThat(header(headersAt("/"), "x-forwarded-prefix")).isNull();
        }

        /**
         * {@value SPEC}: "(default configuration) with the downstream host preserved should be added if not present
         * in request while preserving the downstream host".
         */
        @Test
        void should_be_added_if_not_present_in_request_while_preserving_the_downstream_host() throws IOException {
            JsonNode seen = headers("Host", "preserved.com");
            assertThat(header(seen, "host")).isEqualTo("preserved.com");
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-for")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-proto")).isEqualTo("http");
            assertThat(header(seen, "x-forwarded-host")).isEqualTo("preserved.com");
            assertThat(header(seen, "x-forwarded-path")).isEqualTo("/");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo(proxyPort(node));
        }

        /**
         * {@value SPEC}: "(default configuration) with the downstream host preserved should be added if present in
         * request while preserving the downstream host".
         */
        @Test
        void should_be_added_if_present_in_request_while_preserving_the_downstream_host() throws IOException {
            JsonNode seen = headers(
                    "Host", "preserved.com",
                    "X-Real-IP", "10.0.0.1",
                    "X-Forwarded-For", "10.0.0.1",
                    "X-Forwarded-Proto", "https",
                    "X-Forwarded-Host", "example.com",
                    "X-Forwarded-Port", "80");
            assertThat(header(seen, "host")).isEqualTo("preserved.com");
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
            assertThat(header(seen, "x-forwarded-proto")).isEqualTo("http");
            assertThat(header(seen, "x-forwarded-host")).isEqualTo("preserved.com");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo(proxyPort(node));
            assertThat(header(seen, "x-forwarded-path")).isEqualTo("/");
        }

        /**
         * {@value SPEC}: "(default configuration) with the downstream host discarded should be added if not present
         * in request while discarding the downstream host".
         */
        @Test
        void should_be_added_if_not_present_in_request_while_discarding_the_downstream_host() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com");
            assertThat(header(seen, "host")).isEqualTo(echo.url().substring("http://".length()));
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-for")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-proto")).isEqualTo("http");
            assertThat(header(seen, "x-forwarded-host")).isEqualTo("headers-inspect.com");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo(proxyPort(node));
            assertThat(header(seen, "x-forwarded-path")).isEqualTo("/");
        }

        /**
         * {@value SPEC}: "(default configuration) with the downstream host discarded if present in request while
         * discarding the downstream host".
         */
        @Test
        void if_present_in_request_while_discarding_the_downstream_host() throws IOException {
            JsonNode seen = headers(
                    "Host", "headers-inspect.com",
                    "X-Real-IP", "10.0.0.1",
                    "X-Forwarded-For", "10.0.0.1",
                    "X-Forwarded-Proto", "https",
                    "X-Forwarded-Host", "example.com",
                    "X-Forwarded-Port", "80");
            assertThat(header(seen, "host")).isEqualTo(echo.url().substring("http://".length()));
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
            assertThat(header(seen, "x-forwarded-proto")).isEqualTo("http");
            assertThat(header(seen, "x-forwarded-host")).isEqualTo("headers-inspect.com");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo(proxyPort(node));
            assertThat(header(seen, "x-forwarded-path")).isEqualTo("/");
        }
    }

    /** Kong's "(using the trusted configuration values)": {@code trusted_ips = 127.0.0.1}, the test client. */
    @Nested
    class TrustedConfiguration extends OneNode {

        @Override
        String name() {
            return "trusted";
        }

        @Override
        Map<String, String> settings() {
            return Map.of("trusted_ips", "127.0.0.1");
        }

        /** {@value SPEC}: "(trusted configuration) X-Real-IP should be added if not present in request". */
        @Test
        void x_real_ip_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-real-ip"))
                    .isEqualTo("127.0.0.1");
        }

        /** {@value SPEC}: "(trusted configuration) X-Real-IP should be forwarded if present in request". */
        @Test
        void x_real_ip_should_be_forwarded_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Real-IP", "10.0.0.1");
            assertThat(header(seen, "x-real-ip")).isEqualTo("10.0.0.1");
        }

        /** {@value SPEC}: "(trusted configuration) X-Forwarded-For should be added if not present in request". */
        @Test
        void x_forwarded_for_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-for"))
                    .isEqualTo("127.0.0.1");
        }

        /** {@value SPEC}: "(trusted configuration) X-Forwarded-For should be appended if present in request". */
        @Test
        void x_forwarded_for_should_be_appended_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-For", "10.0.0.1");
            assertThat(header(seen, "x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
        }

        /** {@value SPEC}: "(trusted configuration) X-Forwarded-Proto should be added if not present in request". */
        @Test
        void x_forwarded_proto_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-proto"))
                    .isEqualTo("http");
        }

        /** {@value SPEC}: "(trusted configuration) X-Forwarded-Proto should be forwarded if present in request". */
        @Test
        void x_forwarded_proto_should_be_forwarded_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Proto", "https");
            assertThat(header(seen, "x-forwarded-proto")).isEqualTo("https");
        }

        /** {@value SPEC}: "(trusted configuration) X-Forwarded-Host should be added if not present in request". */
        @Test
        void x_forwarded_host_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-host"))
                    .isEqualTo("headers-inspect.com");
        }

        /** {@value SPEC}: "(trusted configuration) X-Forwarded-Host should be forwarded if present in request". */
        @Test
        void x_forwarded_host_should_be_forwarded_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Host", "example.com");
            assertThat(header(seen, "x-forwarded-host")).isEqualTo("example.com");
        }

        /** {@value SPEC}: "(trusted configuration) X-Forwarded-Port should be added if not present in request". */
        @Test
        void x_forwarded_port_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-port"))
                    .isEqualTo(proxyPort(node));
        }

        /** {@value SPEC}: "(trusted configuration) X-Forwarded-Port should be forwarded if present in request". */
        @Test
        void x_forwarded_port_should_be_forwarded_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Port", "80");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo("80");
        }

        /** {@value SPEC}: "(trusted configuration) X-Forwarded-Path should be added if not present in request". */
        @Test
        void x_forwarded_path_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-path"))
                    .isEqualTo("/");
        }

        /** {@value SPEC}: "(trusted configuration) X-Forwarded-Path should be forwarded if present in request". */
        @Test
        void x_forwarded_path_should_be_forwarded_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Path", "/original-path");
            assertThat(header(seen, "x-forwarded-path")).isEqualTo("/original-path");
        }

        /**
         * {@value SPEC}: "(trusted configuration) X-Forwarded-Prefix should be preserved even if path was stripped"
         * (the first of Kong's two cases of that name: a stripped path).
         */
        @Test
        void x_forwarded_prefix_should_be_preserved_even_if_path_was_stripped() throws IOException {
            JsonNode seen = headersAt("/foo/status/200", "x-forwarded-prefix", "/preserved");
            assertThat(header(seen, "x-forwarded-prefix")).isEqualTo("/preserved");
        }

        /**
         * {@value SPEC}: "(trusted configuration) X-Forwarded-Prefix should be preserved even if path was stripped"
         * (the second of Kong's two cases of that name: a path that is not stripped).
         */
        @Test
        void x_forwarded_prefix_should_be_preserved_even_if_path_was_stripped_unstripped_path() throws IOException {
            JsonNode seen = headersAt("/status/200", "x-forwarded-prefix", "/preserved");
            assertThat(header(seen, "x-forwarded-prefix")).isEqualTo("/preserved");
        }
    }

    /** Kong's "(using the non-trusted configuration values)": {@code trusted_ips = 10.0.0.1}, not the client. */
    @Nested
    class NonTrustedConfiguration extends OneNode {

        @Override
        String name() {
            return "non-trusted";
        }

        @Override
        Map<String, String> settings() {
            return Map.of("trusted_ips", "10.0.0.1");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Real-IP should be added if not present in request". */
        @Test
        void x_real_ip_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-real-ip"))
                    .isEqualTo("127.0.0.1");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Real-IP should be replaced if present in request". */
        @Test
        void x_real_ip_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Real-IP", "10.0.0.1");
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-For should be added if not present in request". */
        @Test
        void x_forwarded_for_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-for"))
                    .isEqualTo("127.0.0.1");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-For should be appended if present in request". */
        @Test
        void x_forwarded_for_should_be_appended_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-For", "10.0.0.1");
            assertThat(header(seen, "x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-Proto should be added if not present in request". */
        @Test
        void x_forwarded_proto_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-proto"))
                    .isEqualTo("http");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-Proto should be replaced if present in request". */
        @Test
        void x_forwarded_proto_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Proto", "https");
            assertThat(header(seen, "x-forwarded-proto")).isEqualTo("http");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-Host should be added if not present in request". */
        @Test
        void x_forwarded_host_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-host"))
                    .isEqualTo("headers-inspect.com");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-Host should be replaced if present in request". */
        @Test
        void x_forwarded_host_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Host", "example.com");
            assertThat(header(seen, "x-forwarded-host")).isEqualTo("headers-inspect.com");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-Port should be added if not present in request". */
        @Test
        void x_forwarded_port_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-port"))
                    .isEqualTo(proxyPort(node));
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-Port should be replaced if present in request". */
        @Test
        void x_forwarded_port_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Port", "80");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo(proxyPort(node));
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-Path should be added if not present in request". */
        @Test
        void x_forwarded_path_should_be_added_if_not_present_in_request() throws IOException {
            assertThat(header(headers("Host", "headers-inspect.com"), "x-forwarded-path"))
                    .isEqualTo("/");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-Path should be replaced if present in request". */
        @Test
        void x_forwarded_path_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Path", "/untrusted");
            assertThat(header(seen, "x-forwarded-path")).isEqualTo("/");
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-Prefix should be added if path was stripped". */
        @Test
        void x_forwarded_prefix_should_be_added_if_path_was_stripped() throws IOException {
            assertThat(header(headersAt("/foo/status/200"), "x-forwarded-prefix"))
                    .isEqualTo("/foo");
        }

        /**
         * {@value SPEC}: "(non-trusted configuration) X-Forwarded-Prefix should be replaced if present in request
         * and path was stripped".
         */
        @Test
        void x_forwarded_prefix_should_be_replaced_if_present_in_request_and_path_was_stripped() throws IOException {
            JsonNode seen = headersAt("/foo", "X-Forwarded-Prefix", "/replaced");
            assertThat(header(seen, "x-forwarded-prefix")).isEqualTo("/foo");
        }

        /**
         * {@value SPEC}: "(non-trusted configuration) X-Forwarded-Prefix should not be added if path was not
         * stripped".
         */
        @Test
        void x_forwarded_prefix_should_not_be_added_if_path_was_not_stripped() throws IOException {
            assertThat(header(headersAt("/status/200"), "x-forwarded-prefix")).isNull();
        }

        /** {@value SPEC}: "(non-trusted configuration) X-Forwarded-Prefix should not be added if / was stripped". */
        @Test
        void x_forwarded_prefix_should_not_be_added_if_slash_was_stripped() throws IOException {
            assertThat(header(headersAt("/"), "x-forwarded-prefix")).isNull();
        }
    }

    /**
     * Kong's "(using the recursive trusted configuration values)": {@code X-Forwarded-For} as the real-IP header,
     * recursive, the client and two more addresses trusted.
     */
    @Nested
    class RecursiveTrustedConfiguration extends OneNode {

        @Override
        String name() {
            return "recursive-trusted";
        }

        @Override
        Map<String, String> settings() {
            return Map.of(
                    "real_ip_header", "X-Forwarded-For",
                    "real_ip_recursive", "on",
                    "trusted_ips", "127.0.0.1,172.16.0.1,192.168.0.1");
        }

        /**
         * {@value SPEC}: "(recursive trusted configuration) X-Real-IP and X-Forwarded-For should be added if not
         * present in request".
         */
        @Test
        void x_real_ip_and_x_forwarded_for_should_be_added_if_not_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com");
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-for")).isEqualTo("127.0.0.1");
        }

        /**
         * {@value SPEC}: "(recursive trusted configuration) X-Real-IP and X-Forwarded-For should be changed according
         * to rules if present in request".
         */
        @Test
        void x_real_ip_and_x_forwarded_for_should_be_changed_according_to_rules_if_present_in_request()
                throws IOException {
            JsonNode seen = headers(
                    "Host", "headers-inspect.com",
                    "X-Forwarded-For", "127.0.0.1, 10.0.0.1, 192.168.0.1, 127.0.0.1, 172.16.0.1",
                    "X-Real-IP", "10.0.0.2");
            assertThat(header(seen, "x-real-ip")).isEqualTo("10.0.0.1");
            assertThat(header(seen, "x-forwarded-for"))
                    .isEqualTo("127.0.0.1, 10.0.0.1, 192.168.0.1, 127.0.0.1, 172.16.0.1, 127.0.0.1");
        }

        /**
         * {@value SPEC}: "(recursive trusted configuration) X-Forwarded-Port should be forwarded even if
         * X-Forwarded-For header has a port in it".
         */
        @Test
        void x_forwarded_port_should_be_forwarded_even_if_x_forwarded_for_header_has_a_port_in_it() throws IOException {
            JsonNode seen = headers(
                    "Host", "headers-inspect.com",
                    "X-Forwarded-For", "127.0.0.1:14, 10.0.0.1:15, 192.168.0.1:16, 127.0.0.1:17, 172.16.0.1:18",
                    "X-Real-IP", "10.0.0.2",
                    "X-Forwarded-Port", "14");
            assertThat(header(seen, "x-real-ip")).isEqualTo("10.0.0.1");
            assertThat(header(seen, "x-forwarded-for"))
                    .isEqualTo("127.0.0.1:14, 10.0.0.1:15, 192.168.0.1:16, 127.0.0.1:17, 172.16.0.1:18, 127.0.0.1");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo("14");
        }
    }

    /**
     * Kong's "(using the recursive non-trusted configuration values)": as the recursive trusted one, but the client
     * ({@code 127.0.0.1}) is not trusted.
     */
    @Nested
    class RecursiveNonTrustedConfiguration extends OneNode {

        @Override
        String name() {
            return "recursive-non-trusted";
        }

        @Override
        Map<String, String> settings() {
            return Map.of(
                    "real_ip_header", "X-Forwarded-For",
                    "real_ip_recursive", "on",
                    "trusted_ips", "10.0.0.1,172.16.0.1,192.168.0.1");
        }

        /**
         * {@value SPEC}: "(recursive non-trusted configuration) X-Real-IP and X-Forwarded-For should be added if not
         * present in request".
         */
        @Test
        void x_real_ip_and_x_forwarded_for_should_be_added_if_not_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com");
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-for")).isEqualTo("127.0.0.1");
        }

        /**
         * {@value SPEC}: "(recursive non-trusted configuration) X-Real-IP and X-Forwarded-For should be changed
         * according to rules if present in request".
         */
        @Test
        void x_real_ip_and_x_forwarded_for_should_be_changed_according_to_rules_if_present_in_request()
                throws IOException {
            JsonNode seen = headers(
                    "Host", "headers-inspect.com",
                    "X-Forwarded-For", "10.0.0.1, 127.0.0.2, 10.0.0.1, 192.168.0.1, 172.16.0.1",
                    "X-Real-IP", "10.0.0.2");
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-for"))
                    .isEqualTo("10.0.0.1, 127.0.0.2, 10.0.0.1, 192.168.0.1, 172.16.0.1, 127.0.0.1");
        }

        /**
         * {@value SPEC}: "(recursive non-trusted configuration) X-Forwarded-Port should be replaced even if
         * X-Forwarded-Port and X-Forwarded-For headers have a port in it".
         */
        @Test
        void x_forwarded_port_should_be_replaced_even_if_x_forwarded_port_and_x_forwarded_for_headers_have_a_port()
                throws IOException {
            JsonNode seen = headers(
                    "Host", "headers-inspect.com",
                    "X-Forwarded-For", "127.0.0.1:14, 10.0.0.1:15, 192.168.0.1:16, 127.0.0.1:17, 172.16.0.1:18",
                    "X-Real-IP", "10.0.0.2",
                    "X-Forwarded-Port", "14");
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-for"))
                    .isEqualTo("127.0.0.1:14, 10.0.0.1:15, 192.168.0.1:16, 127.0.0.1:17, 172.16.0.1:18, 127.0.0.1");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo(proxyPort(node));
        }

        /**
         * {@value SPEC}: "(recursive non-trusted configuration) X-Forwarded-Port should not take a port from
         * X-Forwarded-For header if it has a port in it".
         */
        @Test
        void x_forwarded_port_should_not_take_a_port_from_x_forwarded_for_header_if_it_has_a_port_in_it()
                throws IOException {
            JsonNode seen = headers(
                    "Host", "headers-inspect.com",
                    "X-Forwarded-For", "127.0.0.1:14, 10.0.0.1:15, 192.168.0.1:16, 127.0.0.1:17, 172.16.0.1:18",
                    "X-Real-IP", "10.0.0.2");
            assertThat(header(seen, "x-real-ip")).isEqualTo("127.0.0.1");
            assertThat(header(seen, "x-forwarded-for"))
                    .isEqualTo("127.0.0.1:14, 10.0.0.1:15, 192.168.0.1:16, 127.0.0.1:17, 172.16.0.1:18, 127.0.0.1");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo(proxyPort(node));
        }
    }

    /** Kong's "(using port maps configuration)": {@code port_maps = 80:<proxy port>}. */
    @Nested
    class PortMapsConfiguration extends OneNode {

        @Override
        String name() {
            return "port-maps";
        }

        @Override
        Map<String, String> settings() {
            return Map.of("port_maps", "80:" + NodeProcess.PROXY_PORT);
        }

        @Override
        boolean restartOnly() {
            return true;
        }

        /** {@value SPEC}: "(using port maps configuration) X-Forwarded-Port should be added if not present in request". */
        @Test
        void x_forwarded_port_should_be_added_if_not_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo("80");
        }

        /** {@value SPEC}: "(using port maps configuration) X-Forwarded-Port should be replaced if present in request". */
        @Test
        void x_forwarded_port_should_be_replaced_if_present_in_request() throws IOException {
            JsonNode seen = headers("Host", "headers-inspect.com", "X-Forwarded-Port", "81");
            assertThat(header(seen, "x-forwarded-port")).isEqualTo("80");
        }
    }
}
