package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.CANNOT_PARSE;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.NOT_FOUND;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.assertReply;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.body;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.escape;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.gensym;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.id;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.json;
import static io.tollgate.bootstrap.e2e.KongConsumersSpecSupport.next;
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
 * {@code /consumers} and {@code /consumers/{consumer}} blocks: 59 {@code it} cases, all ported (each content-type
 * variant of a case is its own test, as in Kong). The spec's {@code /consumers/{consumer}/plugins} blocks are
 * {@link KongConsumerPluginsSpecIT}; its later case "retrieves by utf-8 username and percent-escaped utf-8 username"
 * is adapters-http's {@code KongAdminSpecIT}. Kong truncates its tables between cases; here every test makes its own
 * consumers (unique names) and the list cases filter on a tag the test owns.
 */
class KongConsumersRoutesSpecIT {

    private static final String AT_LEAST_ONE =
            "at least one of these fields must be non-empty: 'custom_id', 'username'";

    @TempDir
    static Path dir;

    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-consumers", dir, Map.of());
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

    private static JsonNode consumer(String... tags) {
        return KongConsumersSpecSupport.consumer(node.admin(), tags);
    }

    // ------------------------------------------------------------------ /consumers POST

    private static void createsAConsumer(Type type) {
        String username = gensym();
        JsonNode json = ok(call("POST", "/consumers", type, "username", username), 201);
        assertThat(json.get("username").asText()).isEqualTo(username);
        assertThat(json.get("created_at").isNumber()).isTrue();
        assertThat(json.get("id").isTextual()).isTrue();
    }

    /** 03-consumers_routes_spec, /consumers POST: "creates a consumer with application/www-form-urlencoded". */
    @Test
    void post_creates_a_consumer_with_application_www_form_urlencoded() {
        createsAConsumer(Type.FORM);
    }

    /** 03-consumers_routes_spec, /consumers POST: "creates a consumer with multipart/form-data". */
    @Test
    void post_creates_a_consumer_with_multipart_form_data() {
        createsAConsumer(Type.MULTIPART);
    }

    /** 03-consumers_routes_spec, /consumers POST: "creates a consumer with application/json". */
    @Test
    void post_creates_a_consumer_with_application_json() {
        createsAConsumer(Type.JSON);
    }

    private static void postHandlesInvalidInput(Type type) {
        JsonNode json = ok(call("POST", "/consumers", type), 400);
        assertThat(json.get("name").asText()).isEqualTo("schema violation");
        assertThat(json.get("fields").get("@entity")).isEqualTo(json("[\"" + AT_LEAST_ONE + "\"]"));
    }

    /**
     * 03-consumers_routes_spec, /consumers POST errors: "handles invalid input with application/www-form-urlencoded".
     */
    @Test
    void post_errors_handles_invalid_input_with_application_www_form_urlencoded() {
        postHandlesInvalidInput(Type.FORM);
    }

    /** 03-consumers_routes_spec, /consumers POST errors: "handles invalid input with multipart/form-data". */
    @Test
    void post_errors_handles_invalid_input_with_multipart_form_data() {
        postHandlesInvalidInput(Type.MULTIPART);
    }

    /** 03-consumers_routes_spec, /consumers POST errors: "handles invalid input with application/json". */
    @Test
    void post_errors_handles_invalid_input_with_application_json() {
        postHandlesInvalidInput(Type.JSON);
    }

    private static void conflictingUsername(Type type) {
        JsonNode consumer = consumer();
        String username = consumer.get("username").asText();
        JsonNode json = ok(call("POST", "/consumers", type, "username", username), 409);
        assertThat(json.get("name").asText()).isEqualTo("unique constraint violation");
        assertThat(json.get("message").asText())
                .isEqualTo("UNIQUE violation detected on '{username=\"" + username + "\"}'");
    }

