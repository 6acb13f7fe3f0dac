package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.NULL;
import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.json;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.texts;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/04-admin_api/04-plugins_routes_spec.lua} (its 3.x revision, with
 * {@code instance_name}): {@code /plugins/enabled}, {@code /plugins}, {@code /plugins/{id or instance_name}} and
 * {@code /schemas/plugins/{name}}, against one real node on its embedded PostgreSQL. Kong's cases share three
 * {@code key-auth} plugins (on services of their own, {@code config.key_names = ["testkey"]}) made once for the
 * {@code describe}; here each case makes its own such plugin with a unique {@code instance_name}, so the cases stay
 * independent of each other and of their order, and the list case counts the plugins of a tag of its own instead of
 * the whole table. Kong's {@code db.plugins:select} is a {@code GET} of the plugin here.
 *
 * <p>All 26 of the spec's {@code it} cases are ported (the UTF-8 instance_name case is also in adapters-http's
 * {@code KongAdminSpecIT}).
 */
class KongPluginsRoutesSpecIT {

    private static final String MISSING = "f4aecadc-05c7-11e6-8d41-1f3b3d5fa15c";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-plugins", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    /**
     * Kong's fixture: a service on {@code 127.0.0.1:15555}, a route on it with a host of its own, and a
     * {@code key-auth} plugin on the service with {@code key_names = ["testkey"]} and the given instance name.
     */
    private static JsonNode keyAuth(String instanceName, String... tags) {
        String service = client.create(
                        "/services",
                        body("name", unique("service"), "protocol", "http", "host", "127.0.0.1", "port", 15555))
                .get("id")
                .asText();
        client.route("service", Map.of("id", service), "hosts", List.of(unique("route") + ".test"));
        return client.create(
                "/plugins",
                body(
                        "name",
                        "key-auth",
                        "instance_name",
                        instanceName,
                        "service",
                        Map.of("id", service),
                        "config",
                        Map.of("key_names", List.of("testkey")),
                        "tags",
                        tags.length == 0 ? NULL : List.of(tags)));
    }

    private static JsonNode keyAuth() {
        return keyAuth(unique("key-auth"));
    }

    private static Http.Response send(String method, String path, Map<String, Object> body) {
        return client.send(method, path, ContentType.JSON, body);
    }

    private static JsonNode fetch(JsonNode plugin) {
        return ok(client.get("/plugins/" + plugin.get("id").asText()), 200);
    }

    /** A request whose target goes on the request line as its UTF-8 bytes, unescaped, as Kong's test client sends. */
    private static RawHttp.Response raw(String method, String path) throws Exception {
        String target = new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return RawHttp.request(method, "127.0.0.1", target).send(node.adminPort);
    }

    private static String schemaViolation(String field, String error) {
        return "{\"message\":\"schema violation (" + field + ": " + error + ")\",\"name\":\"schema violation\","
                + "\"fields\":{\"" + field + "\":\"" + error + "\"},\"code\":2}";
    }

    // ------------------------------------------------------------------------------------------- /plugins/enabled

    /** 04-plugins_routes_spec, /plugins/enabled: "returns a list of enabled plugins on this node". */
    @Test
    void returns_a_list_of_enabled_plugins_on_this_node() {
        JsonNode json = ok(client.get("/plugins/enabled"), 200);
        assertThat(json.get("enabled_plugins").isArray()).isTrue();
        assertThat(json.get("enabled_plugins").size()).isPositive();
    }

    // ------------------------------------------------------------------------------------------- /plugins

    /** 04-plugins_routes_spec, /plugins GET: "retrieves all plugins configured" (the four of a tag of its own). */
    @Test
    void retrieves_all_plugins_configured() {
        String tag = unique("all-plugins");
        for (int i = 0; i < 4; i++) {
            keyAuth(unique("key-auth"), tag);
        }
        JsonNode json = ok(client.get("/plugins?tags=" + tag), 200);
        assertThat(json.get("data").size()).isEqualTo(4);
    }

    /** 04-plugins_routes_spec, /plugins: "returns 405 on invalid method". */
    @Test
    void returns_405_on_invalid_method() {
        for (String method : List.of("DELETE", "PATCH")) {
            Http.Response r = send(method, "/plugins", body());
            assertThat(r.status()).as(method + " " + r.body()).isEqualTo(405);
            assertThat(r.json()).isEqualTo(json("{\"message\":\"Method not allowed\"}"));
        }
    }

    // ------------------------------------------------------------------------------------------- GET /plugins/{p}

