package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/24-response-rate-limiting/01-schema_spec.lua} (its 3.x revision, with the
 * {@code redis} record cases) and {@code 03-api_spec.lua} through the Admin API: each config Kong's schema spec
 * validates against the plugin's schema is POSTed to {@code /plugins} on a route of its own; a valid one is created
 * (201), an invalid one answers Kong's 400 schema violation. All 11 cases of {@code 01-schema_spec} and both of
 * {@code 03-api_spec} (which Kong runs per buffering mode: here once, on a route with buffering off) are ported.
 */
class KongResponseRateLimitingSchemaSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-response-ratelimiting-schema", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** POSTs a response-ratelimiting plugin with {@code config} on a fresh route. */
    private static Http.Response plugin(Map<String, Object> config) {
        return client.pluginOnNewRoute("response-ratelimiting", config);
    }

    /** Kong's schema violation, returning its {@code fields.config}. */
    private static JsonNode violation(Http.Response response) {
        return KongSpecClient.schemaViolation(response).path("config");
    }

    /** Kong's {@code { video = periods }}. */
    private static Map<String, Object> video(Object... periods) {
        return body("limits", body("video", body(periods)));
    }

    /** 01-schema_spec: "proper config validates". */
    @Test
    void proper_config_validates() {
        ok(plugin(video("second", 1)), 201);
    }

    /** 01-schema_spec: "proper config validates (bis)". */
    @Test
    void proper_config_validates_bis() {
        ok(plugin(video("second", 1, "minute", 2, "hour", 3, "day", 4, "month", 5, "year", 6)), 201);
    }

    /** 01-schema_spec errors: "empty config". */
    @Test
    void empty_config() {
        assertThat(violation(plugin(Map.of())).path("limits").asText()).isEqualTo("required field missing");
        assertThat(violation(plugin(body("limits", Map.of()))).path("limits").asText())
                .isEqualTo("length must be at least 1");
    }

    /** 01-schema_spec errors: "invalid limit". */
    @Test
    void invalid_limit() {
        assertThat(violation(plugin(video("seco", 1)))
                        .path("limits")
                        .path("seco")
                        .asText())
                .isEqualTo("unknown field");
    }

    /** 01-schema_spec errors: "limits: 'null' value does not cause 500, issue #8314". */
    @Test
    void limits_null_value_does_not_cause_500_issue_8314() {
        ok(plugin(video("second", KongSpecClient.NULL, "minute", 1)), 201);
    }

    /** 01-schema_spec errors: "limits: smaller unit is less than bigger unit". */
    @Test
    void limits_smaller_unit_is_less_than_bigger_unit() {
        assertThat(violation(plugin(video("second", 2, "minute", 1)))
                        .path("limits")
                        .asText())
                .isEqualTo("the limit for minute(1.0) cannot be lower than the limit for second(2.0)");
    }

    /** 01-schema_spec errors: "limits: smaller unit is less than bigger unit (bis)". */
    @Test
    void limits_smaller_unit_is_less_than_bigger_unit_bis() {
        JsonNode config =
                violation(plugin(video("second", 1, "minute", 2, "hour", 3, "day", 4, "month", 6, "year", 5)));
        assertThat(config.path("limits").asText())
                .isEqualTo("the limit for year(5.0) cannot be lower than the limit for month(6.0)");
    }

    /** 01-schema_spec errors: "invaldid unit type". */
    @Test
    void invaldid_unit_type() {
        assertThat(violation(plugin(body("limits", body("second", 10))))
                        .path("limits")
                        .asText())
                .isEqualTo("expected a record");
    }

    /** 01-schema_spec errors: "proper config validates with redis new structure". */
    @Test
    void proper_config_validates_with_redis_new_structure() {
        Map<String, Object> config = video("second", 10);
        config.put("policy", "redis");
        config.put(
                "redis",
                body(
                        "host",
                        "127.0.0.1",
                        "port",
                        6379,
                        "database",
                        0,
                        "username",
                        "test",
                        "password",
                        "testXXX",
                        "ssl",
                        true,
                        "ssl_verify",
                        false,
                        "timeout",
                        1100,
                        "server_name",
                        "test.test"));
        ok(plugin(config), 201);
    }

    /** 01-schema_spec errors: "proper config validates with redis legacy structure". */
    @Test
    void proper_config_validates_with_redis_legacy_structure() {
        Map<String, Object> config = video("second", 10);
        config.putAll(body(
                "policy",
                "redis",
                "redis_host",
                "127.0.0.1",
                "redis_port",
                6379,
                "redis_database",
                0,
                "redis_username",
                "test",
                "redis_password",
                "testXXX",
                "redis_ssl",
                true,
                "redis_ssl_verify",
                false,
                "redis_timeout",
                1100,
                "redis_server_name",
                "test.test"));
        ok(plugin(config), 201);
    }

    /** 01-schema_spec errors: "verifies that redis required fields are supplied". */
    @Test
    void verifies_that_redis_required_fields_are_supplied() {
        Map<String, Object> config = video("second", 10);
        config.put("policy", "redis");
        config.put(
                "redis",
                body(
                        "port",
                        6379,
                        "database",
                        0,
                        "username",
                        "test",
                        "password",
                        "testXXX",
                        "ssl",
                        true,
                        "ssl_verify",
                        false,
                        "timeout",
                        1100,
                        "server_name",
                        "test.test"));
        assertThat(violation(plugin(config)).path("redis").path("host").asText())
                .isEqualTo("required field missing");
    }

    // ------------------------------------------------------------------------ 03-api_spec

    /** A route of its own with request and response buffering off; returns its id. */
    private static String unbufferedRoute() {
        return client.route(
                        "hosts",
                        List.of(KongSpecClient.unique("rrl-api") + ".test"),
                        "request_buffering",
                        false,
                        "response_buffering",
                        false)
                .get("id")
                .asText();
    }

    /** 03-api_spec POST: "errors on empty config". */
    @Test
    void errors_on_empty_config() {
        JsonNode json = ok(
                client.send(
                        "POST",
                        "/plugins",
                        ContentType.JSON,
                        body("name", "response-ratelimiting", "route", Map.of("id", unbufferedRoute()))),
                400);
        assertThat(json)
                .isEqualTo(KongSpecClient.json(KongSpecClient.encode(
                        ContentType.JSON,
                        body(
                                "code",
                                2,
                                "name",
                                "schema violation",
                                "fields",
                                body("config", body("limits", "required field missing")),
                                "message",
                                "schema violation (config.limits: required field missing)"))));
    }

    /** 03-api_spec POST: "accepts proper config". */
    @Test
    void accepts_proper_config() {
        JsonNode json = ok(
                client.send(
                        "POST",
                        "/plugins",
                        ContentType.JSON,
                        body(
                                "name",
                                "response-ratelimiting",
                                "route",
                                Map.of("id", unbufferedRoute()),
                                "config",
                                video("second", 10))),
                201);
        assertThat(json.path("config")
                        .path("limits")
                        .path("video")
                        .path("second")
                        .asInt())
                .isEqualTo(10);
    }
}
