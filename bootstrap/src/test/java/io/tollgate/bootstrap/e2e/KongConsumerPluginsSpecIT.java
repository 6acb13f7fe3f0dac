package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.NOT_FOUND;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.PLUGIN;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.assertReply;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.escape;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.gensym;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.id;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.json;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.ok;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.schemaViolation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.Type;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/04-admin_api/03-consumers_routes_spec.lua} on a real node, its
 * {@code /consumers/{username_or_id}/plugins} and {@code /consumers/{username_or_id}/plugins/{plugin}} blocks: 35
 * {@code it} cases, all ported (each content-type variant of a case is its own test, as in Kong). Kong's spec scopes
 * a test-only plugin ({@code rewriter}) to its consumers; the bundled {@link KongConsumersSpecSupport#PLUGIN} stands
 * in for it, its {@code config.message} for the rewriter's {@code config.value} and its {@code config.status_code} for
 * {@code config.extra}. The 409's message lists the plugin's unique fields in alphabetical order, as Tollgate's
 * other ports of Kong's plugin conflicts do (Kong's spec spells them in its Lua table's order). The other blocks of
 * the spec are {@link KongConsumersRoutesSpecIT}.
 */
class KongConsumerPluginsSpecIT {

    private static final String OTHER_PLUGIN_ID = "b6cca0aa-4537-11e5-af97-23a06d98af51";

    @TempDir
    static Path dir;

    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-consumer-plugins", dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static Http.Response call(String method, String path, Type type, Object... fields) {
        return KongConsumersSpecSupport.call(method, node.admin() + path, type, fields);
    }

    private static Http.Response get(String path) {
        return Http.get(node.admin() + path);
    }

    private static JsonNode consumer() {
        return KongConsumersSpecSupport.consumer(node.admin());
    }

    private static JsonNode plugin(JsonNode consumer, Object... config) {
        return KongConsumersSpecSupport.plugin(node.admin(), consumer, config);
    }

    private static String pluginPath(JsonNode consumer, String plugin) {
        return "/consumers/" + id(consumer) + "/plugins/" + plugin;
    }

    // ------------------------------------------------------------------ /consumers/{consumer}/plugins POST

    private static void createsAPlugin(Type type, boolean byUsername) {
        JsonNode consumer = consumer();
        String target = byUsername ? consumer.get("username").asText() : id(consumer);
        JsonNode json = ok(
                call("POST", "/consumers/" + target + "/plugins", type, "name", PLUGIN, "config.message", "potato"),
                201);
        assertThat(json.get("name").asText()).isEqualTo(PLUGIN);
        assertThat(json.get("config").get("message").asText()).isEqualTo("potato");
        assertThat(json.get("consumer")).isEqualTo(json("{\"id\":\"" + id(consumer) + "\"}"));
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins POST: "creates a plugin config using a consumer id
     * with application/x-www-form-urlencoded".
     */
    @Test
    void plugins_post_creates_a_plugin_config_using_a_consumer_id_with_application_x_www_form_urlencoded() {
        createsAPlugin(Type.FORM, false);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins POST: "creates a plugin config using a consumer
     * username with application/x-www-form-urlencoded".
     */
    @Test
    void plugins_post_creates_a_plugin_config_using_a_consumer_username_with_application_x_www_form_urlencoded() {
        createsAPlugin(Type.FORM, true);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins POST: "creates a plugin config using a consumer id
     * with application/json".
     */
    @Test
    void plugins_post_creates_a_plugin_config_using_a_consumer_id_with_application_json() {
        createsAPlugin(Type.JSON, false);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins POST: "creates a plugin config using a consumer
     * username with application/json".
     */
    @Test
    void plugins_post_creates_a_plugin_config_using_a_consumer_username_with_application_json() {
        createsAPlugin(Type.JSON, true);
    }

    private static void postHandlesInvalidInput(Type type) {
        JsonNode consumer = consumer();
        assertReply(
                call("POST", "/consumers/" + id(consumer) + "/plugins", type),
                400,
                schemaViolation("{\"name\":\"required field missing\"}", "name: required field missing"));
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins POST errors: "handles invalid input with
     * application/www-form-urlencoded".
     */
    @Test
    void plugins_post_errors_handles_invalid_input_with_application_www_form_urlencoded() {
        postHandlesInvalidInput(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins POST errors: "handles invalid input with
     * multipart/form-data".
     */
    @Test
    void plugins_post_errors_handles_invalid_input_with_multipart_form_data() {
        postHandlesInvalidInput(Type.MULTIPART);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins POST errors: "handles invalid input with
     * application/json".
     */
    @Test
    void plugins_post_errors_handles_invalid_input_with_application_json() {
        postHandlesInvalidInput(Type.JSON);
    }

    private static void postConflict(Type type) {
        JsonNode consumer = consumer();
        String path = "/consumers/" + id(consumer) + "/plugins";
        ok(call("POST", path, type, "name", PLUGIN), 201);
        String consumerRef = "{\"id\":\"" + id(consumer) + "\"}";
        assertReply(
                call("POST", path, type, "name", PLUGIN),
                409,
                "{\"code\":5,\"name\":\"unique constraint violation\","
                        + "\"message\":\"UNIQUE violation detected on '{consumer={id=\\\"" + id(consumer)
                        + "\\\"},name=\\\"" + PLUGIN + "\\\",route=null,service=null}'\","
                        + "\"fields\":{\"name\":\"" + PLUGIN + "\",\"consumer\":" + consumerRef
                        + ",\"route\":null,\"service\":null}}");
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins POST errors: "returns 409 on conflict with
     * application/www-form-urlencoded".
     */
    @Test
    void plugins_post_errors_returns_409_on_conflict_with_application_www_form_urlencoded() {
        postConflict(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins POST errors: "returns 409 on conflict with
     * multipart/form-data".
     */
    @Test
    void plugins_post_errors_returns_409_on_conflict_with_multipart_form_data() {
        postConflict(Type.MULTIPART);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins POST errors: "returns 409 on conflict with
     * application/json".
     */
    @Test
    void plugins_post_errors_returns_409_on_conflict_with_application_json() {
        postConflict(Type.JSON);
    }

    // ------------------------------------------------------------------ /consumers/{consumer}/plugins GET

    /** 03-consumers_routes_spec, /consumers/{username_or_id}/plugins GET: "retrieves the first page". */
    @Test
    void plugins_get_retrieves_the_first_page() {
        JsonNode consumer = consumer();
        JsonNode plugin = plugin(consumer);
        JsonNode json = ok(get("/consumers/" + id(consumer) + "/plugins"), 200);
        assertThat(json.get("data")).hasSize(1);
        assertThat(json.get("data").get(0).get("id")).isEqualTo(plugin.get("id"));
    }

    /** 03-consumers_routes_spec, /consumers/{username_or_id}/plugins GET: "ignores an invalid body". */
    @Test
    void plugins_get_ignores_an_invalid_body() {
        String url = node.admin() + "/consumers/" + id(consumer()) + "/plugins";
        Http.Response reply = Http.sendAs("GET", url, "application/json", "this fails if decoded as json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ /consumers/{consumer}/plugins/{plugin} GET

    /** 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} GET: "retrieves by id". */
    @Test
    void plugin_get_retrieves_by_id() {
        JsonNode consumer = consumer();
        JsonNode plugin = plugin(consumer);
        assertThat(ok(get(pluginPath(consumer, id(plugin))), 200)).isEqualTo(plugin);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} GET: "retrieves by consumer id when it
     * has spaces" (the consumer's username has spaces; it is addressed by id, as in Kong's case, and by username).
     */
    @Test
    void plugin_get_retrieves_by_consumer_id_when_it_has_spaces() {
        String username = gensym();
        JsonNode consumer = ok(Http.post(node.admin() + "/consumers", "{\"username\":\"" + username + "\"}"), 201);
        JsonNode plugin = plugin(consumer);
        assertThat(ok(get(pluginPath(consumer, id(plugin))), 200)).isEqualTo(plugin);
        assertThat(ok(get("/consumers/" + escape(username) + "/plugins/" + id(plugin)), 200))
                .isEqualTo(plugin);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} GET: "only retrieves if associated to the
     * correct consumer".
     */
    @Test
    void plugin_get_only_retrieves_if_associated_to_the_correct_consumer() {
        JsonNode plugin = plugin(consumer());
        JsonNode wrong = consumer();
        assertReply(get(pluginPath(wrong, id(plugin))), 404, NOT_FOUND);
    }

    /** 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} GET: "ignores an invalid body". */
    @Test
    void plugin_get_ignores_an_invalid_body() {
        JsonNode consumer = consumer();
        JsonNode plugin = plugin(consumer);
        String url = node.admin() + pluginPath(consumer, id(plugin));
        Http.Response reply = Http.sendAs("GET", url, "application/json", "this fails if decoded as json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ /consumers/{consumer}/plugins/{plugin} PATCH

    private static void patchUpdatesIfFound(Type type) {
        JsonNode consumer = consumer();
        JsonNode plugin = plugin(consumer);
        JsonNode json = ok(call("PATCH", pluginPath(consumer, id(plugin)), type, "config.message", "updated"), 200);
        assertThat(json.get("config").get("message").asText()).isEqualTo("updated");
        assertThat(json.get("id")).isEqualTo(plugin.get("id"));
        assertThat(ok(get("/plugins/" + id(plugin)), 200)).isEqualTo(json);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH: "updates if found with
     * application/x-www-form-urlencoded".
     */
    @Test
    void plugin_patch_updates_if_found_with_application_x_www_form_urlencoded() {
        patchUpdatesIfFound(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH: "updates if found with
     * application/json".
     */
    @Test
    void plugin_patch_updates_if_found_with_application_json() {
        patchUpdatesIfFound(Type.JSON);
    }

    private static void patchKeepsTheRestOfTheConfig(Type type) {
        JsonNode consumer = consumer();
        JsonNode plugin = plugin(consumer, "message", "potato", "status_code", 418);
        assertThat(plugin.get("config").get("message").asText()).isEqualTo("potato");
        assertThat(plugin.get("config").get("status_code").asInt()).isEqualTo(418);
        JsonNode json = ok(call("PATCH", pluginPath(consumer, id(plugin)), type, "config.message", "updated"), 200);
        assertThat(json.get("config").get("message").asText()).isEqualTo("updated");
        assertThat(json.get("config").get("status_code").asInt()).isEqualTo(418);
        JsonNode stored = ok(get("/plugins/" + id(plugin)), 200);
        assertThat(stored.get("config").get("message").asText()).isEqualTo("updated");
        assertThat(stored.get("config").get("status_code").asInt()).isEqualTo(418);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH: "doesn't override a plugin config
     * if partial with application/x-www-form-urlencoded".
     */
    @Test
    void plugin_patch_doesnt_override_a_plugin_config_if_partial_with_application_x_www_form_urlencoded() {
        patchKeepsTheRestOfTheConfig(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH: "doesn't override a plugin config
     * if partial with application/json".
     */
    @Test
    void plugin_patch_doesnt_override_a_plugin_config_if_partial_with_application_json() {
        patchKeepsTheRestOfTheConfig(Type.JSON);
    }

    private static void patchEnabled(Type type) {
        JsonNode consumer = consumer();
        JsonNode plugin = plugin(consumer);
        JsonNode json =
                ok(call("PATCH", pluginPath(consumer, id(plugin)), type, "name", PLUGIN, "enabled", false), 200);
        assertThat(json.get("enabled").asBoolean(true)).isFalse();
        assertThat(ok(get("/plugins/" + id(plugin)), 200).get("enabled").asBoolean(true))
                .isFalse();
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH: "updates the enabled property with
     * application/www-form-urlencoded".
     */
    @Test
    void plugin_patch_updates_the_enabled_property_with_application_www_form_urlencoded() {
        patchEnabled(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH: "updates the enabled property with
     * multipart/form-data".
     */
    @Test
    void plugin_patch_updates_the_enabled_property_with_multipart_form_data() {
        patchEnabled(Type.MULTIPART);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH: "updates the enabled property with
     * application/json".
     */
    @Test
    void plugin_patch_updates_the_enabled_property_with_application_json() {
        patchEnabled(Type.JSON);
    }

    private static void patchNotFound(Type type) {
        assertReply(call("PATCH", pluginPath(consumer(), OTHER_PLUGIN_ID), type), 404, NOT_FOUND);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH errors: "returns 404 if not found
     * with application/www-form-urlencoded".
     */
    @Test
    void plugin_patch_errors_returns_404_if_not_found_with_application_www_form_urlencoded() {
        patchNotFound(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH errors: "returns 404 if not found
     * with multipart/form-data".
     */
    @Test
    void plugin_patch_errors_returns_404_if_not_found_with_multipart_form_data() {
        patchNotFound(Type.MULTIPART);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH errors: "returns 404 if not found
     * with application/json".
     */
    @Test
    void plugin_patch_errors_returns_404_if_not_found_with_application_json() {
        patchNotFound(Type.JSON);
    }

    private static void patchHandlesInvalidInput(Type type) {
        JsonNode consumer = consumer();
        JsonNode plugin = plugin(consumer);
        JsonNode json = ok(call("PATCH", pluginPath(consumer, id(plugin)), type, "name", "foo"), 400);
        assertThat(json.get("name").asText()).isEqualTo("schema violation");
        assertThat(json.get("fields").get("name").asText())
                .isEqualTo("plugin 'foo' not enabled; add it to the 'plugins' configuration property");
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH errors: "handles invalid input with
     * application/www-form-urlencoded".
     */
    @Test
    void plugin_patch_errors_handles_invalid_input_with_application_www_form_urlencoded() {
        patchHandlesInvalidInput(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH errors: "handles invalid input with
     * multipart/form-data".
     */
    @Test
    void plugin_patch_errors_handles_invalid_input_with_multipart_form_data() {
        patchHandlesInvalidInput(Type.MULTIPART);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PATCH errors: "handles invalid input with
     * application/json".
     */
    @Test
    void plugin_patch_errors_handles_invalid_input_with_application_json() {
        patchHandlesInvalidInput(Type.JSON);
    }

    // ------------------------------------------------------------------ /consumers/{consumer}/plugins/{plugin} PUT

    private static void putCreatesIfNotFound(Type type) {
        JsonNode consumer = consumer();
        String pluginId = UUID.randomUUID().toString();
        JsonNode json =
                ok(call("PUT", pluginPath(consumer, pluginId), type, "name", PLUGIN, "config.message", "updated"), 200);
        assertThat(json.get("config").get("message").asText()).isEqualTo("updated");
        assertThat(json.get("id").asText()).isEqualTo(pluginId);
        assertThat(json.get("consumer")).isEqualTo(json("{\"id\":\"" + id(consumer) + "\"}"));
        assertThat(ok(get("/plugins/" + pluginId), 200)).isEqualTo(json);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PUT: "creates if not found with
     * application/x-www-form-urlencoded".
     */
    @Test
    void plugin_put_creates_if_not_found_with_application_x_www_form_urlencoded() {
        putCreatesIfNotFound(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PUT: "creates if not found with
     * application/json".
     */
    @Test
    void plugin_put_creates_if_not_found_with_application_json() {
        putCreatesIfNotFound(Type.JSON);
    }

    private static void putUpdatesIfFound(Type type) {
        JsonNode consumer = consumer();
        JsonNode plugin = plugin(consumer);
        JsonNode json = ok(
                call("PUT", pluginPath(consumer, id(plugin)), type, "name", PLUGIN, "config.message", "updated"), 200);
        assertThat(json.get("config").get("message").asText()).isEqualTo("updated");
        assertThat(json.get("id")).isEqualTo(plugin.get("id"));
        assertThat(ok(get("/plugins/" + id(plugin)), 200)).isEqualTo(json);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PUT: "updates if found with
     * application/x-www-form-urlencoded".
     */
    @Test
    void plugin_put_updates_if_found_with_application_x_www_form_urlencoded() {
        putUpdatesIfFound(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} PUT: "updates if found with
     * application/json".
     */
    @Test
    void plugin_put_updates_if_found_with_application_json() {
        putUpdatesIfFound(Type.JSON);
    }

    // ------------------------------------------------------------------ /consumers/{consumer}/plugins/{plugin} DELETE

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} DELETE: "deletes a plugin configuration".
     */
    @Test
    void plugin_delete_deletes_a_plugin_configuration() {
        JsonNode consumer = consumer();
        JsonNode plugin = plugin(consumer);
        Http.Response reply = Http.delete(node.admin() + pluginPath(consumer, id(plugin)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
        assertReply(get("/plugins/" + id(plugin)), 404, NOT_FOUND);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{username_or_id}/plugins/{plugin} DELETE errors: "returns 404 if not
     * found".
     */
    @Test
    void plugin_delete_errors_returns_404_if_not_found() {
        Http.Response reply =
                Http.delete(node.admin() + pluginPath(consumer(), "fafafafa-1234-baba-5678-cececececece"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
    }
}
