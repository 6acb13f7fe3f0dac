package io.tollgate.adapter.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.adapter.http.UpstreamKeepalive;
import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.json.JacksonJsonCodec;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.proxy.RequestProxying;
import io.tollgate.application.proxy.plugin.PluginPhases;
import io.tollgate.application.proxy.plugin.PluginsHolder;
import io.tollgate.application.proxy.router.RouterHolder;
import io.tollgate.application.proxy.tls.UpstreamTlsResolver;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.WorkspaceId;
import io.undertow.Undertow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy adapter on a real Undertow listener in front of a real upstream HTTP server, both on loopback, with the
 * proxy use case over in-memory entities.
 */
class GatewayProxyIT {

    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WorkspaceId WS = new WorkspaceId(UUID.randomUUID());

    private static HttpServer upstream;
    private static ExecutorService upstreamThreads;
    private static ExecutorService cacheLoaders;
    private static Undertow gateway;
    private static ServerSocket deaf;
    private static final List<java.net.Socket> DEAF_CONNECTIONS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static int gatewayPort;
    private static int upstreamPort;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        upstreamThreads = Executors.newCachedThreadPool();
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", GatewayProxyIT::echo);
        upstream.createContext("/slow", exchange -> {
            try {
                // the behaviour under test, not synchronisation: it answers long after the service's 500 ms
                // read_timeout and after the test's 2.5 s bound, so the gateway's 504 never races the upstream
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            echo(exchange);
        });
        upstream.setExecutor(upstreamThreads);
        upstream.start();
        upstreamPort = upstream.getAddress().getPort();

        InMemoryEntityStore store = new InMemoryEntityStore();
        configure(store);
        RouterHolder router = new RouterHolder(store);
        PluginsHolder plugins = new PluginsHolder(store);
        router.rebuild();
        plugins.rebuild();
        cacheLoaders = Executors.newFixedThreadPool(2);
        RequestProxying proxying = new RequestProxying(
                router,
                PluginPhases.withBundledPlugins(
                        plugins,
                        store,
                        new InMemoryNodeCache(GatewayProxyIT::loadLikeADatabase),
                        WS,
                        new JacksonJsonCodec(),
                        new DatabaseOutages()),
                null,
                UpstreamTlsResolver.NONE,
                new DatabaseOutages());

        gateway = Undertow.builder()
                .addHttpListener(
                        0,
                        "127.0.0.1",
                        new GatewayProxy(proxying, UpstreamKeepalive.DEFAULT, EdgeSettings.DEFAULTS).handler())
                .setIoThreads(2)
                .setServerOption(io.undertow.UndertowOptions.MAX_ENTITY_SIZE, 0L) // as HttpServer: no body limit
                .build();
        gateway.start();
        gatewayPort = ((InetSocketAddress) gateway.getListenerInfo().get(0).getAddress()).getPort();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static void configure(InMemoryEntityStore store) throws IOException {
        String upstreamUrl = "http://127.0.0.1:" + upstreamPort;
        Entity base = store.create(Services.SCHEMA, Map.of("url", upstreamUrl + "/base", "read_timeout", 500));
        route(store, base, Map.of("paths", List.of("/echo")));
        route(store, base, Map.of("paths", List.of("/keep"), "strip_path", false));
        route(store, base, Map.of("paths", List.of("/only-post"), "methods", List.of("POST")));
        route(store, base, Map.of("paths", List.of("/preserve"), "preserve_host", true));

        // no retries: a timed-out GET would otherwise be tried again (Kong retries on timeouts)
        Entity slow = store.create(Services.SCHEMA, Map.of("url", upstreamUrl, "read_timeout", 500, "retries", 0));
        route(store, slow, Map.of("paths", List.of("/slow"), "strip_path", false));
        Entity root = store.create(Services.SCHEMA, Map.of("url", upstreamUrl));
        route(store, root, Map.of("hosts", List.of("api.test")));

        Entity hostService = store.create(Services.SCHEMA, Map.of("url", upstreamUrl + "/by-host"));
        route(store, hostService, Map.of("hosts", List.of("*.wild.test"), "paths", List.of("/")));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Entity closed = store.create(Services.SCHEMA, Map.of("url", "http://127.0.0.1:" + closedPort));
        route(store, closed, Map.of("paths", List.of("/closed")));

        deaf = new ServerSocket();
        deaf.setReceiveBufferSize(4096);
        deaf.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    DEAF_CONNECTIONS.add(deaf.accept()); // accepted, never read
                }
            } catch (IOException e) {
                // closed
            }
        });
        Entity deafService = store.create(
                Services.SCHEMA,
                Map.of("url", "http://127.0.0.1:" + deaf.getLocalPort(), "write_timeout", 700, "retries", 0));
        route(store, deafService, Map.of("paths", List.of("/deaf")));

        Entity secure = route(store, base, Map.of("paths", List.of("/secure")));
        plugin(store, "key-auth", Map.of("hide_credentials", true), Map.of("route", secure));
        Entity alice = store.create(Consumers.SCHEMA, Map.of("username", "alice", "custom_id", "A-1"));
        store.create(KeyAuthCredentials.SCHEMA, Map.of("consumer", ref(alice), "key", "alice-key"));

        Entity down = route(store, base, Map.of("paths", List.of("/maintenance")));
        plugin(
                store,
                "request-termination",
                Map.of("status_code", 403, "message", "Down for maintenance"),
                Map.of("route", down));

        Entity traced = route(store, base, Map.of("paths", List.of("/traced")));
        plugin(
                store,
                "correlation-id",
                Map.of("header_name", "X-Trace", "echo_downstream", true),
                Map.of("route", traced));
    }

    private static Entity route(InMemoryEntityStore store, Entity service, Map<String, ?> fields) {
        Map<String, Object> input = new LinkedHashMap<>(fields);
        input.put("service", ref(service));
        return store.create(Routes.SCHEMA, input);
    }

    private static void plugin(
            InMemoryEntityStore store, String name, Map<String, ?> config, Map<String, Entity> scope) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", name);
        input.put("config", config);
        scope.forEach((field, entity) -> input.put(field, ref(entity)));
        store.create(Plugins.SCHEMA, input);
    }

    private static Map<String, String> ref(Entity entity) {
        return Map.of("id", entity.id().toString());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
        upstreamThreads.shutdownNow();
        cacheLoaders.shutdownNow();
    }

    /** Answers with what it received: method, raw path, raw query, headers (lower-case names), body. */
    private static void echo(HttpExchange exchange) throws IOException {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("method", exchange.getRequestMethod());
        seen.put("path", exchange.getRequestURI().getRawPath());
        seen.put("query", exchange.getRequestURI().getRawQuery());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .addAll(values));
        seen.put("headers", headers);
        seen.put("peer_port", exchange.getRemoteAddress().getPort());
        seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] body = JSON.writeValueAsBytes(seen);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + pathAndQuery));
    }

    private static JsonNode seen(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Kong 3's JSON error body for {@code message}, as a regular expression (any request id). */
    static String kongJson(String message) {
        return java.util.regex.Pattern.quote("{\n  \"message\":\"" + message + "\",\n  \"request_id\":\"")
                + "[0-9a-f]{32}\"\n}";
    }

    private static String header(JsonNode seen, String name) {
        JsonNode values = seen.path("headers").path(name.toLowerCase(Locale.ROOT));
        return values.isMissingNode() ? null : values.get(0).asText();
    }

    @Test
    void routesByPathStrippingThePrefixOntoTheServicePath() throws Exception {
        JsonNode seen = seen(send(get("/echo/users/42?a=1&b=two")));
        assertThat(seen.path("method").asText()).isEqualTo("GET");
        assertThat(seen.path("path").asText()).isEqualTo("/base/users/42");
        assertThat(seen.path("query").asText()).isEqualTo("a=1&b=two");

        assertThat(seen(send(get("/keep/x"))).path("path").asText()).isEqualTo("/base/keep/x");
    }

    @Test
    void forwardsPercentEncodedPathsAsSent() throws Exception {
        // Kong normalises only unreserved escapes (%7E -> ~) and upper-cases the rest; nothing else is decoded
        JsonNode seen = seen(send(get("/echo/a%20b/%E5%86%86/%2F/%7e/%c3%a9?q=%20x")));
        assertThat(seen.path("path").asText()).isEqualTo("/base/a%20b/%E5%86%86/%2F/~/%C3%A9");
        assertThat(seen.path("query").asText()).isEqualTo("q=%20x");
    }

    @Test
    void reusesPooledKeepAliveUpstreamConnections() throws Exception {
        int first = seen(send(get("/echo/1"))).path("peer_port").asInt();
        int second = seen(send(get("/echo/2"))).path("peer_port").asInt();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void routesByHostIncludingWildcards() throws Exception {
        assertThat(seen(send(get("/anything").header("Host", "api.test")))
                        .path("path")
                        .asText())
                .isEqualTo("/anything");
        assertThat(seen(send(get("/w").header("Host", "a.wild.test:8000")))
                        .path("path")
                        .asText())
                .isEqualTo("/by-host/w");
    }

    @Test
    void routesByMethodAndPassesTheBody() throws Exception {
        HttpResponse<String> wrongMethod = send(get("/only-post"));
        assertThat(wrongMethod.statusCode()).isEqualTo(404);

        JsonNode seen = seen(send(get("/only-post/x").POST(HttpRequest.BodyPublishers.ofString("hello upstream"))));
        assertThat(seen.path("method").asText()).isEqualTo("POST");
        assertThat(seen.path("body").asText()).isEqualTo("hello upstream");
    }

    @Test
    void answersKongs404WhenNoRouteMatches() throws Exception {
        HttpResponse<String> response = send(get("/nowhere"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(response.body()).matches(kongJson("no Route matched with those values"));
        assertThat(response.headers().firstValue("X-Kong-Request-Id"))
                .hasValueSatisfying(id -> assertThat(response.body()).contains(id));
    }

    @Test
    void answers502WhenTheUpstreamRefusesConnections() throws Exception {
        HttpResponse<String> response = send(get("/closed"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(response.body())
                .matches("An invalid response was received from the upstream server\nrequest_id: [0-9a-f]{32}\n");
    }

    @Test
    void answers504AfterTheServiceWriteTimeoutWhenTheUpstreamStopsReadingTheBody() throws Exception {
        long start = System.nanoTime();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gatewayPort)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            int size = 64 << 20;
            out.write(("POST /deaf HTTP/1.1\r\nHost: t\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[65536];
                try {
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    // closed by the gateway
                }
            });
            String response =
                    new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(response).isEqualTo("HTTP/1.1 504");
            assertThat(elapsedMs).isBetween(560L, 1400L);
        }
    }

    @Test
    void answers504AfterTheServiceReadTimeout() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = send(get("/slow"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).matches("The upstream server is timing out\nrequest_id: [0-9a-f]{32}\n");
        assertThat(elapsedMs).isBetween(450L, 2500L);
        // the gateway still works afterwards
        assertThat(send(get("/echo/after")).statusCode()).isEqualTo(200);
    }

    @Test
    void setsForwardingHeadersViaAndTheServiceHost() throws Exception {
        HttpResponse<String> response =
                send(get("/echo/h").header("X-Forwarded-For", "10.0.0.1").header("Host", "gw.example:8000"));
        JsonNode seen = seen(response);

        assertThat(header(seen, "X-Forwarded-For")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(header(seen, "X-Forwarded-Proto")).isEqualTo("http");
        assertThat(header(seen, "X-Forwarded-Host")).isEqualTo("gw.example");
        assertThat(header(seen, "X-Forwarded-Port")).isEqualTo(String.valueOf(gatewayPort));
        assertThat(header(seen, "X-Forwarded-Prefix")).isEqualTo("/echo");
        assertThat(header(seen, "X-Real-IP")).isEqualTo("127.0.0.1");
        assertThat(header(seen, "Via")).matches("1\\.1 tollgate \\(tollgate/.+\\)");
        assertThat(header(seen, "Host")).isEqualTo("127.0.0.1:" + upstreamPort);
        assertThat(response.headers().firstValue("Via"))
                .hasValueSatisfying(v -> assertThat(v).contains("tollgate/"));

        JsonNode preserved = seen(send(get("/preserve").header("Host", "client.example")));
        assertThat(header(preserved, "Host")).isEqualTo("client.example");
    }

    @Test
    void keyAuthRejectsThenAuthenticates() throws Exception {
        HttpResponse<String> missing = send(get("/secure"));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).matches(kongJson("No API key found in request"));
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Key");

        HttpResponse<String> wrong = send(get("/secure").header("apikey", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).matches(kongJson("Unauthorized"));

        for (int i = 0; i < 2; i++) { // first: cache misses loaded off the I/O thread; then: cache hits
            JsonNode seen = seen(send(get("/secure/me").header("apikey", "alice-key")));
            assertThat(header(seen, "X-Consumer-Username")).isEqualTo("alice");
            assertThat(header(seen, "X-Consumer-Custom-ID")).isEqualTo("A-1");
            assertThat(header(seen, "X-Consumer-ID")).isNotBlank();
            assertThat(header(seen, "X-Credential-Identifier")).isNotBlank();
            assertThat(header(seen, "apikey")).as("hide_credentials").isNull();
        }
        JsonNode byQuery = seen(send(get("/secure/q?apikey=alice-key&x=1")));
        assertThat(byQuery.path("query").asText()).isEqualTo("x=1");
    }

    @Test
    void requestTerminationAnswersForTheUpstream() throws Exception {
        HttpResponse<String> response = send(get("/maintenance"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).matches(kongJson("Down for maintenance"));
    }

    @Test
    void correlationIdGoesUpstreamAndBack() throws Exception {
        HttpResponse<String> response = send(get("/traced"));
        String id = header(seen(response), "X-Trace");

        assertThat(id).matches("[0-9a-f-]{36}#\\d+");
        assertThat(response.headers().firstValue("X-Trace")).contains(id);

        assertThat(header(seen(send(get("/traced").header("X-Trace", "given"))), "X-Trace"))
                .isEqualTo("given");
    }

    /** Runs a cache load on another thread after a database-like round trip, so the proxy must dispatch. */
    private static void loadLikeADatabase(Runnable load) {
        cacheLoaders.execute(() -> {
            try {
                Thread.sleep(20); // latency of the fake database; nothing waits on it, no assertion depends on it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            load.run();
        });
    }
}