    /** 04-plugins_routes_spec, /plugins/{plugin} GET: "retrieves a plugin by id". */
    @Test
    void retrieves_a_plugin_by_id() {
        JsonNode plugin = keyAuth();
        assertThat(ok(client.get("/plugins/" + plugin.get("id").asText()), 200)).isEqualTo(plugin);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} GET: "retrieves a plugin by instance_name". */
    @Test
    void retrieves_a_plugin_by_instance_name() {
        JsonNode plugin = keyAuth();
        assertThat(ok(client.get("/plugins/" + plugin.get("instance_name").asText()), 200))
                .isEqualTo(plugin);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} GET: "returns 404 if not found". */
    @Test
    void get_returns_404_if_not_found() {
        assertThat(client.get("/plugins/" + MISSING).status()).isEqualTo(404);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} GET: "returns 404 if not found by instance_name". */
    @Test
    void get_returns_404_if_not_found_by_instance_name() {
        assertThat(client.get("/plugins/not-found").status()).isEqualTo(404);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} GET: "retrieves by utf-8 name and percent-escaped utf-8 name". */
    @Test
    void retrieves_by_utf_8_name_and_percent_escaped_utf_8_name() throws Exception {
        String name = "円" + unique("");
        JsonNode plugin = keyAuth(name);
        RawHttp.Response raw = raw("GET", "/plugins/" + name);
        assertThat(raw.status()).as(raw.body()).isEqualTo(200);
        assertThat(raw.json()).isEqualTo(plugin);
        String escaped = URLEncoder.encode(name, StandardCharsets.UTF_8);
        assertThat(escaped).startsWith("%E5%86%86");
        assertThat(ok(client.get("/plugins/" + escaped), 200)).isEqualTo(plugin);
    }

    // ------------------------------------------------------------------------------------------- PUT /plugins/{p}

    /** 04-plugins_routes_spec, /plugins/{plugin} PUT: "can create a plugin". */
    @Test
    void can_create_a_plugin() {
        String service = client.service().get("id").asText();
        client.route("paths", List.of("/mypath"), "service", Map.of("id", service));
        Http.Response r = send(
                "PUT", "/plugins/" + UUID.randomUUID(), body("name", "key-auth", "service", Map.of("id", service)));
        ok(r, 200);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} PUT: "can create a plugin by instance_name". */
    @Test
    void can_create_a_plugin_by_instance_name() {
        String service = client.service().get("id").asText();
        String name = "name-" + UUID.randomUUID();
        JsonNode json =
                ok(send("PUT", "/plugins/" + name, body("name", "key-auth", "service", Map.of("id", service))), 200);
        assertThat(json.get("instance_name").asText()).isEqualTo(name);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} PUT: "can upsert a plugin by instance_name". */
    @Test
    void can_upsert_a_plugin_by_instance_name() {
        String service = client.service().get("id").asText();
        String name = "name-" + UUID.randomUUID();
        JsonNode first = ok(
                send(
                        "PUT",
                        "/plugins/" + name,
                        body(
                                "name", "key-auth",
                                "service", Map.of("id", service),
                                "config", Map.of("key_names", List.of("testkey")))),
                200);
        JsonNode second = ok(
                send(
                        "PUT",
                        "/plugins/" + name,
                        body(
                                "name", "key-auth",
                                "service", Map.of("id", service),
                                "config", Map.of("key_names", List.of("testkey2")))),
                200);
        assertThat(second.get("id")).isEqualTo(first.get("id"));
        assertThat(texts(second.get("config").get("key_names"))).containsExactly("testkey2");
    }

    // ------------------------------------------------------------------------------------------- PATCH /plugins/{p}

