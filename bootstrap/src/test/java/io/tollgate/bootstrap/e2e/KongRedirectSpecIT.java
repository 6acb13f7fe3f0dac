package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's redirect plugin specs, {@code spec/03-plugins/45-redirect/}: {@code 01-schema_spec.lua} (9 cases, each
 * config POSTed to {@code /plugins} on a route of its own: 201, or Kong's 400 schema violation),
 * {@code 02-access_spec.lua} (4 cases) and {@code 03-integration_spec.lua} (1 case). All 14 are ported. Kong's
 * integration spec enables key-auth globally on a node of its own; here it is enabled on that case's route, so the
 * other cases' routes stay open.
 */
class KongRedirectSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static String service;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-redirect", dir, Map.of());
        client = new KongSpecClient(node.admin());
        // the plugin answers in access: the service is never contacted
        service = client.create("/services", body("name", "redirect-service", "url", "http://127.0.0.1:9"))
                .get("id")
                .asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** A route for a fresh host named after {@code name}; returns its id. */
    private static String route(String host) {
        return client.route("hosts", List.of(host), "service", Map.of("id", service))
                .get("id")
                .asText();
    }

    /** POSTs a redirect plugin with {@code config} on a fresh route. */
    private static Http.Response plugin(Map<String, Object> config) {
        String route = route(KongSpecClient.unique("redirect-schema") + ".test");
        return client.send(
                "POST",
                "/plugins",
                ContentType.JSON,
                body("name", "redirect", "route", Map.of("id", route), "config", config));
    }

    /** A route for a fresh host with a redirect configured as {@code config}; returns the host. */
    private static String redirected(String name, Map<String, Object> config) {
        String host = KongSpecClient.unique(name) + ".redirect.test";
        client.create("/plugins", body("name", "redirect", "route", Map.of("id", route(host)), "config", config));
        return host;
    }

    /** Kong's schema violation, returning its {@code fields.config}. */
    private static JsonNode violation(Http.Response response) {
        return KongSpecClient.schemaViolation(response).path("config");
    }

    private static RawHttp.Response get(String host, String target) throws Exception {
        return RawHttp.request("GET", host, target).send(node.proxyPort);
    }

    // ------------------------------------------------------------------------ 01-schema_spec

    /** 01-schema_spec: "should accept a valid status_code". */
    @Test
    void should_accept_a_valid_status_code() {
        ok(plugin(body("status_code", 404, "location", "https://example.com")), 201);
    }

    /** 01-schema_spec: "should accept a valid location". */
    @Test
    void should_accept_a_valid_location() {
        JsonNode created = ok(plugin(body("location", "https://example.com")), 201);
        assertThat(created.path("config").path("status_code").asInt()).isEqualTo(301);
        assertThat(created.path("config").path("keep_incoming_path").asBoolean())
                .isFalse();
    }

    /** 01-schema_spec: "errors status_code should only accept integers". */
    @Test
    void status_code_should_only_accept_integers() {
        JsonNode config = violation(plugin(body("status_code", "abcd", "location", "https://example.com")));
        assertThat(config.path("status_code").asText()).isEqualTo("expected an integer");
    }

    /** 01-schema_spec: "errors status_code is not nullable". */
    @Test
    void status_code_is_not_nullable() {
        Map<String, Object> config = new HashMap<>();
        config.put("status_code", null);
        config.put("location", "https://example.com");
        assertThat(violation(plugin(config)).path("status_code").asText()).isEqualTo("required field missing");
    }

    /** 01-schema_spec: "errors status_code &lt; 100". */
    @Test
    void status_code_below_100() {
        JsonNode config = violation(plugin(body("status_code", 99, "location", "https://example.com")));
        assertThat(config.path("status_code").asText()).isEqualTo("value should be between 100 and 599");
    }

    /** 01-schema_spec: "errors status_code &gt; 599". */
    @Test
    void status_code_above_599() {
        JsonNode config = violation(plugin(body("status_code", 600, "location", "https://example.com")));
        assertThat(config.path("status_code").asText()).isEqualTo("value should be between 100 and 599");
    }

    /** 01-schema_spec: "errors location is required". */
    @Test
    void location_is_required() {
        JsonNode config = violation(plugin(body("status_code", 301)));
        assertThat(config.path("location").asText()).isEqualTo("required field missing");
    }

    /** 01-schema_spec: "errors location must be a url". */
    @Test
    void location_must_be_a_url() {
        JsonNode config = violation(plugin(body("status_code", 301, "location", "definitely_not_a_url")));
        assertThat(config.path("location").asText()).isEqualTo("missing host in url");
    }

    /** 01-schema_spec: "errors incoming_path must be a boolean". */
    @Test
    void incoming_path_must_be_a_boolean() {
        JsonNode config = violation(
                plugin(body("status_code", 301, "location", "https://example.com", "keep_incoming_path", "invalid")));
        assertThat(config.path("keep_incoming_path").asText()).isEqualTo("expected a boolean");
    }

    // ------------------------------------------------------------------------ 02-access_spec

    /** 02-access_spec: "status code default status code". */
    @Test
    void default_status_code() throws Exception {
        String host = redirected("api1", body("location", "https://example.com"));
        assertThat(get(host, "/status/200").status()).isEqualTo(301);
    }

    /** 02-access_spec: "status code custom status code". */
    @Test
    void custom_status_code() throws Exception {
        String host = redirected("api2", body("status_code", 302, "location", "https://example.com"));
        assertThat(get(host, "/status/200").status()).isEqualTo(302);
    }

    /** 02-access_spec: "location header supports path and query params in location". */
    @Test
    void supports_path_and_query_params_in_location() throws Exception {
        String host = redirected("api3", body("location", "https://example.com/path?foo=bar"));
        assertThat(get(host, "/status/200").header("Location")).isEqualTo("https://example.com/path?foo=bar");
    }

    /** 02-access_spec: "location header keeps the existing redirect URL". */
    @Test
    void keeps_the_existing_redirect_url() throws Exception {
        String host = redirected(
                "api4", body("location", "https://example.com/some_path?foo=bar", "keep_incoming_path", true));
        assertThat(get(host, "/status/200?keep=this").header("Location"))
                .isEqualTo("https://example.com/status/200?keep=this");
    }

    // ------------------------------------------------------------------------ 03-integration_spec

    /** 03-integration_spec: "can be applied on a consumer". */
    @Test
    void can_be_applied_on_a_consumer() throws Exception {
        String host = KongSpecClient.unique("integration") + ".redirect.test";
        String route = route(host);
        client.create("/plugins", body("name", "key-auth", "route", Map.of("id", route)));
        String consumer = client.create("/consumers", body("username", KongSpecClient.unique("bob")))
                .get("id")
                .asText();
        String key = KongSpecClient.unique("kong");
        client.create("/consumers/" + consumer + "/key-auth", body("key", key));

        ok(
                client.send(
                        "POST",
                        "/plugins",
                        ContentType.JSON,
                        body(
                                "name", "redirect",
                                "config", body("location", "https://example.com/path?foo=bar"),
                                "consumer", Map.of("id", consumer))),
                201);

        AtomicReference<RawHttp.Response> last = new AtomicReference<>();
        RawHttp.await(
                () -> {
                    RawHttp.Response response = RawHttp.request("GET", host, "/request")
                            .header("apikey", key)
                            .send(node.proxyPort);
                    last.set(response);
                    return response.status() == 301;
                },
                Duration.ofSeconds(10));
        assertThat(last.get().header("Location")).isEqualTo("https://example.com/path?foo=bar");
    }
}
