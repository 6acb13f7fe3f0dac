package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/23-rate-limiting/01-schema_spec.lua} (its newest revision, with the
 * {@code limit_by = "header"} cases) through the Admin API: each config Kong's spec validates against the plugin's
 * schema is POSTed to {@code /plugins} on a route of its own; a valid one is created (201), an invalid one answers
 * Kong's 400 schema violation carrying the messages Kong's spec expects. All 7 cases are ported.
 */
class KongRateLimitingSchemaSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-rate-limiting-schema", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** POSTs a rate-limiting plugin with {@code config} on a fresh route. */
    private static Http.Response plugin(Map<String, Object> config) {
        return client.pluginOnNewRoute("rate-limiting", config);
    }

    /** Kong's schema violation, returning its {@code fields}. */
    private static JsonNode violation(Http.Response response) {
        return KongSpecClient.schemaViolation(response);
    }

    /** 01-schema_spec: "proper config validates". */
    @Test
    void proper_config_validates() {
        ok(plugin(body("second", 10)), 201);
    }

    /** 01-schema_spec: "proper config validates (bis)". */
    @Test
    void proper_config_validates_bis() {
        ok(plugin(body("second", 10, "minute", 20, "hour", 30, "day", 40, "month", 50, "year", 60)), 201);
    }

    /** 01-schema_spec: "proper config validates (header)". */
    @Test
    void proper_config_validates_header() {
        JsonNode created = ok(plugin(body("second", 10, "limit_by", "header", "header_name", "X-App-Version")), 201);
        assertThat(created.path("config").path("header_name").asText()).isEqualTo("X-App-Version");
    }

    /** 01-schema_spec errors: "limits: smaller unit is less than bigger unit". */
    @Test
    void limits_smaller_unit_is_less_than_bigger_unit() {
        assertThat(violation(plugin(body("second", 20, "hour", 10)))
                        .path("config")
                        .asText())
                .isEqualTo("The limit for hour(10.0) cannot be lower than the limit for second(20.0)");
    }

    /** 01-schema_spec errors: "limits: smaller unit is less than bigger unit (bis)". */
    @Test
    void limits_smaller_unit_is_less_than_bigger_unit_bis() {
        JsonNode fields =
                violation(plugin(body("second", 10, "minute", 20, "hour", 30, "day", 40, "month", 60, "year", 50)));
        assertThat(fields.path("config").asText())
                .isEqualTo("The limit for year(50.0) cannot be lower than the limit for month(60.0)");
    }

    /** 01-schema_spec errors: "invalid limit". */
    @Test
    void invalid_limit() {
        JsonNode fields = violation(plugin(Map.of()));
        assertThat(KongSpecClient.texts(fields.path("@entity")))
                .containsExactly("at least one of these fields must be non-empty: 'config.second',"
                        + " 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'");
    }

    /** 01-schema_spec errors: "is limited by header but the header_name field is missing". */
    @Test
    void is_limited_by_header_but_the_header_name_field_is_missing() {
        JsonNode fields = violation(plugin(body("second", 10, "limit_by", "header")));
        assertThat(fields.path("config").path("header_name").asText()).isEqualTo("required field missing");
    }
}