    /**
     * 03-consumers_routes_spec, /consumers POST errors: "returns 409 on conflicting username with
     * application/www-form-urlencoded".
     */
    @Test
    void post_errors_returns_409_on_conflicting_username_with_application_www_form_urlencoded() {
        conflictingUsername(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers POST errors: "returns 409 on conflicting username with multipart/form-data".
     */
    @Test
    void post_errors_returns_409_on_conflicting_username_with_multipart_form_data() {
        conflictingUsername(Type.MULTIPART);
    }

    /**
     * 03-consumers_routes_spec, /consumers POST errors: "returns 409 on conflicting username with application/json".
     */
    @Test
    void post_errors_returns_409_on_conflicting_username_with_application_json() {
        conflictingUsername(Type.JSON);
    }

    private static void conflictingCustomId(Type type) {
        JsonNode consumer = consumer();
        String customId = consumer.get("custom_id").asText();
        JsonNode json = ok(call("POST", "/consumers", type, "username", gensym(), "custom_id", customId), 409);
        assertThat(json.get("name").asText()).isEqualTo("unique constraint violation");
        assertThat(json.get("message").asText())
                .isEqualTo("UNIQUE violation detected on '{custom_id=\"" + customId + "\"}'");
    }

    /**
     * 03-consumers_routes_spec, /consumers POST errors: "returns 400 on conflicting custom_id with
     * application/www-form-urlencoded" (the answer Kong expects is a 409).
     */
    @Test
    void post_errors_returns_400_on_conflicting_custom_id_with_application_www_form_urlencoded() {
        conflictingCustomId(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers POST errors: "returns 400 on conflicting custom_id with
     * multipart/form-data".
     */
    @Test
    void post_errors_returns_400_on_conflicting_custom_id_with_multipart_form_data() {
        conflictingCustomId(Type.MULTIPART);
    }

    /**
     * 03-consumers_routes_spec, /consumers POST errors: "returns 400 on conflicting custom_id with application/json".
     */
    @Test
    void post_errors_returns_400_on_conflicting_custom_id_with_application_json() {
        conflictingCustomId(Type.JSON);
    }

    /** 03-consumers_routes_spec, /consumers POST errors: "returns 415 on invalid content-type". */
    @Test
    void post_errors_returns_415_on_invalid_content_type() {
        Http.Response reply = Http.sendAs("POST", node.admin() + "/consumers", "invalid", "{\"hello\": \"world\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(415);
    }

    /** 03-consumers_routes_spec, /consumers POST errors: "returns 415 on missing content-type with body". */
    @Test
    void post_errors_returns_415_on_missing_content_type_with_body() {
        Http.Response reply = Http.sendAs("POST", node.admin() + "/consumers", null, "invalid");
        assertThat(reply.status()).as(reply.body()).isEqualTo(415);
    }

    /** 03-consumers_routes_spec, /consumers POST errors: "returns 400 on missing body with application/json". */
    @Test
    void post_errors_returns_400_on_missing_body_with_application_json() {
        assertReply(Http.sendAs("POST", node.admin() + "/consumers", "application/json", ""), 400, CANNOT_PARSE);
    }

    private static void missingBody(String contentType) {
        JsonNode json = ok(Http.sendAs("POST", node.admin() + "/consumers", contentType, ""), 400);
        assertThat(json.get("name").asText()).isEqualTo("schema violation");
        assertThat(json.get("fields").get("@entity")).isEqualTo(json("[\"" + AT_LEAST_ONE + "\"]"));
    }

    /** 03-consumers_routes_spec, /consumers POST errors: "returns 400 on missing body with multipart/form-data". */
    @Test
    void post_errors_returns_400_on_missing_body_with_multipart_form_data() {
        missingBody("multipart/form-data");
    }

    /**
     * 03-consumers_routes_spec, /consumers POST errors: "returns 400 on missing body with
     * multipart/x-www-form-urlencoded" (sent as {@code application/x-www-form-urlencoded}).
     */
    @Test
    void post_errors_returns_400_on_missing_body_with_multipart_x_www_form_urlencoded() {
        missingBody("application/x-www-form-urlencoded");
    }

    /** 03-consumers_routes_spec, /consumers POST errors: "returns 400 on missing body with no content-type header". */
    @Test
    void post_errors_returns_400_on_missing_body_with_no_content_type_header() {
        missingBody(null);
    }

    // ------------------------------------------------------------------ /consumers GET

    /** 03-consumers_routes_spec, /consumers GET: "retrieves the first page" (ten consumers under a tag of its own). */
    @Test
    void get_retrieves_the_first_page() {
        String tag = "first-page-" + next();
        for (int i = 0; i < 10; i++) {
            consumer(tag);
        }
        assertThat(ok(get("/consumers?tags=" + tag), 200).get("data")).hasSize(10);
    }

    /** 03-consumers_routes_spec, /consumers GET: "paginates a set" (ten consumers under a tag of its own). */
    @Test
    void get_paginates_a_set() {
        String tag = "paginates-" + next();
        for (int i = 0; i < 10; i++) {
            consumer(tag);
        }
        JsonNode previous = null;
        String offset = null;
        for (int page = 1; page <= 4; page++) {
            JsonNode json = ok(
                    get("/consumers?tags=" + tag + "&size=3" + (offset == null ? "" : "&offset=" + escape(offset))),
                    200);
            assertThat(json.get("data")).hasSize(page < 4 ? 3 : 1);
            if (previous != null) {
                assertThat(json).isNotEqualTo(previous);
            }
            previous = json;
            offset = json.path("offset").isTextual() ? json.get("offset").asText() : null;
        }
    }

    /** 03-consumers_routes_spec, /consumers GET: "allows filtering by custom_id". */
    @Test
    void get_allows_filtering_by_custom_id() {
        String customId = gensym();
        JsonNode consumer = ok(
                Http.post(
                        node.admin() + "/consumers", body("custom_id", customId).toString()),
                201);
        JsonNode json = ok(get("/consumers?custom_id=" + escape(customId)), 200);
        assertThat(json.get("data")).hasSize(1);
        assertThat(json.get("data").get(0)).isEqualTo(consumer);
    }

    /** 03-consumers_routes_spec, /consumers: "returns 405 on invalid method". */
    @Test
    void returns_405_on_invalid_method() {
        for (String method : new String[] {"DELETE", "PATCH"}) {
            assertReply(
                    Http.send(method, node.admin() + "/consumers", "{}"), 405, "{\"message\":\"Method not allowed\"}");
        }
    }

    // ------------------------------------------------------------------ /consumers/{consumer} GET

    /** 03-consumers_routes_spec, /consumers/{consumer} GET: "retrieves by id". */
    @Test
    void consumer_get_retrieves_by_id() {
        JsonNode consumer = consumer();
        assertThat(ok(get("/consumers/" + id(consumer)), 200)).isEqualTo(consumer);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} GET: "retrieves by username". */
    @Test
    void consumer_get_retrieves_by_username() {
        JsonNode consumer = consumer();
        assertThat(ok(get("/consumers/" + consumer.get("username").asText()), 200))
                .isEqualTo(consumer);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} GET: "retrieves by urlencoded username" (one with spaces). */
    @Test
    void consumer_get_retrieves_by_urlencoded_username() {
        JsonNode consumer = ok(
                Http.post(
                        node.admin() + "/consumers", body("username", gensym()).toString()),
                201);
        assertThat(ok(get("/consumers/" + escape(consumer.get("username").asText())), 200))
                .isEqualTo(consumer);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} GET: "returns 404 if not found". */
    @Test
    void consumer_get_returns_404_if_not_found() {
        assertReply(get("/consumers/_inexistent_"), 404, NOT_FOUND);
    }

    // ------------------------------------------------------------------ /consumers/{consumer} PATCH

    private static void patchUpdates(Type type, boolean byUsername) {
        JsonNode consumer = consumer();
        String newUsername = gensym();
        String target = byUsername ? consumer.get("username").asText() : id(consumer);
        JsonNode json = ok(call("PATCH", "/consumers/" + target, type, "username", newUsername), 200);
        assertThat(json.get("username").asText()).isEqualTo(newUsername);
        assertThat(json.get("id")).isEqualTo(consumer.get("id"));
        assertThat(ok(get("/consumers/" + id(consumer)), 200)).isEqualTo(json);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PATCH: "updates by id with application/www-form-urlencoded". */
    @Test
    void consumer_patch_updates_by_id_with_application_www_form_urlencoded() {
        patchUpdates(Type.FORM, false);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PATCH: "updates by id with multipart/form-data". */
    @Test
    void consumer_patch_updates_by_id_with_multipart_form_data() {
        patchUpdates(Type.MULTIPART, false);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PATCH: "updates by id with application/json". */
    @Test
    void consumer_patch_updates_by_id_with_application_json() {
        patchUpdates(Type.JSON, false);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PATCH: "updates by username with
     * application/www-form-urlencoded".
     */
    @Test
    void consumer_patch_updates_by_username_with_application_www_form_urlencoded() {
        patchUpdates(Type.FORM, true);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PATCH: "updates by username with multipart/form-data". */
    @Test
    void consumer_patch_updates_by_username_with_multipart_form_data() {
        patchUpdates(Type.MULTIPART, true);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PATCH: "updates by username with application/json". */
    @Test
    void consumer_patch_updates_by_username_with_application_json() {
        patchUpdates(Type.JSON, true);
    }

    private static void patchWithPreviousValues(Type type) {
        JsonNode consumer = consumer();
        String username = consumer.get("username").asText();
        String customId = consumer.get("custom_id").asText();
        JsonNode json =
                ok(call("PATCH", "/consumers/" + username, type, "username", username, "custom_id", customId), 200);
        assertThat(json.get("username").asText()).isEqualTo(username);
        assertThat(json.get("custom_id").asText()).isEqualTo(customId);
        assertThat(json.get("id")).isEqualTo(consumer.get("id"));
        assertThat(ok(get("/consumers/" + id(consumer)), 200)).isEqualTo(json);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PATCH: "updates by username and custom_id with previous values
     * with application/www-form-urlencoded".
     */
    @Test
    void consumer_patch_updates_by_username_and_custom_id_with_previous_values_with_application_www_form_urlencoded() {
        patchWithPreviousValues(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PATCH: "updates by username and custom_id with previous values
     * with multipart/form-data".
     */
    @Test
    void consumer_patch_updates_by_username_and_custom_id_with_previous_values_with_multipart_form_data() {
        patchWithPreviousValues(Type.MULTIPART);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PATCH: "updates by username and custom_id with previous values
     * with application/json".
     */
    @Test
    void consumer_patch_updates_by_username_and_custom_id_with_previous_values_with_application_json() {
        patchWithPreviousValues(Type.JSON);
    }

    private static void patchNotFound(Type type) {
        Http.Response reply = call("PATCH", "/consumers/_inexistent_", type, "username", gensym());
        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PATCH errors: "returns 404 if not found with
     * application/www-form-urlencoded".
     */
    @Test
    void consumer_patch_errors_returns_404_if_not_found_with_application_www_form_urlencoded() {
        patchNotFound(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PATCH errors: "returns 404 if not found with
     * multipart/form-data".
     */
    @Test
    void consumer_patch_errors_returns_404_if_not_found_with_multipart_form_data() {
        patchNotFound(Type.MULTIPART);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PATCH errors: "returns 404 if not found with application/json".
     */
    @Test
    void consumer_patch_errors_returns_404_if_not_found_with_application_json() {
        patchNotFound(Type.JSON);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PATCH errors: "returns 415 on invalid content-type". */
    @Test
    void consumer_patch_errors_returns_415_on_invalid_content_type() {
        String path = node.admin() + "/consumers/" + id(consumer());
        Http.Response reply = Http.sendAs("PATCH", path, "invalid", "{\"hello\": \"world\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(415);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PATCH errors: "returns 415 on missing content-type with body".
     */
    @Test
    void consumer_patch_errors_returns_415_on_missing_content_type_with_body() {
        String path = node.admin() + "/consumers/" + id(consumer());
        Http.Response reply = Http.sendAs("PATCH", path, null, "invalid");
        assertThat(reply.status()).as(reply.body()).isEqualTo(415);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PATCH errors: "returns 400 on missing body with
     * application/json".
     */
    @Test
    void consumer_patch_errors_returns_400_on_missing_body_with_application_json() {
        String path = node.admin() + "/consumers/" + id(consumer());
        assertReply(Http.sendAs("PATCH", path, "application/json", ""), 400, CANNOT_PARSE);
    }

    // ------------------------------------------------------------------ /consumers/{consumer} PUT

    private static void putCreatesIfNotExists(Type type) {
        String customId = gensym();
        String id = UUID.randomUUID().toString();
        JsonNode json = ok(call("PUT", "/consumers/" + id, type, "custom_id", customId), 200);
        assertThat(json.get("custom_id").asText()).isEqualTo(customId);
        assertThat(json.get("id").asText()).isEqualTo(id);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PUT: "creates if not exists with
     * application/www-form-urlencoded".
     */
    @Test
    void consumer_put_creates_if_not_exists_with_application_www_form_urlencoded() {
        putCreatesIfNotExists(Type.FORM);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PUT: "creates if not exists with multipart/form-data". */
    @Test
    void consumer_put_creates_if_not_exists_with_multipart_form_data() {
        putCreatesIfNotExists(Type.MULTIPART);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PUT: "creates if not exists with application/json". */
    @Test
    void consumer_put_creates_if_not_exists_with_application_json() {
        putCreatesIfNotExists(Type.JSON);
    }

    private static void putCreatesByUsername(Type type) {
        String name = gensym();
        JsonNode json = ok(call("PUT", "/consumers/" + escape(name), type), 200);
        assertThat(json.get("username").asText()).isEqualTo(name);
        assertThat(json.get("custom_id").isNull()).isTrue();
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PUT: "creates if not exists by username with
     * application/www-form-urlencoded".
     */
    @Test
    void consumer_put_creates_if_not_exists_by_username_with_application_www_form_urlencoded() {
        putCreatesByUsername(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PUT: "creates if not exists by username with
     * multipart/form-data".
     */
    @Test
    void consumer_put_creates_if_not_exists_by_username_with_multipart_form_data() {
        putCreatesByUsername(Type.MULTIPART);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PUT: "creates if not exists by username with application/json".
     */
    @Test
    void consumer_put_creates_if_not_exists_by_username_with_application_json() {
        putCreatesByUsername(Type.JSON);
    }

    private static void putReplacesIfFound(Type type) {
        JsonNode consumer = consumer();
        String newUsername = gensym();
        JsonNode json = ok(call("PUT", "/consumers/" + id(consumer), type, "username", newUsername), 200);
        assertThat(json.get("username").asText()).isEqualTo(newUsername);
        assertThat(ok(get("/consumers/" + id(consumer)), 200)).isEqualTo(json);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PUT: "replaces if found with application/www-form-urlencoded".
     */
    @Test
    void consumer_put_replaces_if_found_with_application_www_form_urlencoded() {
        putReplacesIfFound(Type.FORM);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PUT: "replaces if found with multipart/form-data". */
    @Test
    void consumer_put_replaces_if_found_with_multipart_form_data() {
        putReplacesIfFound(Type.MULTIPART);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PUT: "replaces if found with application/json". */
    @Test
    void consumer_put_replaces_if_found_with_application_json() {
        putReplacesIfFound(Type.JSON);
    }

    private static void putReplacesByUsername(Type type) {
        JsonNode consumer = consumer();
        String username = consumer.get("username").asText();
        String newCustomId = gensym();
        JsonNode json = ok(call("PUT", "/consumers/" + username, type, "custom_id", newCustomId), 200);
        assertThat(json.get("username").asText()).isEqualTo(username);
        assertThat(json.get("custom_id").asText()).isEqualTo(newCustomId);
        JsonNode again = ok(call("PUT", "/consumers/" + username, type), 200);
        assertThat(again.get("id")).isEqualTo(json.get("id"));
        assertThat(again.get("username").asText()).isEqualTo(username);
        assertThat(again.get("custom_id").isNull()).isTrue();
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PUT: "replaces if found by username with
     * application/www-form-urlencoded".
     */
    @Test
    void consumer_put_replaces_if_found_by_username_with_application_www_form_urlencoded() {
        putReplacesByUsername(Type.FORM);
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PUT: "replaces if found by username with multipart/form-data".
     */
    @Test
    void consumer_put_replaces_if_found_by_username_with_multipart_form_data() {
        putReplacesByUsername(Type.MULTIPART);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PUT: "replaces if found by username with application/json". */
    @Test
    void consumer_put_replaces_if_found_by_username_with_application_json() {
        putReplacesByUsername(Type.JSON);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PUT errors: "handles malformed JSON body". */
    @Test
    void consumer_put_errors_handles_malformed_json_body() {
        String path = node.admin() + "/consumers/" + id(consumer());
        Http.Response reply = Http.sendAs("PUT", path, "application/json", "{\"hello\": \"world\"");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(CANNOT_PARSE);
    }

    private static void putHandlesInvalidInput(Type type) {
        assertReply(
                call("PUT", "/consumers/" + UUID.randomUUID(), type),
                400,
                schemaViolation("{\"@entity\":[\"" + AT_LEAST_ONE + "\"]}", AT_LEAST_ONE));
    }

    /**
     * 03-consumers_routes_spec, /consumers/{consumer} PUT errors: "handles invalid input with
     * application/www-form-urlencoded".
     */
    @Test
    void consumer_put_errors_handles_invalid_input_with_application_www_form_urlencoded() {
        putHandlesInvalidInput(Type.FORM);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PUT errors: "handles invalid input with multipart/form-data". */
    @Test
    void consumer_put_errors_handles_invalid_input_with_multipart_form_data() {
        putHandlesInvalidInput(Type.MULTIPART);
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} PUT errors: "handles invalid input with application/json". */
    @Test
    void consumer_put_errors_handles_invalid_input_with_application_json() {
        putHandlesInvalidInput(Type.JSON);
    }

    // ------------------------------------------------------------------ /consumers/{consumer} DELETE

    /** 03-consumers_routes_spec, /consumers/{consumer} DELETE: "deletes by id". */
    @Test
    void consumer_delete_deletes_by_id() {
        Http.Response reply = Http.delete(node.admin() + "/consumers/" + id(consumer()));
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
    }

    /** 03-consumers_routes_spec, /consumers/{consumer} DELETE: "deletes by username". */
    @Test
    void consumer_delete_deletes_by_username() {
        JsonNode consumer = consumer();
        Http.Response reply = Http.delete(
                node.admin() + "/consumers/" + consumer.get("username").asText());
        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
        assertReply(get("/consumers/" + id(consumer)), 404, NOT_FOUND);
    }
}
