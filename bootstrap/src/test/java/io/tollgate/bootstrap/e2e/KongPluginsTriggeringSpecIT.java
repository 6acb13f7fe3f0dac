package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/05-proxy/04-plugins_triggering_spec.lua} (its 3.x revision with {@code .test}
 * hosts), the describes whose node has Kong's global {@code key-auth} and global {@code rate-limiting}
 * ({@code hour = 1}): which rate-limiting instance applies when instances are configured globally, on a route and
 * service, on a consumer, on a route and consumer, and on route, service and an anonymous consumer (read from
 * {@code X-RateLimit-Limit-Hour}); what still runs when key-auth ends a request ("short-circuited requests"); and the
 * "anonymous reports execution" regression. One node proxying to {@link KongMockUpstream}; each case creates its own
 * routes, services, consumers, keys and log file, beside the two global instances made once.
 *
 * <p>The spec's other describes ("proxy-intercepted error", "with TLS keepalive") need a node without the global
 * key-auth: {@link KongPluginsTriggeringErrorsSpecIT}. Of the spec's 29 cases, this class ports 10 of the 12 in its
 * describes. Kong's {@code dummy} test plugin (header_filter adds a header, body_filter appends to the body) is
 * mapped to the bundled {@code response-transformer} ({@code add.headers} in its header_filter, {@code add.json} in
 * its body_filter, priority 800, after key-auth's 1250 as dummy's 1000 is). No counterpart: "builds complete plugins
 * iterator even when plugin errors" (Kong's {@code error-generator} and {@code error-handler-log} test plugins) and
 * "responses.send stops plugin but runloop continues" (what it checks is that the {@code dummy} plugin's own access
 * handler stops after its {@code send_error}, which no bundled plugin shows).
 */
class KongPluginsTriggeringSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/04-plugins_triggering_spec.lua";
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static KongSpecClient client;
    private static KongMockUpstream mock;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("plugins-triggering", dir, Map.of());
        client = new KongSpecClient(node.admin());
        client.create("/plugins", body("name", "key-auth", "config", body()));
        client.create("/plugins", body("name", "rate-limiting", "config", body("policy", "local", "hour", 1)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /** A service on the mock upstream; returns its id. */
    private static String service() {
        return id(client.create("/services", body("name", unique("svc"), "url", mock.url())));
    }

    /** A route for {@code host} on {@code service}; returns its id. */
    private static String route(String service, String host) {
        return id(client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
    }

    /** A consumer with a key-auth key; returns the consumer's id. */
    private static String consumer(String username, @Nullable String key) {
        String id = id(client.create("/consumers", body("username", username)));
        if (key != null) {
            client.create("/consumers/" + id + "/key-auth", body("key", key));
        }
        return id;
    }

    /** A plugin instance of {@code name}, scoped by the {@code scope} pairs ({@code "route", id, …}). */
    private static void plugin(String name, Map<String, Object> config, String... scope) {
        Map<String, Object> body = body("name", name, "config", config);
        for (int i = 0; i < scope.length; i += 2) {
            body.put(scope[i], Map.of("id", scope[i + 1]));
        }
        client.create("/plugins", body);
    }

    private static Map<String, Object> hour(int limit) {
        return body("policy", "local", "hour", limit);
    }

    private static RawHttp.Response get(String host, String target, String... headers) throws IOException {
        RawHttp.Request request = RawHttp.request("GET", host, target);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    /** {@value SPEC}: "checks global configuration without credentials". */
    @Test
    void checks_global_configuration_without_credentials() throws IOException {
        String host = unique("global1") + ".test";
        route(service(), host);

        RawHttp.Response response = get(host, "/status/200");

        assertThat(response.status()).as(response.body()).isEqualTo(401);
    }

    /** {@value SPEC}: "checks global api configuration". */
    @Test
    void checks_global_api_configuration() throws IOException {
        String host = unique("global1") + ".test";
        route(service(), host);
        String key = unique("secret1");
        consumer(unique("consumer1"), key);

        RawHttp.Response response = get(host, "/status/200?apikey=" + key);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("X-RateLimit-Limit-Hour")).isEqualTo("1");
    }

    /** {@value SPEC}: "checks api specific configuration" (an instance on the route and service). */
    @Test
    void checks_api_specific_configuration() throws IOException {
        String host = unique("api1") + ".test";
        String service = service();
        String route = route(service, host);
        plugin("rate-limiting", hour(2), "route", route, "service", service);
        String key = unique("secret1");
        consumer(unique("consumer1"), key);

        RawHttp.Response response = get(host, "/status/200?apikey=" + key);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("X-RateLimit-Limit-Hour")).isEqualTo("2");
    }

    /** {@value SPEC}: "checks global consumer configuration" (an instance on the consumer only). */
    @Test
    void checks_global_consumer_configuration() throws IOException {
        String host = unique("global1") + ".test";
        route(service(), host);
        String key = unique("secret2");
        String consumer = consumer(unique("consumer2"), key);
        plugin("rate-limiting", hour(3), "consumer", consumer);

        RawHttp.Response response = get(host, "/status/200?apikey=" + key);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("X-RateLimit-Limit-Hour")).isEqualTo("3");
    }

    /**
     * {@value SPEC}: "checks consumer specific configuration" (an instance on the route and consumer beats the one on
     * the consumer only).
     */
    @Test
    void checks_consumer_specific_configuration() throws IOException {
        String host = unique("api2") + ".test";
        String route = route(service(), host);
        String key = unique("secret2");
        String consumer = consumer(unique("consumer2"), key);
        plugin("rate-limiting", hour(3), "consumer", consumer);
        plugin("rate-limiting", hour(4), "route", route, "consumer", consumer);

        RawHttp.Response response = get(host, "/status/200?apikey=" + key);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("X-RateLimit-Limit-Hour")).isEqualTo("4");
    }

    /**
     * {@value SPEC}: "checks anonymous consumer specific configuration" (key-auth on the route and service with an
     * anonymous consumer, rate-limiting on the route, service and that consumer).
     */
    @Test
    void checks_anonymous_consumer_specific_configuration() throws IOException {
        String host = unique("api3") + ".test";
        String service = service();
        String route = route(service, host);
        String anonymous = consumer(unique("anonymous"), null);
        plugin("key-auth", body("anonymous", anonymous), "route", route, "service", service);
        plugin("rate-limiting", hour(5), "route", route, "service", service, "consumer", anonymous);

        RawHttp.Response response = get(host, "/status/200");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("X-RateLimit-Limit-Hour")).isEqualTo("5");
    }

    /** A route with key-auth on it (the request has no key: key-auth ends it with 401); returns the route's id. */
    private static String shortCircuitedRoute(String host) {
        String route = route(service(), host);
        plugin("key-auth", body(), "route", route);
        return route;
    }

    /** {@value SPEC}: short-circuited requests "execute a log plugin" (file-log on the route). */
    @Test
    void execute_a_log_plugin() throws Exception {
        String host = unique("mock-upstream") + ".test";
        String route = shortCircuitedRoute(host);
        Path file = dir.resolve(unique("short-circuited") + ".log");
        plugin("file-log", body("path", file.toString()), "route", route);
        String uuid = UUID.randomUUID().toString();

        RawHttp.Response response = get(host, "/status/200", "X-UUID", uuid);

        assertThat(response.status()).as(response.body()).isEqualTo(401);
        JsonNode entry = awaitEntry(file, uuid);
        assertThat(entry.path("client_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(entry.path("request").path("headers").path("x-uuid").asText())
                .isEqualTo(uuid);
    }

    /**
     * {@value SPEC}: short-circuited requests "execute a header_filter plugin" (Kong's {@code dummy} test plugin's
     * header: here response-transformer's {@code add.headers}, applied in its header_filter).
     */
    @Test
    void execute_a_header_filter_plugin() throws IOException {
        String host = unique("mock-upstream") + ".test";
        String route = shortCircuitedRoute(host);
        plugin("response-transformer", body("add", body("headers", List.of("dummy-plugin:dummy"))), "route", route);

        RawHttp.Response response = get(host, "/status/200");

        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.header("dummy-plugin")).isNotNull();
    }

    /**
     * {@value SPEC}: short-circuited requests "execute a body_filter plugin" (Kong's {@code dummy} test plugin appends
     * to the body: here response-transformer's {@code add.json}, applied in its body_filter to key-auth's JSON body).
     */
    @Test
    void execute_a_body_filter_plugin() throws IOException {
        String host = unique("mock-upstream") + ".test";
        String route = shortCircuitedRoute(host);
        plugin(
                "response-transformer",
                body("add", body("json", List.of("appended:appended from body filtering"))),
                "route",
                route);

        RawHttp.Response response = get(host, "/status/200");

        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).contains("appended from body filtering");
    }

    /**
     * {@value SPEC}: anonymous reports execution "runs without causing an internal error" (key-auth on the route and
     * service: 401 without a key, 200 with one).
     */
    @Test
    void runs_without_causing_an_internal_error() throws IOException {
        String host = unique("mock-upstream") + ".test";
        String service = service();
        String route = route(service, host);
        plugin("key-auth", body(), "route", route, "service", service);
        String key = unique("abcd");
        consumer(unique("bob"), key);

        assertThat(get(host, "/status/200").status()).isEqualTo(401);
        RawHttp.Response response = get(host, "/status/200", "apikey", key);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** Waits for the JSON line of the request carrying {@code uuid} in {@code file}. */
    static JsonNode awaitEntry(Path file, String uuid) {
        return await().atMost(LOG_WAIT)
                .until(
                        () -> find(
                                file,
                                e -> uuid.equals(e.path("request")
                                        .path("headers")
                                        .path("x-uuid")
                                        .asText())),
                        e -> e != null);
    }

    /** The first JSON line of {@code file} that {@code matches}, or {@code null} (none yet, or no file yet). */
    static @Nullable JsonNode find(Path file, java.util.function.Predicate<JsonNode> matches) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        for (String line : Files.readString(file).lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode json = Http.JSON.readTree(line);
            if (matches.test(json)) {
                return json;
            }
        }
        return null;
    }
}