    /** 04-plugins_routes_spec, /plugins/{plugin} PATCH: "updates a plugin". */
    @Test
    void updates_a_plugin() {
        JsonNode plugin = keyAuth();
        JsonNode json = ok(send("PATCH", "/plugins/" + plugin.get("id").asText(), body("enabled", false)), 200);
        assertThat(json.get("enabled").asBoolean()).isFalse();
        assertThat(fetch(plugin)).isEqualTo(json);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} PATCH: "updates a plugin by instance_name". */
    @Test
    void updates_a_plugin_by_instance_name() {
        JsonNode plugin = keyAuth();
        JsonNode json =
                ok(send("PATCH", "/plugins/" + plugin.get("instance_name").asText(), body("enabled", false)), 200);
        assertThat(json.get("enabled").asBoolean()).isFalse();
        assertThat(fetch(plugin)).isEqualTo(json);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} PATCH: "updates a plugin bis" (the whole plugin sent back). */
    @Test
    void updates_a_plugin_bis() {
        ObjectNode plugin = (ObjectNode) fetch(keyAuth());
        boolean enabled = !plugin.get("enabled").asBoolean();
        plugin.put("enabled", enabled);
        plugin.remove("created_at");
        plugin.remove("updated_at");
        Http.Response r = Http.sendAs(
                "PATCH", node.admin() + "/plugins/" + plugin.get("id").asText(), "application/json", plugin.toString());
        assertThat(ok(r, 200).get("enabled").asBoolean()).isEqualTo(enabled);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} PATCH: "updates a plugin (removing foreign key reference)". */
    @Test
    void updates_a_plugin_removing_foreign_key_reference() {
        JsonNode plugin = keyAuth();
        assertThat(plugin.get("service").get("id").isTextual()).isTrue();
        JsonNode json = ok(send("PATCH", "/plugins/" + plugin.get("id").asText(), body("service", NULL)), 200);
        assertThat(json.get("service").isNull()).isTrue();
        assertThat(fetch(plugin)).isEqualTo(json);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} PATCH: "does not infer json input". */
    @Test
    void does_not_infer_json_input() {
        JsonNode plugin = keyAuth();
        ok(send("PATCH", "/plugins/" + plugin.get("id").asText(), body("tags", NULL)), 200);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} PATCH errors: "handles invalid input". */
    @Test
    void handles_invalid_input() {
        JsonNode before = fetch(keyAuth());
        Http.Response r = send("PATCH", "/plugins/" + before.get("id").asText(), body("foo", "bar"));
        assertThat(ok(r, 400)).isEqualTo(json(schemaViolation("foo", "unknown field")));
        JsonNode after = fetch(before);
        assertThat(after).isEqualTo(before);
        assertThat(texts(after.get("config").get("key_names"))).containsExactly("testkey");
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} PATCH errors: "handles invalid config, see #9224". */
    @Test
    void handles_invalid_config_see_9224() {
        JsonNode before = fetch(keyAuth());
        Http.Response r = send("PATCH", "/plugins/" + before.get("id").asText(), body("config", "bar"));
        assertThat(ok(r, 400)).isEqualTo(json(schemaViolation("config", "expected a record")));
        JsonNode after = fetch(before);
        assertThat(after).isEqualTo(before);
        assertThat(texts(after.get("config").get("key_names"))).containsExactly("testkey");
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} PATCH errors: "returns 404 if not found". */
    @Test
    void patch_returns_404_if_not_found() {
        assertThat(send("PATCH", "/plugins/" + MISSING, body("enabled", false)).status())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------- DELETE /plugins/{p}

    /** 04-plugins_routes_spec, /plugins/{plugin} DELETE: "deletes by id". */
    @Test
    void deletes_by_id() {
        JsonNode plugin = keyAuth();
        assertThat(client.delete("/plugins/" + plugin.get("id").asText()).status())
                .isEqualTo(204);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} DELETE: "deletes by instance_name". */
    @Test
    void deletes_by_instance_name() throws Exception {
        String name = "円" + unique("");
        keyAuth(name);
        RawHttp.Response r = raw("DELETE", "/plugins/" + name);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(raw("GET", "/plugins/" + name).status()).isEqualTo(404);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} DELETE errors: "returns 204 if not found". */
    @Test
    void delete_returns_204_if_not_found() {
        assertThat(client.delete("/plugins/" + MISSING).status()).isEqualTo(204);
    }

    /** 04-plugins_routes_spec, /plugins/{plugin} DELETE errors: "returns 204 if not found by instance_name". */
    @Test
    void delete_returns_204_if_not_found_by_instance_name() {
        assertThat(client.delete("/plugins/not-found").status()).isEqualTo(204);
    }

    // ------------------------------------------------------------------------------------------- /schemas/plugins

    /** 04-plugins_routes_spec, /schemas/plugins/{plugin} GET: "returns the schema of all bundled plugins". */
    @Test
    void returns_the_schema_of_all_bundled_plugins() {
        List<String> plugins = texts(ok(client.get("/plugins/enabled"), 200).get("enabled_plugins"));
        assertThat(plugins).isNotEmpty();
        for (String plugin : plugins) {
            JsonNode json = ok(client.get("/schemas/plugins/" + plugin), 200);
            assertThat(json.get("fields").isArray()).as(plugin).isTrue();
            assertThat(json.get("entity_checks")).as(plugin).isNotNull();
            assertThat(json.get("entity_checks").isArray()).as(plugin).isTrue();
        }
    }

    /** 04-plugins_routes_spec, /schemas/plugins/{plugin} GET: "returns nested records and empty array defaults …". */
    @Test
    void returns_nested_records_and_empty_array_defaults_as_arrays() {
        Http.Response r = client.get("/schemas/plugins/request-transformer");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body())
                .doesNotContain("\"entity_checks\":{")
                .doesNotContain("\"fields\":{")
                .contains("\"default\":[]")
                .doesNotContain("\"default\":{}");
    }

    /** 04-plugins_routes_spec, /schemas/plugins/{plugin} GET: "returns 404 on invalid plugin". */
    @Test
    void returns_404_on_invalid_plugin() {
        Http.Response r = client.get("/schemas/plugins/foobar");
        assertThat(ok(r, 404)).isEqualTo(json("{\"message\":\"No plugin named 'foobar'\"}"));
    }
}
