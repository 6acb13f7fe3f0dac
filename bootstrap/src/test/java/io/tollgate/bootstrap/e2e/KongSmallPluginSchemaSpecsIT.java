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
 * Kong's small plugin schema specs through the Admin API, each config Kong's spec validates POSTed to
 * {@code /plugins} on a route of its own (201 when valid, else Kong's 400 schema violation with the messages Kong's
 * spec expects):
 *
 * <ul>
 *   <li>{@code spec/03-plugins/11-correlation-id/02-schema_spec.lua}: 1 of 3 cases (the other two insert a plugin
 *       row by SQL, one of them in hybrid mode: no counterpart);
 *   <li>{@code spec/03-plugins/16-jwt/06-schema_spec.lua}: all 3 cases;
 *   <li>{@code spec/03-plugins/19-hmac-auth/01-schema_spec.lua}: all 4 cases;
 *   <li>{@code spec/03-plugins/04-file-log/02-schema_spec.lua}: all 3 cases.
 * </ul>
 */
class KongSmallPluginSchemaSpecsIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-small-plugin-schemas", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** POSTs plugin {@code name} with {@code config} on a fresh route. */
    private static Http.Response plugin(String name, Map<String, Object> config) {
        String route = client.route("hosts", List.of(KongSpecClient.unique("small-schema") + ".test"))
                .get("id")
                .asText();
        return client.send(
                "POST",
                "/plugins",
                ContentType.JSON,
                body("name", name, "route", Map.of("id", route), "config", config));
    }

    /** Kong's schema violation, returning its {@code fields}. */
    private static JsonNode violation(Http.Response response) {
        JsonNode json = ok(response, 400);
        assertThat(json.path("code").asInt()).isEqualTo(2);
        assertThat(json.path("name").asText()).isEqualTo("schema violation");
        return json.path("fields");
    }

    /** 11-correlation-id/02-schema_spec: "requried field must be included". */
    @Test
    void requried_field_must_be_included() {
        JsonNode fields = violation(plugin("correlation-id", body("generator", KongSpecClient.NULL)));
        assertThat(fields.path("config").path("generator").asText()).isEqualTo("required field missing");
    }

    /** 16-jwt/06-schema_spec: "validates 'maximum_expiration'". */
    @Test
    void validates_maximum_expiration() {
        ok(plugin("jwt", body("maximum_expiration", 60, "claims_to_verify", List.of("exp", "nbf"))), 201);
    }

    /** 16-jwt/06-schema_spec errors: "when 'maximum_expiration' is negative". */
    @Test
    void when_maximum_expiration_is_negative() {
        for (List<String> claims : List.of(List.of("exp", "nbf"), List.of("nbf"))) {
            JsonNode fields = violation(plugin("jwt", body("maximum_expiration", -1, "claims_to_verify", claims)));
            assertThat(fields.path("config"))
                    .as(claims.toString())
                    .isEqualTo(
                            KongSpecClient.json("{\"maximum_expiration\":\"value should be between 0 and 31536000\"}"));
        }
    }

    /** 16-jwt/06-schema_spec errors: "when 'maximum_expiration' is specified without 'exp' in 'claims_to_verify'". */
    @Test
    void when_maximum_expiration_is_specified_without_exp_in_claims_to_verify() {
        JsonNode fields = violation(plugin("jwt", body("maximum_expiration", 60, "claims_to_verify", List.of("nbf"))));
        assertThat(fields.path("config").path("claims_to_verify").asText()).isEqualTo("expected to contain: exp");
    }

    /** 19-hmac-auth/01-schema_spec: "accepts empty config". */
    @Test
    void accepts_empty_config() {
        ok(plugin("hmac-auth", Map.of()), 201);
    }

    /** 19-hmac-auth/01-schema_spec: "accepts correct clock skew". */
    @Test
    void accepts_correct_clock_skew() {
        ok(plugin("hmac-auth", body("clock_skew", 10)), 201);
    }

    /** 19-hmac-auth/01-schema_spec: "errors with negative clock skew". */
    @Test
    void errors_with_negative_clock_skew() {
        JsonNode fields = violation(plugin("hmac-auth", body("clock_skew", -10)));
        assertThat(fields.path("config").path("clock_skew").asText()).isEqualTo("value must be greater than 0");
    }

    /** 19-hmac-auth/01-schema_spec: "errors with wrong algorithm". */
    @Test
    void errors_with_wrong_algorithm() {
        JsonNode fields = violation(plugin("hmac-auth", body("algorithms", List.of("sha1024"))));
        assertThat(fields.path("config").path("algorithms").path(0).asText())
                .isEqualTo("expected one of: hmac-sha1, hmac-sha256, hmac-sha384, hmac-sha512");
    }

    /** 04-file-log/02-schema_spec: "path is required". */
    @Test
    void path_is_required() {
        JsonNode fields = violation(plugin("file-log", body("reopen", true)));
        assertThat(fields).isEqualTo(KongSpecClient.json("{\"config\":{\"path\":\"required field missing\"}}"));
    }

    /** 04-file-log/02-schema_spec: "rejects invalid filename". */
    @Test
    void rejects_invalid_filename() {
        JsonNode fields = violation(plugin("file-log", body("path", "/ovo*", "reopen", true)));
        assertThat(fields).isEqualTo(KongSpecClient.json("{\"config\":{\"path\":\"not a valid filename\"}}"));
    }

    /** 04-file-log/02-schema_spec: "accepts valid filename". */
    @Test
    void accepts_valid_filename() {
        JsonNode created = ok(plugin("file-log", body("path", "/tmp/log.txt", "reopen", true)), 201);
        assertThat(created.path("config").path("path").asText()).isEqualTo("/tmp/log.txt");
    }
}
