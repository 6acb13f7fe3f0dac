package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/11-correlation-id/01-access_spec.lua} (its newest 3.x revision: {@code .test}
 * hosts, the request-termination and log serializer cases): the correlation-id plugin on the proxy path against one
 * real node proxying to {@link KongMockUpstream}. 13 of the spec's 15 cases are ported; "increments the counter part
 * #grpc" (a gRPC server) and "echo_downstream sends uuid back to client even there is a runtime error" (Kong's
 * {@code error-generator-last} test plugin) have no counterpart. The routes and plugins of the spec's
 * {@code lazy_setup} are created once; no case writes.
 */
class KongCorrelationIdAccessSpecIT {

    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final Pattern UUID_PATTERN = Pattern.compile(UUID);
    static final Pattern UUID_COUNTER_PATTERN = Pattern.compile(UUID + "#(\\d+)");
    static final Pattern TRACKER_PATTERN =
            Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+-\\d+-\\d+-\\d+-\\d+-\\d{10}\\.\\d{3}");

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static String service;
    static Path fileLog;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-correlation-id-access", dir, Map.of());
        client = new KongSpecClient(node.admin());
        service = id(client.create("/services", body("name", "mock", "url", mock.url())));
        fileLog = dir.resolve("correlation-file.log");

        correlation("correlation1.test", body());
        correlation("correlation2.test", body("header_name", "Foo-Bar-Id"));
        correlation("correlation3.test", body("generator", "uuid", "echo_downstream", true));
        correlation("correlation-tracker.test", body("generator", "tracker"));
        String route5 = correlation("correlation5.test", body("generator", "uuid", "echo_downstream", true));
        plugin("request-termination", route5, body("status_code", 418, "message", "I'm a teapot"));

        // a service nothing listens on (Kong's 127.0.0.2:26865)
        String refused = id(client.create("/services", body("name", "refused", "url", "http://127.0.0.2:26865")));
        String timeout = id(client.create(
                "/routes", body("hosts", List.of("correlation-timeout.test"), "service", Map.of("id", refused))));
        plugin("correlation-id", timeout, body("generator", "uuid", "echo_downstream", true));

        String serializer = route("correlation-serializer.test");
        plugin("file-log", serializer, body("path", fileLog.toString(), "reopen", true));
        plugin("correlation-id", serializer, body());
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

