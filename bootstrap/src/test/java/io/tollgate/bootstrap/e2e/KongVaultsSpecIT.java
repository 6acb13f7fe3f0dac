package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.json;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/04-admin_api/19-vaults_spec.lua} (its 3.x revision, {@code /vaults} with Kong's
 * {@code env} vault), all 18 of its cases, against one real node. Kong creates three {@code env} vaults once and
 * truncates between runs; here every case puts vaults of its own under unique prefixes, and the list case filters on a
 * tag of its own. Kong's spec only uses the {@code env} vault, the one Tollgate installs, so every case has a
 * counterpart.
 */
class KongVaultsSpecIT {

    private static final String MISSING_ID = "f4aecadc-05c7-11e6-8d41-1f3b3d5fa15c";

    /** Kong's answer to a vault {@code prefix} of {@code env}, the name of an installed vault. */
    private static final JsonNode PREFIX_ENV_VIOLATION = json("{\"name\":\"schema violation\",\"code\":2,"
            + "\"message\":\"schema violation (prefix: must not be one of: env)\","
            + "\"fields\":{\"prefix\":\"must not be one of: env\"}}");

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-vaults", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** Kong's setup: {@code PUT /vaults/<prefix> {"name":"env"}}, answered 200 with the vault. */
    private static JsonNode envVault(Object... extra) {
        String prefix = unique("env");
        Map<String, Object> body = body(extra);
        body.put("name", "env");
        return ok(client.send("PUT", "/vaults/" + prefix, ContentType.JSON, body), 200);
    }

    private static Http.Response send(String method, String path, Map<String, Object> body) {
        return client.send(method, path, ContentType.JSON, body);
    }

    // ------------------------------------------------------------------------------------------------ /vaults

    /** 19-vaults_spec: "/vaults GET retrieves all vaults configured". */
    @Test
    void retrieves_all_vaults_configured() {
        String tag = unique("vaults-list");
        for (int i = 0; i < 3; i++) {
            envVault("tags", List.of(tag));
        }
        JsonNode json = ok(client.get("/vaults?tags=" + tag), 200);
        assertThat(json.get("data")).hasSize(3);
    }

    /** 19-vaults_spec: "/vaults returns 405 on invalid method". */
    @Test
    void returns_405_on_invalid_method() {
        for (String method : List.of("DELETE", "PATCH")) {
            Http.Response r = send(method, "/vaults", body());
            assertThat(ok(r, 405)).as(method).isEqualTo(json("{\"message\":\"Method not allowed\"}"));
        }
    }

    // ----------------------------------------------------------------------------------- GET /vaults/{vault}

    /** 19-vaults_spec: "/vaults/{vault} GET retrieves a vault by id". */
    @Test
    void retrieves_a_vault_by_id() {
        JsonNode vault = envVault();
        assertThat(ok(client.get("/vaults/" + vault.get("id").asText()), 200)).isEqualTo(vault);
    }

    /** 19-vaults_spec: "/vaults/{vault} GET retrieves a vault by prefix". */
    @Test
    void retrieves_a_vault_by_prefix() {
        JsonNode vault = envVault();
        assertThat(ok(client.get("/vaults/" + vault.get("prefix").asText()), 200))
                .isEqualTo(vault);
    }

    /** 19-vaults_spec: "/vaults/{vault} GET returns 404 if not found by id". */
    @Test
    void returns_404_if_not_found_by_id() {
        assertThat(client.get("/vaults/" + MISSING_ID).status()).isEqualTo(404);
    }

    /** 19-vaults_spec: "/vaults/{vault} GET returns 404 if not found by prefix". */
    @Test
    void returns_404_if_not_found_by_prefix() {
        assertThat(client.get("/vaults/not-found").status()).isEqualTo(404);
    }

    // ----------------------------------------------------------------------------------- PUT /vaults/{vault}

    /** 19-vaults_spec: "/vaults/{vault} PUT can create a vault by id". */
    @Test
    void can_create_a_vault_by_id() {
        String prefix = unique("put-env-id");
        String id = UUID.randomUUID().toString();
        JsonNode json = ok(send("PUT", "/vaults/" + id, body("name", "env", "prefix", prefix)), 200);
        assertThat(json.get("id").asText()).isEqualTo(id);
        assertThat(json.get("prefix").asText()).isEqualTo(prefix);
    }

