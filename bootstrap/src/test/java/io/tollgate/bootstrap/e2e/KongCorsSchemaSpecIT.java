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
 * Kong's {@code spec/03-plugins/13-cors/02-schema_spec.lua} (its 3.x revision) through the Admin API: each config Kong's spec validates
 * is POSTed to {@code /plugins} on a route of its own; a valid one is created (201), an invalid one answers Kong's 400
 * schema violation with the message Kong's spec expects at the offending element. All 14 cases are ported (Kong's
 * nine "should allow &lt;method&gt;" cases as one parameterized test with nine runs).
 */
class KongCorsSchemaSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-cors-schema", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** POSTs a cors plugin with {@code config} on a fresh route. */
    private static Http.Response plugin(Map<String, Object> config) {
        return client.pluginOnNewRoute("cors", config);
    }

    /** Kong's schema violation, returning its {@code fields.config}. */
    private static JsonNode violation(Http.Response response) {
        return KongSpecClient.schemaViolation(response).path("config");
    }

    /** 02-schema_spec origins: "validates '*'". */
    @Test
    void validates_star() {
        ok(plugin(body("origins", List.of("*"))), 201);
    }

    /** 02-schema_spec origins: "validates what looks like a domain". */
    @Test
    void validates_what_looks_like_a_domain() {
        ok(plugin(body("origins", List.of("example.com"))), 201);
    }

    /** 02-schema_spec origins: "validates what looks like a regex". */
    @Test
    void validates_what_looks_like_a_regex() {
        ok(plugin(body("origins", List.of(".*\\.example(?:-foo)?\\.com"))), 201);
    }

    /** 02-schema_spec origins errors: "with invalid regex in origins". */
    @Test
    void with_invalid_regex_in_origins() {
        JsonNode origins = violation(plugin(body("origins", List.of(".*.example.com", "invalid_**regex"))))
                .path("origins");
        assertThat(origins.path(1).asText()).isEqualTo("'invalid_**regex' is not a valid regex");
    }

    /** 02-schema_spec methods: "should allow &lt;method&gt;" (one run per method of Kong's loop). */
    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"})
    void should_allow_method(String method) {
        ok(plugin(body("methods", List.of(method))), 201);
    }

    /**
     * 02-schema_spec methods errors: "with invalid method" (the 3.x revision's case and method order; Kong's newest
     * revision names it "should disallow non-existing " and lists the methods as {@code HEAD, GET, POST, PUT, …}).
     */
    @Test
    void with_invalid_method() {
        JsonNode methods = violation(plugin(body("methods", List.of("FAKE")))).path("methods");
        assertThat(methods.path(0).asText())
                .isEqualTo("expected one of: GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS, TRACE, CONNECT");
    }
}
