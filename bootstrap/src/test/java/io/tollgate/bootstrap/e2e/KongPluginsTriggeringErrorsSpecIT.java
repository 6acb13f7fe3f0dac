package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongPluginsTriggeringSpecIT.find;
import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kong's {@code spec/02-integration/05-proxy/04-plugins_triggering_spec.lua} (its 3.x revision with {@code .test}
 * hosts), the describes that need a node without Kong's global key-auth ({@link KongPluginsTriggeringSpecIT} has the
 * others): "proxy-intercepted error" (a log plugin runs on the proxy's 502, 503 and 504, and a global one on what the
 * proxy refuses before routing, 400 for an over-large header and 414 for an over-long request line, seeing the
 * request as far as it was read) and "with TLS keepalive". One node with a TLS listener and a global
 * {@code file-log}; each case owns its service, route and (for a service's file-log) log file. Kong's blackhole host
 * with a 1 ms {@code connect_timeout} is a loopback listener whose accept queue is full (as in
 * {@link KongUpstreamTimeoutsSpecIT}); the refused service is Kong's {@code 127.0.0.2:26865}. For the 414 log line
 * the 3.x revision's {@code #headers == 0} (always true of a Lua hash) is asserted as the older revision's stricter
 * {@code assert.same({}, headers)}, which Kong meets.
 *
 * <p>Of the spec's 29 cases, this class ports 10 of the 17 in these two describes and "plugin's init_worker". No
 * counterpart: the 3 cases read from Kong's {@code error-handler-log} test plugin ({@code Log-Plugin-Phases},
 * {@code Log-Plugin-Service-Matched}); the {@code kong.response.get_source()} case (a {@code pre-function} Lua body);
 * the 3 "plugin's init_worker" cases (Kong's {@code short-circuit} and {@code init-worker-lua-error} test plugins,
 * nginx worker start-up).
 */
class KongPluginsTriggeringErrorsSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/04-plugins_triggering_spec.lua";
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    /** Over the default {@code large_client_header_buffers} (8k). */
    private static final String LARGE = "a".repeat(10 * 1024);

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static KongSpecClient client;
    private static KongMockUpstream mock;
    private static ServerSocket full;
    private static Path globalLog;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        full = fullListener();
        node = NodeProcess.startWithTls("plugins-triggering-errors", dir, Map.of());
        client = new KongSpecClient(node.admin());
        globalLog = dir.resolve("global-file-log.log");
        client.create(
                "/plugins", body("name", "file-log", "config", body("path", globalLog.toString(), "reopen", true)));
    }

    /**
     * A loopback listener that never accepts, its accept queue filled: a connection attempt to it is dropped by the
     * kernel, so the proxy's connect times out.
     */
    private static ServerSocket fullListener() throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 64; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 250);
                held.add(filler);
            } catch (SocketTimeoutException queueFull) {
                filler.close();
                return listener;
            }
        }
        throw new IllegalStateException("the accept queue never filled");
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
        for (Socket socket : held) {
            socket.close();
        }
        if (full != null) {
            full.close();
        }
    }

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /**
     * A service of {@code fields}, a route for {@code host} on it, and a file-log on the service writing to a file of
     * its own; returns that file.
     */
    private static Path loggedService(String host, Object... fields) {
        Map<String, Object> service = body(fields);
        service.put("name", unique("svc"));
        String serviceId = id(client.create("/services", service));
        client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", serviceId)));
        Path file = dir.resolve(unique("service-file-log") + ".log");
        client.create(
                "/plugins",
                body(
                        "name",
                        "file-log",
                        "service",
                        Map.of("id", serviceId),
                        "config",
                        body("path", file.toString(), "reopen", true)));
        return file;
    }

    private static Path refused(String host) {
        return loggedService(host, "host", "127.0.0.2", "port", 26865);
    }

    private static Path timingOut(String host) {
        return loggedService(host, "host", "127.0.0.1", "port", full.getLocalPort(), "connect_timeout", 1);
    }

    private static RawHttp.Response send(String method, String host, String target, String... headers)
            throws IOException {
        RawHttp.Request request = RawHttp.request(method, host, target);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    /** Waits for a JSON line of {@code file} from a client on 127.0.0.1 that {@code matches}. */
    private static JsonNode awaitLine(Path file, Predicate<JsonNode> matches) {
        return await().atMost(LOG_WAIT)
                .until(
                        () -> find(
                                file,
                                e -> "127.0.0.1".equals(e.path("client_ip").asText()) && matches.test(e)),
                        e -> e != null);
    }

    private static Predicate<JsonNode> carrying(String uuid) {
        return e -> uuid.equals(e.path("request").path("headers").path("x-uuid").asText());
    }

    /**
     * An error the proxy intercepts: Kong's reason phrase and status, the prefix of the case's host, the service it
     * sets up (returning its file-log's file) and the path of the failing request.
     */
    private record ProxyError(
            String reason, int status, String hostPrefix, Function<String, Path> service, String path) {}

    private static final ProxyError BAD_GATEWAY =
            new ProxyError("Bad Gateway", 502, "refused", KongPluginsTriggeringErrorsSpecIT::refused, "/status/200");
    private static final ProxyError SERVICE_UNAVAILABLE = new ProxyError(
            "Service Unavailable", 503, "unavailable", host -> loggedService(host, "url", mock.url()), "/status/503");
    private static final ProxyError GATEWAY_TIMEOUT = new ProxyError(
            "Gateway Timeout", 504, "connect-timeout", KongPluginsTriggeringErrorsSpecIT::timingOut, "/status/200");

    /** The errors of the "executes a log plugin on …" cases, named as in Kong's {@code it} text. */
    static Stream<Named<ProxyError>> logPluginErrors() {
        return Stream.of(BAD_GATEWAY, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT)
                .map(e -> Named.of(e.reason() + " (HTTP " + e.status() + ")", e));
    }

    /** The errors of the "log plugins sees same request in error_page handler (HTTP …)" cases. */
    static Stream<Named<ProxyError>> errorPageErrors() {
        return Stream.of(BAD_GATEWAY, GATEWAY_TIMEOUT).map(e -> Named.of("HTTP " + e.status(), e));
    }

    /**
     * {@value SPEC}: proxy-intercepted error "executes a log plugin on Bad Gateway (HTTP 502)", "… on Service
     * Unavailable (HTTP 503)" and "… on Gateway Timeout (HTTP 504)" (one invocation each).
     */
    @ParameterizedTest(name = "executes a log plugin on {0}")
    @MethodSource("logPluginErrors")
    void executes_a_log_plugin_on(ProxyError error) throws IOException {
        String host = unique(error.hostPrefix());
        Path file = error.service().apply(host);
        String uuid = UUID.randomUUID().toString();

        RawHttp.Response response = send("GET", host, error.path(), "X-UUID", uuid);

        assertThat(response.status()).as(response.body()).isEqualTo(error.status());
        awaitLine(file, carrying(uuid));
    }

    /**
     * {@value SPEC}: proxy-intercepted error "log plugins sees same request in error_page handler (HTTP 502)" and "…
     * (HTTP 504)" (one invocation each).
     */
    @ParameterizedTest(name = "log plugins sees same request in error_page handler ({0})")
    @MethodSource("errorPageErrors")
    void log_plugins_sees_same_request_in_error_page_handler(ProxyError error) throws IOException {
        String host = unique(error.hostPrefix());
        Path file = error.service().apply(host);
        String uuid = UUID.randomUUID().toString();

        RawHttp.Response response = send("POST", host, "/status/200?foo=bar", "X-UUID", uuid);

        assertThat(response.status()).as(response.body()).isEqualTo(error.status());
        JsonNode line = awaitLine(file, carrying(uuid));
        assertThat(line.path("request").path("headers").path("host").asText()).isEqualTo(host);
        assertThat(line.path("request").path("method").asText()).isEqualTo("POST");
        assertThat(line.path("request").path("querystring").path("foo").asText())
                .isEqualTo("bar");
        assertThat(line.path("upstream_uri").asText()).isEqualTo("/status/200?foo=bar");
    }

    /**
     * {@value SPEC}: proxy-intercepted error "executes a global log plugin on Nginx-produced client errors (HTTP
     * 400)" (an over-large header).
     */
    @Test
    void executes_a_global_log_plugin_on_nginx_produced_client_errors_http_400() throws IOException {
        String host = unique("unavailable");
        loggedService(host, "url", mock.url());

        RawHttp.Response response = send(
                "GET", host, "/", "X-Large", LARGE, "X-UUID", UUID.randomUUID().toString());

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        awaitLine(
                globalLog,
                e -> e.path("response").path("status").asInt() == 400
                        && "GET".equals(e.path("request").path("method").asText()));
    }

    /** {@value SPEC}: proxy-intercepted error "log plugins sees same request in error_page handler (HTTP 400)". */
    @Test
    void log_plugins_sees_same_request_in_error_page_handler_http_400() throws IOException {
        String host = unique("unavailable");
        loggedService(host, "url", mock.url());

        RawHttp.Response response = send(
                "POST",
                host,
                "/status/200?foo=bar",
                "X-Large",
                LARGE,
                "X-UUID",
                UUID.randomUUID().toString());

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode line = awaitLine(
                globalLog,
                e -> e.path("response").path("status").asInt() == 400
                        && "POST".equals(e.path("request").path("method").asText()));
        assertThat(line.path("request").path("querystring").path("foo").asText())
                .isEqualTo("bar");
        assertThat(line.path("upstream_uri").isTextual()).isTrue();
        assertThat(line.path("upstream_uri").asText()).isEmpty(); // nothing was routed
    }

    /**
     * {@value SPEC}: proxy-intercepted error "executes a global log plugin on Nginx-produced client errors (HTTP
     * 414)" (an over-long request line: the headers were never read).
     */
    @Test
    void executes_a_global_log_plugin_on_nginx_produced_client_errors_http_414() throws IOException {
        String host = unique("unavailable");
        loggedService(host, "url", mock.url());

        RawHttp.Response response =
                send("GET", host, "/?foo=" + LARGE, "X-UUID", UUID.randomUUID().toString());

        assertThat(response.status()).as(response.body()).isEqualTo(414);
        JsonNode line = awaitLine(
                globalLog,
                e -> e.path("response").path("status").asInt() == 414
                        && "GET".equals(e.path("request").path("method").asText()));
        assertThat(line.path("request").path("headers").isObject()).isTrue();
        assertThat(line.path("request").path("headers").isEmpty()).isTrue();
    }

    /** {@value SPEC}: proxy-intercepted error "log plugins sees same request in error_page handler (HTTP 414)". */
    @Test
    void log_plugins_sees_same_request_in_error_page_handler_http_414() throws IOException {
        String host = unique("unavailable");
        loggedService(host, "url", mock.url());

        RawHttp.Response response =
                send("POST", host, "/?foo=" + LARGE, "X-UUID", UUID.randomUUID().toString());

        assertThat(response.status()).as(response.body()).isEqualTo(414);
        JsonNode line = awaitLine(
                globalLog,
                e -> e.path("response").path("status").asInt() == 414
                        && "POST".equals(e.path("request").path("method").asText()));
        assertThat(line.path("upstream_uri").isTextual()).isTrue();
        assertThat(line.path("upstream_uri").asText()).isEmpty();
        assertThat(line.path("request").path("headers").has("x-uuid")).isFalse();
        assertThat(line.path("request").path("headers").has("host")).isFalse();
    }

    /**
     * {@value SPEC}: with TLS keepalive "certificate phase clears context, fix #7054" (two requests on one TLS
     * connection: the first route's request-termination does not apply to the second route).
     */
    @Test
    void certificate_phase_clears_context_fix_7054() throws Exception {
        String service = id(client.create("/services", body("name", unique("mock"), "url", mock.url())));
        String first = "/" + unique("route-1");
        String second = "/" + unique("route-2");
        String route = id(client.create(
                "/routes",
                body("paths", List.of(first), "protocols", List.of("https"), "service", Map.of("id", service))));
        client.create(
                "/routes",
                body("paths", List.of(second), "protocols", List.of("https"), "service", Map.of("id", service)));
        client.create(
                "/plugins",
                body("name", "request-termination", "route", Map.of("id", route), "config", body("status_code", 201)));

        try (SSLSocket socket =
                (SSLSocket) TlsNodeIT.trustAll().getSocketFactory().createSocket("127.0.0.1", node.tlsPort)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(parameters);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(("GET " + first + "/status/200 HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(readOne(in).status()).isEqualTo(201);

            out.write(("GET " + second + "/status/200 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            RawHttp.Response response = RawHttp.parseLatin1(in.readAllBytes());
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
    }

    /** One response from a kept-alive connection, read up to its {@code Content-Length}. */
    private static RawHttp.Response readOne(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        Matcher length = Pattern.compile("(?i)\r\ncontent-length:\\s*(\\d+)")
                .matcher(head.toString(StandardCharsets.ISO_8859_1));
        assertThat(length.find()).as(head.toString(StandardCharsets.ISO_8859_1)).isTrue();
        head.write(in.readNBytes(Integer.parseInt(length.group(1))));
        return RawHttp.parseLatin1(head.toByteArray());
    }
}