    private static String route(String host) {
        return id(client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
    }

    /** A route on {@code host} to the mock with a correlation-id plugin of this config; returns the route's id. */
    private static String correlation(String host, Map<String, Object> config) {
        String route = route(host);
        plugin("correlation-id", route, config);
        return route;
    }

    private static void plugin(String name, String route, Map<String, Object> config) {
        client.create("/plugins", body("name", name, "route", Map.of("id", route), "config", config));
    }

    private static RawHttp.Response get(String host, String... headers) throws IOException {
        RawHttp.Request request = RawHttp.request("GET", host, "/request");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    private static RawHttp.Response status(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    /** The header the upstream received, from the mock's echo (200). */
    private static String upstream(RawHttp.Response response, String header) {
        JsonNode headers = status(response, 200).json().get("headers");
        assertThat(headers.has(header)).as(headers.toString()).isTrue();
        return headers.get(header).asText();
    }

    /** Lua's {@code assert.matches}: the pattern found anywhere in the value; returns the match. */
    private static Matcher matches(Pattern pattern, String value) {
        Matcher matcher = pattern.matcher(value);
        assertThat(matcher.find()).as(value + " matches " + pattern).isTrue();
        return matcher;
    }

    // ------------------------------------------------------------------------ uuid-worker generator

    /**
     * 01-access_spec: "uuid-worker generator increments the counter part". Kong's counter starts with the node and
     * its case runs first ({@code #1}, {@code #2}); here two consecutive requests get consecutive counters.
     */
    @Test
    void uuid_worker_increments_the_counter_part() throws IOException {
        String id1 = upstream(get("correlation1.test"), "kong-request-id");
        String id2 = upstream(get("correlation1.test"), "kong-request-id");
        long counter1 = Long.parseLong(matches(UUID_COUNTER_PATTERN, id1).group(1));
        long counter2 = Long.parseLong(matches(UUID_COUNTER_PATTERN, id2).group(1));
        assertThat(id1).isNotEqualTo(id2);
        assertThat(id1).endsWith("#" + counter1);
        assertThat(id2).endsWith("#" + counter2);
        assertThat(counter2).isEqualTo(counter1 + 1);
    }

    // ------------------------------------------------------------------------ uuid / tracker generators

    /** 01-access_spec: "uuid generator generates a unique UUID for every request". */
    @Test
    void uuid_generates_a_unique_uuid_for_every_request() throws IOException {
        String id1 = upstream(get("correlation3.test"), "kong-request-id");
        String id2 = upstream(get("correlation3.test"), "kong-request-id");
        matches(UUID_PATTERN, id1);
        matches(UUID_PATTERN, id2);
        assertThat(id1).isNotEqualTo(id2);
    }

    /** 01-access_spec: "tracker generator generates a unique tracker id for every request". */
    @Test
    void tracker_generates_a_unique_tracker_id_for_every_request() throws IOException {
        String id1 = upstream(get("correlation-tracker.test"), "kong-request-id");
        String id2 = upstream(get("correlation-tracker.test"), "kong-request-id");
        matches(TRACKER_PATTERN, id1);
        matches(TRACKER_PATTERN, id2);
        assertThat(id1).isNotEqualTo(id2);
    }

    // ------------------------------------------------------------------------ config options

    /** 01-access_spec: "config options echo_downstream sends uuid back to client". */
    @Test
    void config_echo_downstream_sends_uuid_back_to_client() throws IOException {
        RawHttp.Response res = get("correlation3.test");
        String upstreamId = upstream(res, "kong-request-id");
        matches(UUID_PATTERN, upstreamId);
        assertThat(res.header("kong-request-id")).isEqualTo(upstreamId);
    }

    /** 01-access_spec: "config options echo_downstream sends uuid back to client even when upstream timeouts". */
    @Test
    void config_echo_downstream_sends_uuid_back_to_client_even_when_upstream_timeouts() throws IOException {
        RawHttp.Response res = status(get("correlation-timeout.test"), 502);
        assertThat(res.header("kong-request-id")).isNotNull();
        matches(UUID_PATTERN, res.header("kong-request-id"));
    }

    /** 01-access_spec: "config options echo_downstream does not send uuid back to client if not asked". */
    @Test
    void config_echo_downstream_does_not_send_uuid_back_to_client_if_not_asked() throws IOException {
        assertThat(status(get("correlation2.test"), 200).header("kong-request-id"))
                .isNull();
    }

    /** 01-access_spec: "config options uses a custom header name". */
    @Test
    void config_uses_a_custom_header_name() throws IOException {
        matches(UUID_PATTERN, upstream(get("correlation2.test"), "foo-bar-id"));
    }

    // ------------------------------------------------------------------------ incoming headers

    /** 01-access_spec: "preserves an already existing header". */
    @Test
    void preserves_an_already_existing_header() throws IOException {
        assertThat(upstream(get("correlation2.test", "Kong-Request-ID", "foobar"), "kong-request-id"))
                .isEqualTo("foobar");
    }

    /** 01-access_spec: "does not preserve an already existing empty header". */
    @Test
    void does_not_preserve_an_already_existing_empty_header() throws IOException {
        assertThat(upstream(get("correlation2.test", "Kong-Request-ID", ""), "kong-request-id"))
                .isNotEqualTo("foobar");
    }

    /** 01-access_spec: "does not preserve an already existing header with space only". */
    @Test
    void does_not_preserve_an_already_existing_header_with_space_only() throws IOException {
        assertThat(upstream(get("correlation2.test", "Kong-Request-ID", " "), "kong-request-id"))
                .isNotEqualTo("foobar");
    }

    /** 01-access_spec: "executes with echo_downstream when access did not execute". */
    @Test
    void executes_with_echo_downstream_when_access_did_not_execute() throws IOException {
        RawHttp.Response res = status(get("correlation5.test"), 418);
        assertThat(res.header("kong-request-id")).isNotNull();
        matches(UUID_PATTERN, res.header("kong-request-id"));
    }

    /** 01-access_spec: "echoes incoming with echo_downstream when access did not execute". */
    @Test
    void echoes_incoming_with_echo_downstream_when_access_did_not_execute() throws IOException {
        RawHttp.Response res = status(get("correlation5.test", "kong-request-id", "my very personal id"), 418);
        assertThat(res.header("kong-request-id")).isEqualTo("my very personal id");
    }

    // ------------------------------------------------------------------------ log serializer

    /** 01-access_spec: "log serializer contains the Correlation ID". */
    @Test
    void log_serializer_contains_the_correlation_id() throws IOException {
        RawHttp.Response res = RawHttp.request("GET", "correlation-serializer.test", "/")
                .header("Kong-Request-ID", "1234")
                .send(node.proxyPort);
        status(res, 200);
        AtomicReference<JsonNode> entry = new AtomicReference<>();
        RawHttp.await(
                () -> {
                    String data = Files.readString(fileLog).strip();
                    entry.set(new ObjectMapper()
                            .readTree(data.substring(
                                    data.indexOf('{'), data.indexOf('\n') < 0 ? data.length() : data.indexOf('\n'))));
                    return true;
                },
                Duration.ofSeconds(10));
        String requestId = entry.get().at("/request/id").asText();
        assertThat(requestId).matches("^[a-f0-9]+$").hasSize(32);
        assertThat(entry.get().get("correlation_id").asText()).isEqualTo("1234");
    }
}
