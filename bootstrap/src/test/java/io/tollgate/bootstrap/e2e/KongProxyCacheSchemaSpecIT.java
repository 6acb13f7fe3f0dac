package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/31-proxy-cache/01-schema_spec.lua} (its 3.x revision) through the Admin API: each
 * config Kong's spec validates against the plugin's schema is POSTed to {@code /plugins} on a route of its own; a
 * valid one is created (201), an invalid one answers Kong's 400 schema violation with the messages Kong's spec
 * expects under {@code fields.config}. All 14 cases are ported (Kong's newest, post-3.x revision adds a 15th, a
 * default {@code vary_headers} of {@code Accept-Encoding}, which released 3.x does not have).
 */
class KongProxyCacheSchemaSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-proxy-cache-schema", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** POSTs a proxy-cache plugin with {@code strategy = "memory"} plus {@code pairs} on a fresh route. */
    private static Http.Response plugin(Object... pairs) {
        Map<String, Object> config = body("strategy", "memory");
        config.putAll(body(pairs));
        return client.pluginOnNewRoute("proxy-cache", config);
    }

    /** Kong's schema violation, returning its {@code fields.config}. */
    private static JsonNode violation(Http.Response response) {
        return KongSpecClient.schemaViolation(response).path("config");
    }

    /** 01-schema_spec: "accepts a minimal config". */
    @Test
    void accepts_a_minimal_config() {
        ok(plugin(), 201);
    }

    /** 01-schema_spec: "defines default content-type values". */
    @Test
    void defines_default_content_type_values() {
        JsonNode created = ok(plugin(), 201);
        assertThat(KongSpecClient.texts(created.path("config").path("content_type")))
                .containsExactly("text/plain", "application/json");
    }

    /** 01-schema_spec: "accepts a config with custom values". */
    @Test
    void accepts_a_config_with_custom_values() {
        ok(
                plugin(
                        "response_code",
                        List.of(200, 301),
                        "request_method",
                        List.of("GET"),
                        "content_type",
                        List.of("application/json")),
                201);
    }

    /** 01-schema_spec: "accepts an array of numbers as strings". */
    @Test
    void accepts_an_array_of_numbers_as_strings() {
        ok(plugin("response_code", List.of(123, 200)), 201);
    }

    /** 01-schema_spec: "errors with invalid response_code". */
    @Test
    void errors_with_invalid_response_code() {
        assertThat(KongSpecClient.texts(
                        violation(plugin("response_code", List.of(99))).path("response_code")))
                .containsExactly("value should be between 100 and 900");
    }

    /** 01-schema_spec: "errors if response_code is an empty array". */
    @Test
    void errors_if_response_code_is_an_empty_array() {
        assertThat(violation(plugin("response_code", List.of()))
                        .path("response_code")
                        .asText())
                .isEqualTo("length must be at least 1");
    }

    /** 01-schema_spec: "errors if response_code is a string". */
    @Test
    void errors_if_response_code_is_a_string() {
        assertThat(violation(plugin("response_code", "")).path("response_code").asText())
                .isEqualTo("expected an array");
    }

    /** 01-schema_spec: "errors if response_code has non-numeric values". */
    @Test
    void errors_if_response_code_has_non_numeric_values() {
        JsonNode codes =
                violation(plugin("response_code", List.of(true, "alo", 123))).path("response_code");
        assertThat(KongSpecClient.texts(codes)).containsExactly("expected an integer", "expected an integer");
    }

    /** 01-schema_spec: "errors if response_code has float value". */
    @Test
    void errors_if_response_code_has_float_value() {
        assertThat(KongSpecClient.texts(
                        violation(plugin("response_code", List.of(123.5))).path("response_code")))
                .containsExactly("expected an integer");
    }

    /** 01-schema_spec: "errors with invalid ttl". */
    @Test
    void errors_with_invalid_ttl() {
        assertThat(violation(plugin("cache_ttl", -1)).path("cache_ttl").asText())
                .isEqualTo("value must be greater than 0");
    }

    /** 01-schema_spec: "supports vary_query_params values". */
    @Test
    void supports_vary_query_params_values() {
        ok(plugin("vary_query_params", List.of("foo")), 201);
    }

    /** 01-schema_spec: "supports vary_headers values". */
    @Test
    void supports_vary_headers_values() {
        ok(plugin("vary_headers", List.of("foo")), 201);
    }

    /** 01-schema_spec: "accepts wildcard content_type". */
    @Test
    void accepts_wildcard_content_type() {
        ok(plugin("content_type", List.of("application/*", "*/text")), 201);
        ok(plugin("content_type", List.of("*/*")), 201);
    }

    /** 01-schema_spec: "accepts content_type with parameter". */
    @Test
    void accepts_content_type_with_parameter() {
        ok(plugin("content_type", List.of("application/json; charset=UTF-8")), 201);
    }
}
