package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.json;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.shared.TollgateVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/04-admin_api/02-kong_routes_spec.lua} (its 3.x revision: {@code GET /},
 * {@code /endpoints}, {@code /status}, {@code /schemas/...}, unknown paths, and a configured {@code node_id}) against
 * one real node on its embedded PostgreSQL, started as Kong's spec starts its node, with a {@code pg_password} that
 * must not be shown (the embedded database does not use it). Nothing here writes an entity, so the cases share the
 * node freely.
 *
 * <p>Of the spec's 41 {@code it} cases (counted once, though Kong runs them per strategy), 2 ({@code HEAD} and
 * {@code OPTIONS} on {@code /}) are in adapters-http's {@code KongAdminSpecIT}, and 2 have no counterpart: the
 * {@code off}-strategy (DB-less) {@code configuration_hash} case, and the one restarting Kong with two nginx worker
 * processes (a node is one JVM process). Kong's {@code /endpoints} case also looks for its {@code reports-api} test
 * plugin's endpoint, which has no counterpart; the rest of that case is asserted. "All DB entities" are those
 * Tollgate stores (Kong's {@code workspaces}, {@code tags}, {@code parameters}, {@code clustering_data_planes},
 * {@code filter_chains} and the oauth2/session plugins' tables are not entities here). {@code Server} names Tollgate
 * ({@code tollgate/<version>}), the deliberate difference the README lists.
 */
class KongRootRoutesSpecIT {

    private static final String PG_PASSWORD = "hide_me";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-root", dir, Map.of("pg_password", PG_PASSWORD));
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static Http.Response send(String method, String path) {
        return Http.send(method, node.admin() + path, null);
    }

    // ----------------------------------------------------------------------------------------------------- GET /

    /** 02-kong_routes_spec, "/": "returns Kong's version number, edition info and tagline". */
    @Test
    void returns_kongs_version_number_edition_info_and_tagline() {
        JsonNode json = ok(client.get("/"), 200);
        assertThat(json.get("version").asText()).isEqualTo(TollgateVersion.current());
        assertThat(json.get("edition").asText()).isEqualTo("community");
        assertThat(json.get("tagline").asText()).isEqualTo("Welcome to kong");
    }

    /** 02-kong_routes_spec, "/": "returns a UUID as the node_id". */
    @Test
    void returns_a_uuid_as_the_node_id() {
        assertThat(ok(client.get("/"), 200).get("node_id").asText()).matches(UUID_PATTERN);
    }

    /**
     * 02-kong_routes_spec, "/": "response has the correct Server header" ({@code tollgate/<version>}: the README's
     * deliberate difference; Kong's is {@code kong/<version>}).
     */
    @Test
    void response_has_the_correct_server_header() {
        Http.Response response = client.get("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Server")).isEqualTo("tollgate/" + TollgateVersion.current());
        assertThat(response.header("Via")).isNull();
    }

    /** 02-kong_routes_spec, "/": "returns 405 on invalid method". */
    @Test
    void returns_405_on_invalid_method() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "GEEEET")) {
            Http.Response response = client.send(method, "/", ContentType.JSON, body());
            assertThat(response.status()).as(method + " " + response.body()).isEqualTo(405);
            assertThat(response.json()).as(method).isEqualTo(json("{\"message\":\"Method not allowed\"}"));
        }
    }

    /** 02-kong_routes_spec, "/": "exposes the node's configuration". */
    @Test
    void exposes_the_nodes_configuration() {
        assertThat(ok(client.get("/"), 200).get("configuration").isObject()).isTrue();
    }

    /** 02-kong_routes_spec, "/": "enabled_in_cluster property is an array" (no plugin is configured on this node). */
    @Test
    void enabled_in_cluster_property_is_an_array() {
        Http.Response response = client.get("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"enabled_in_cluster\":[]");
    }

    /** 02-kong_routes_spec, "/": "obfuscates sensitive settings from the configuration". */
    @Test
    void obfuscates_sensitive_settings_from_the_configuration() {
        JsonNode password = ok(client.get("/"), 200).get("configuration").get("pg_password");
        assertThat(password.isTextual()).as(String.valueOf(password)).isTrue();
        assertThat(password.asText()).isNotEqualTo(PG_PASSWORD);
    }

    /** 02-kong_routes_spec, "/": "returns process ids". */
    @Test
    void returns_process_ids() {
        JsonNode pids = ok(client.get("/"), 200).get("pids");
        assertThat(pids.isObject()).isTrue();
        assertThat(pids.get("master").asText()).matches("\\d+");
        assertThat(pids.get("workers")).isNotEmpty();
        pids.get("workers").forEach(pid -> assertThat(pid.asText()).matches("\\d+"));
    }

    /** 02-kong_routes_spec, "/": "does not return PRNG seeds". */
    @Test
    void does_not_return_prng_seeds() {
        assertThat(ok(client.get("/"), 200).has("prng_seeds")).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ /endpoints

    /**
     * 02-kong_routes_spec, "/endpoints": "only returns base, plugin, and custom-plugin endpoints" (Kong's
     * {@code reports-api} test plugin's endpoint has no counterpart).
     */
    @Test
    void only_returns_base_plugin_and_custom_plugin_endpoints() {
        List<String> endpoints = texts(ok(client.get("/endpoints"), 200).get("data"));
        assertThat(endpoints).contains("/plugins", "/basic-auths/{basicauth_credentials}");
    }

    // --------------------------------------------------------------------------------------------------- /status

    /** 02-kong_routes_spec, "/status": "returns status info". */
    @Test
    void returns_status_info() {
        JsonNode json = ok(client.get("/status"), 200);
        JsonNode server = json.get("server");
        assertThat(server.isObject()).isTrue();
        for (String counter : List.of(
                "connections_accepted",
                "connections_active",
                "connections_handled",
                "connections_reading",
                "connections_writing",
                "connections_waiting",
                "total_requests")) {
            assertThat(server.get(counter).isNumber()).as(counter).isTrue();
        }
        assertThat(json.has("configuration_hash")).isFalse();
        assertThat(json.get("database").isObject()).isTrue();
        assertThat(json.get("database").get("reachable").isBoolean()).isTrue();
    }

    /** 02-kong_routes_spec, "/status": "database.reachable is `true` when DB connection is healthy". */
    @Test
    void database_reachable_is_true_when_db_connection_is_healthy() {
        assertThat(ok(client.get("/status"), 200)
                        .get("database")
                        .get("reachable")
                        .asBoolean())
                .isTrue();
    }

    /** 02-kong_routes_spec, "/status memory stats": "returns lua_shared_dicts memory stats". */
    @Test
    void returns_lua_shared_dicts_memory_stats() {
        JsonNode dicts = ok(client.get("/status"), 200).get("memory").get("lua_shared_dicts");
        assertThat(dicts.get("kong").get("capacity").asText()).matches("\\d+\\.\\d+ MiB");
        assertThat(dicts.get("kong").get("allocated_slabs").asText()).matches("\\d+\\.\\d+ MiB");
        assertThat(dicts.get("kong_db_cache").get("capacity").asText()).matches("\\d+\\.\\d+ MiB");
        assertThat(dicts.get("kong_db_cache").get("allocated_slabs").asText()).matches("\\d+\\.\\d+ MiB");
    }

    /** 02-kong_routes_spec, "/status memory stats": "returns workers Lua VM allocated memory". */
    @Test
    void returns_workers_lua_vm_allocated_memory() {
        JsonNode workers = ok(client.get("/status"), 200).get("memory").get("workers_lua_vms");
        assertThat(workers).isNotEmpty();
        for (JsonNode worker : workers) {
            assertThat(worker.get("http_allocated_gc").asText()).matches("\\d+\\.\\d+ MiB");
            assertThat(worker.get("pid").isNumber()).isTrue();
            assertThat(worker.get("pid").asText()).matches("\\d+");
        }
    }

    /** 02-kong_routes_spec, "/status memory stats": "accepts a 'unit' querystring argument". */
    @Test
    void accepts_a_unit_querystring_argument() {
        JsonNode memory = ok(client.get("/status?unit=k"), 200).get("memory");
        assertThat(memory.get("lua_shared_dicts").get("kong").get("capacity").asText())
                .matches("\\d+\\.\\d+ KiB");
        assertThat(memory.get("workers_lua_vms").get(0).get("http_allocated_gc").asText())
                .matches("\\d+\\.\\d+ KiB");
    }

    /** 02-kong_routes_spec, "/status memory stats": "when unit is bytes, returned properties are numbers". */
    @Test
    void when_unit_is_bytes_returned_properties_are_numbers() {
        JsonNode memory = ok(client.get("/status?unit=b"), 200).get("memory");
        JsonNode kong = memory.get("lua_shared_dicts").get("kong");
        JsonNode worker = memory.get("workers_lua_vms").get(0);
        for (JsonNode value :
                List.of(kong.get("capacity"), kong.get("allocated_slabs"), worker.get("http_allocated_gc"))) {
            assertThat(value.isIntegralNumber()).as(String.valueOf(value)).isTrue();
            assertThat(value.asText()).matches("\\d+");
        }
    }

    /** 02-kong_routes_spec, "/status memory stats": "accepts a 'scale' querystring argument". */
    @Test
    void accepts_a_scale_querystring_argument() {
        JsonNode memory = ok(client.get("/status?scale=3"), 200).get("memory");
        assertThat(memory.get("lua_shared_dicts").get("kong").get("capacity").asText())
                .matches("\\d+\\.\\d{3} MiB");
        assertThat(memory.get("workers_lua_vms").get(0).get("http_allocated_gc").asText())
                .matches("\\d+\\.\\d{3} MiB");
    }

    /** 02-kong_routes_spec, "/status memory stats": "returns HTTP 400 on invalid 'unit' querystring parameter". */
    @Test
    void returns_http_400_on_invalid_unit_querystring_parameter() {
        assertThat(ok(client.get("/status?unit=V"), 400).get("message").asText())
                .isEqualTo("invalid unit 'V' (expected 'k/K', 'm/M', or 'g/G')");
    }

    // -------------------------------------------------------------------------------------------- /schemas/...

    /** 02-kong_routes_spec, "/schemas/:entity": "returns the schema of all DB entities" (those Tollgate stores). */
    @Test
    void returns_the_schema_of_all_db_entities() {
        for (EntityKind kind : EntityKind.values()) {
            JsonNode json = ok(client.get("/schemas/" + kind.kongName()), 200);
            assertThat(json.get("fields").isArray()).as(kind.kongName()).isTrue();
            assertThat(json.get("entity_checks").isArray()).as(kind.kongName()).isTrue();
        }
    }

    /** 02-kong_routes_spec, "/schemas/:entity": "returns 404 on a missing entity". */
    @Test
    void returns_404_on_a_missing_entity() {
        assertThat(ok(client.get("/schemas/not-present"), 404))
                .isEqualTo(json("{\"message\":\"No entity named 'not-present'\"}"));
    }

    /** 02-kong_routes_spec, "/schemas/:entity": "does not return schema of a foreign key". */
    @Test
    void does_not_return_schema_of_a_foreign_key() {
        JsonNode fields = ok(client.get("/schemas/routes"), 200).get("fields");
        List<JsonNode> service = new ArrayList<>();
        fields.forEach(field -> {
            if (field.has("service")) {
                service.add(field.get("service"));
            }
        });
        assertThat(service).hasSize(1);
        assertThat(service.get(0).get("type").asText()).isEqualTo("foreign");
        assertThat(service.get(0).has("schema")).isFalse();
    }

    /** 02-kong_routes_spec, "/schemas/vaults/:name": "returns schema of all vaults". */
    @Test
    void returns_schema_of_all_vaults() {
        assertThat(ok(client.get("/schemas/vaults/env"), 200).get("fields").isArray())
                .isTrue();
    }

    /** 02-kong_routes_spec, "/schemas/vaults/:name": "returns 404 on a non-existent vault". */
    @Test
    void returns_404_on_a_non_existent_vault() {
        assertThat(ok(client.get("/schemas/vaults/not-present"), 404))
                .isEqualTo(json("{\"message\":\"No vault named 'not-present'\"}"));
    }

    /** 02-kong_routes_spec, "/schemas/vaults/:name": "does not return 405 on /schemas/vaults/validate". */
    @Test
    void does_not_return_405_on_schemas_vaults_validate() {
        assertThat(ok(send("POST", "/schemas/vaults/validate"), 400)
                        .get("message")
                        .asText())
                .isEqualTo("schema violation (name: required field missing)");
    }

    /** 02-kong_routes_spec, "/schemas/:entity" (plugins): "returns schema of all plugins". */
    @Test
    void returns_schema_of_all_plugins() {
        JsonNode available = ok(client.get("/"), 200).get("plugins").get("available_on_server");
        assertThat(available).isNotEmpty();
        available
                .fieldNames()
                .forEachRemaining(plugin -> assertThat(ok(client.get("/schemas/plugins/" + plugin), 200)
                                .get("fields")
                                .isArray())
                        .as(plugin)
                        .isTrue());
    }

    /** 02-kong_routes_spec, "/schemas/:entity" (plugins): "returns 404 on a non-existent plugin". */
    @Test
    void returns_404_on_a_non_existent_plugin() {
        assertThat(ok(client.get("/schemas/plugins/not-present"), 404))
                .isEqualTo(json("{\"message\":\"No plugin named 'not-present'\"}"));
    }

    /** 02-kong_routes_spec, "/schemas/:db_entity_name/validate": "returns 200 on a valid schema". */
    @Test
    void returns_200_on_a_valid_schema() {
        Http.Response response =
                client.send("POST", "/schemas/services/validate", ContentType.JSON, body("host", "example.com"));
        assertThat(ok(response, 200).get("message").asText()).isEqualTo("schema validation successful");
    }

    /** 02-kong_routes_spec, "/schemas/:db_entity_name/validate": "returns 200 on a valid plugin schema". */
    @Test
    void returns_200_on_a_valid_plugin_schema() {
        Http.Response response = client.send(
                "POST",
                "/schemas/plugins/validate",
                ContentType.JSON,
                body("name", "key-auth", "config", body("key_names", List.of("foo", "bar"), "hide_credentials", true)));
        assertThat(ok(response, 200).get("message").asText()).isEqualTo("schema validation successful");
    }

    /** 02-kong_routes_spec, "/schemas/:db_entity_name/validate": "returns 400 on an invalid plugin subschema". */
    @Test
    void returns_400_on_an_invalid_plugin_subschema() {
        Http.Response response = client.send(
                "POST",
                "/schemas/plugins/validate",
                ContentType.JSON,
                body("name", "key-auth", "config", body("keys", "foo")));
        assertThat(ok(response, 400).get("name").asText()).isEqualTo("schema violation");
    }

    /**
     * 02-kong_routes_spec, "/schemas/:db_entity_name/validate": "returns 200 on a valid plugin schema which contains
     * dot in the key of custom_fields_by_lua".
     */
    @Test
    void returns_200_on_a_valid_plugin_schema_which_contains_dot_in_the_key_of_custom_fields_by_lua() {
        Http.Response response = client.send(
                "POST",
                "/schemas/plugins/validate",
                ContentType.JSON,
                body(
                        "name",
                        "file-log",
                        "config",
                        body(
                                "path",
                                "tmp/test",
                                "custom_fields_by_lua",
                                body("new_field", "return 123", "request.headers.myheader", "return nil"))));
        assertThat(ok(response, 200).get("message").asText()).isEqualTo("schema validation successful");
    }

    // ---------------------------------------------------------------------------------------------- /non-existing

    /** 02-kong_routes_spec, "/non-existing": "returns 404 with HEAD". */
    @Test
    void returns_404_with_head() {
        Http.Response response = send("HEAD", "/non-existing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
    }

    /** 02-kong_routes_spec, "/non-existing": "returns 404 with OPTIONS". */
    @Test
    void returns_404_with_options() {
        assertThat(ok(send("OPTIONS", "/non-existing"), 404).get("message").asText())
                .isEqualTo("Not found");
    }

    /** 02-kong_routes_spec, "/non-existing": "returns 404 with GET". */
    @Test
    void returns_404_with_get() {
        assertThat(ok(send("GET", "/non-existing"), 404).get("message").asText())
                .isEqualTo("Not found");
    }

    /** 02-kong_routes_spec, "/non-existing": "returns 404 with POST". */
    @Test
    void returns_404_with_post() {
        assertThat(ok(send("POST", "/non-existing"), 404).get("message").asText())
                .isEqualTo("Not found");
    }

    /** 02-kong_routes_spec, "/non-existing": "returns 404 with PUT". */
    @Test
    void returns_404_with_put() {
        assertThat(ok(send("PUT", "/non-existing"), 404).get("message").asText())
                .isEqualTo("Not found");
    }

    /** 02-kong_routes_spec, "/non-existing": "returns 404 with DELETE". */
    @Test
    void returns_404_with_delete() {
        assertThat(ok(send("DELETE", "/non-existing"), 404).get("message").asText())
                .isEqualTo("Not found");
    }

    // ------------------------------------------------------------------------------------------- node_id setting

    /** 02-kong_routes_spec, "Admin API - node ID is set correctly": "returns node-id set in configuration". */
    @Test
    void returns_node_id_set_in_configuration() throws Exception {
        String nodeId = "592e1c2b-6678-45aa-80f9-78cfb29f5e31";
        try (NodeProcess configured = NodeProcess.start("kong-root-node-id", dir, Map.of("node_id", nodeId))) {
            JsonNode json = ok(Http.get(configured.admin() + "/"), 200);
            assertThat(json.get("node_id").asText()).isEqualTo(nodeId);
        }
    }
}