    /** 19-vaults_spec: "/vaults/{vault} PUT can create a vault by prefix". */
    @Test
    void can_create_a_vault_by_prefix() {
        String prefix = unique("put-env-prefix");
        JsonNode json = ok(send("PUT", "/vaults/" + prefix, body("name", "env")), 200);
        assertThat(json.get("prefix").asText()).isEqualTo(prefix);
    }

    /** 19-vaults_spec: "/vaults/{vault} PUT errors handles invalid input by id". */
    @Test
    void put_handles_invalid_input_by_id() {
        Http.Response r = send("PUT", "/vaults/" + UUID.randomUUID(), body("name", "env", "prefix", "env"));
        assertThat(ok(r, 400)).isEqualTo(PREFIX_ENV_VIOLATION);
    }

    /** 19-vaults_spec: "/vaults/{vault} PUT errors handles invalid input by prefix". */
    @Test
    void put_handles_invalid_input_by_prefix() {
        Http.Response r = send("PUT", "/vaults/env", body("name", "env"));
        assertThat(ok(r, 400))
                .isEqualTo(json(
                        "{\"name\":\"invalid unique prefix\",\"code\":10,\"message\":\"must not be one of: env\"}"));
    }

    // --------------------------------------------------------------------------------- PATCH /vaults/{vault}

    /** 19-vaults_spec: "/vaults/{vault} PATCH updates a vault by id". */
    @Test
    void updates_a_vault_by_id() {
        JsonNode vault = envVault();
        Http.Response r =
                send("PATCH", "/vaults/" + vault.get("id").asText(), body("config", Map.of("prefix", "SSL_")));
        assertThat(ok(r, 200).get("config").get("prefix").asText()).isEqualTo("SSL_");
    }

    /** 19-vaults_spec: "/vaults/{vault} PATCH updates a vault by prefix". */
    @Test
    void updates_a_vault_by_prefix() {
        JsonNode vault = envVault();
        Http.Response r =
                send("PATCH", "/vaults/" + vault.get("prefix").asText(), body("config", Map.of("prefix", "CERT_")));
        assertThat(ok(r, 200).get("config").get("prefix").asText()).isEqualTo("CERT_");
    }

    /** 19-vaults_spec: "/vaults/{vault} PATCH errors handles invalid input by id". */
    @Test
    void patch_handles_invalid_input_by_id() {
        JsonNode vault = envVault();
        Http.Response r = send("PATCH", "/vaults/" + vault.get("id").asText(), body("prefix", "env"));
        assertThat(ok(r, 400)).isEqualTo(PREFIX_ENV_VIOLATION);
    }

    /** 19-vaults_spec: "/vaults/{vault} PATCH errors handles invalid input by prefix". */
    @Test
    void patch_handles_invalid_input_by_prefix() {
        JsonNode vault = envVault();
        Http.Response r = send("PATCH", "/vaults/" + vault.get("prefix").asText(), body("prefix", "env"));
        assertThat(ok(r, 400)).isEqualTo(PREFIX_ENV_VIOLATION);
    }

    /** 19-vaults_spec: "/vaults/{vault} PATCH errors returns 404 if not found". */
    @Test
    void patch_returns_404_if_not_found() {
        assertThat(send("PATCH", "/vaults/" + MISSING_ID, body("prefix", "env")).status())
                .isEqualTo(404);
    }

    // -------------------------------------------------------------------------------- DELETE /vaults/{vault}

    /** 19-vaults_spec: "/vaults/{vault} DELETE deletes by id". */
    @Test
    void deletes_by_id() {
        String id = envVault().get("id").asText();
        assertThat(client.get("/vaults/" + id).status()).isEqualTo(200);
        assertThat(client.delete("/vaults/" + id).status()).isEqualTo(204);
        assertThat(client.get("/vaults/" + id).status()).isEqualTo(404);
    }

    /** 19-vaults_spec: "/vaults/{vault} DELETE deletes by prefix". */
    @Test
    void deletes_by_prefix() {
        String prefix = envVault().get("prefix").asText();
        assertThat(client.get("/vaults/" + prefix).status()).isEqualTo(200);
        assertThat(client.delete("/vaults/" + prefix).status()).isEqualTo(204);
        assertThat(client.get("/vaults/" + prefix).status()).isEqualTo(404);
    }

    /** 19-vaults_spec: "/vaults/{vault} DELETE returns 204 if not found". */
    @Test
    void returns_204_if_not_found() {
        assertThat(client.delete("/vaults/" + MISSING_ID).status()).isEqualTo(204);
    }
}
