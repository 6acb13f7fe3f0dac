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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kong's {@code spec/03-plugins/36-request-transformer/01-schema_spec.lua} through the Admin API: each config Kong's
 * spec validates against the plugin's schema is POSTed to {@code /plugins} on a route of its own; a valid one is
 * created (201), an invalid one answers Kong's 400 schema violation. 9 of the spec's 10 cases are ported (the
 * three per-operation header value cases as one parameterized test); "error for malformed regex pattern in value"
 * is left out: Kong compiles the value as a Lua template and refuses {@code $(uri_captures user2)}, Tollgate (which
 * does not parse Lua) accepts it.
 */
class KongRequestTransformerSchemaSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-request-transformer-schema", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** POSTs a request-transformer with {@code config} on a fresh route. */
    private static Http.Response plugin(Map<String, Object> config) {
        return client.pluginOnNewRoute("request-transformer", config);
    }

    /** Kong's schema violation, returning its {@code fields.config}. */
    private static JsonNode violation(Http.Response response) {
        return KongSpecClient.schemaViolation(response).path("config");
    }

    /** 01-schema_spec: "validates http_method". */
    @Test
    void validates_http_method() {
        ok(plugin(body("http_method", "GET")), 201);
    }

    /** 01-schema_spec: "errors invalid http_method". */
    @Test
    void errors_invalid_http_method() {
        JsonNode config = violation(plugin(body("http_method", "HELLO!")));
        assertThat(config.path("http_method").asText()).isEqualTo("invalid value: HELLO!");
    }

    /** 01-schema_spec: "validates add header values", "… append …", "… replace …". */
    @ParameterizedTest
    @ValueSource(strings = {"add", "append", "replace"})
    void validates_header_values(String operation) {
        ok(plugin(body(operation, body("headers", List.of("X-Test:a value with spaces; and punctuation!")))), 201);
        JsonNode config = violation(plugin(body(operation, body("headers", List.of("X-Test:invalid\rvalue")))));
        assertThat(config.path(operation).path("headers").get(0).asText())
                .isEqualTo("'invalid\rvalue' is not a valid header");
    }

    /** 01-schema_spec: "validates renamed header names". */
    @Test
    void validates_renamed_header_names() {
        JsonNode config = violation(plugin(body("rename", body("headers", List.of("X-Test:not a header name")))));
        assertThat(config.path("rename").path("headers").get(0).asText())
                .isEqualTo("'not a header name' is not a valid header");
    }

    /** 01-schema_spec: "validate regex pattern as value". */
    @Test
    void validate_regex_pattern_as_value() {
        ok(
                plugin(body(
                        "add",
                        body(
                                "querystring",
                                List.of("uri_param1:$(uri_captures.user1)", "uri_param2:$(uri_captures.user2)")))),
                201);
    }

    /** 01-schema_spec: "validate string as value". */
    @Test
    void validate_string_as_value() {
        ok(
                plugin(body(
                        "add", body("querystring", List.of("uri_param1:$(uri_captures.user1)", "uri_param2:value")))),
                201);
    }

    /** 01-schema_spec: "error for missing value". */
    @Test
    void error_for_missing_value() {
        JsonNode config = violation(plugin(body("add", body("querystring", List.of("uri_param2:")))));
        assertThat(config.path("add").path("querystring").get(0).asText()).isEqualTo("key 'uri_param2' has no value");
    }

    /** Tollgate: colons right after the name all separate it from the value, so {@code name::} has no value. */
    @Test
    void error_for_missing_value_after_several_colons() {
        JsonNode config = violation(plugin(body("append", body("headers", List.of("X-Test::")))));
        assertThat(config.path("append").path("headers").get(0).asText()).isEqualTo("key 'X-Test' has no value");
    }
}
