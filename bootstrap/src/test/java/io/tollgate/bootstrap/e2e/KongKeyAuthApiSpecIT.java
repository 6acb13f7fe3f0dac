package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.json;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.texts;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/09-key-auth/01-api_spec.lua} (its 3.x revision, with the {@code ttl} cases): the
 * Admin API of key-auth credentials ({@code /consumers/{consumer}/key-auth}, {@code /key-auths}) and the validation
 * of the plugin's {@code key_names}, against one real node. All 31 of the spec's cases are ported. Kong truncates
 * the credentials between cases; here every case creates its own consumer and keys with unique names, and the
 * {@code /key-auths} list cases filter on a tag of their own.
 */
class KongKeyAuthApiSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-key-auth", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** A consumer of its own (Kong's {@code bob}). */
    private static JsonNode consumer() {
        return client.create("/consumers", body("username", unique("bob")));
    }

    private static String username(JsonNode consumer) {
        return consumer.get("username").asText();
    }

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /** Kong's {@code bp.keyauth_credentials:insert} for this consumer, with these extra fields. */
    private static JsonNode credential(JsonNode consumer, Object... fields) {
        return client.create("/consumers/" + username(consumer) + "/key-auth", body(fields));
    }

    private static Http.Response sendJson(String method, String path, Map<String, Object> body) {
        return client.send(method, path, ContentType.JSON, body);
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------ /consumers/{consumer}/key-auth

    /** 01-api_spec: "/consumers/:consumer/key-auth POST creates a key-auth credential with key". */
    @Test
    void creates_a_key_auth_credential_with_key() {
        JsonNode bob = consumer();
        String key = unique("1234");
        JsonNode json = ok(sendJson("POST", "/consumers/" + username(bob) + "/key-auth", body("key", key)), 201);
        assertThat(json.get("consumer").get("id").asText()).isEqualTo(id(bob));
        assertThat(json.get("key").asText()).isEqualTo(key);
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth POST creates a key-auth auto-generating a unique key". */
    @Test
    void creates_a_key_auth_auto_generating_a_unique_key() {
        JsonNode bob = consumer();
        String path = "/consumers/" + username(bob) + "/key-auth";
        JsonNode first = ok(sendJson("POST", path, body()), 201);
        assertThat(first.get("consumer").get("id").asText()).isEqualTo(id(bob));
        assertThat(first.get("key").isTextual()).isTrue();
        assertThat(client.delete(path + "/" + id(first)).status()).isEqualTo(204);

        JsonNode second = ok(sendJson("POST", path, body()), 201);
        assertThat(second.get("consumer").get("id").asText()).isEqualTo(id(bob));
        assertThat(second.get("key").isTextual()).isTrue();
        assertThat(second.get("key").asText()).isNotEqualTo(first.get("key").asText());
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth POST creates a key-auth credential with tags". */
    @Test
    void creates_a_key_auth_credential_with_tags() {
        JsonNode bob = consumer();
        JsonNode json = ok(
                sendJson(
                        "POST",
                        "/consumers/" + username(bob) + "/key-auth",
                        body("key", unique("keyauth-with-tags"), "tags", List.of("tag1", "tag2"))),
                201);
        assertThat(json.get("consumer").get("id").asText()).isEqualTo(id(bob));
        assertThat(texts(json.get("tags"))).containsExactly("tag1", "tag2");
    }

    /**
     * 01-api_spec: "/consumers/:consumer/key-auth POST creates a key-auth credential with a ttl". Kong sleeps past
     * the ttl and reads the credential back; here the read is polled until the credential is gone.
     */
    @Test
    void creates_a_key_auth_credential_with_a_ttl() {
        JsonNode bob = consumer();
        String path = "/consumers/" + username(bob) + "/key-auth";
        JsonNode json = ok(sendJson("POST", path, body("ttl", 1)), 201);
        assertThat(json.get("consumer").get("id").asText()).isEqualTo(id(bob));
        assertThat(json.get("key").isTextual()).isTrue();

        Http.await(node.admin() + path + "/" + id(json), Http.status(404), Duration.ofSeconds(10));
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth GET retrieves the first page". */
    @Test
    void retrieves_the_first_page() {
        JsonNode bob = consumer();
        for (int i = 0; i < 3; i++) {
            credential(bob);
        }
        JsonNode json = ok(client.get("/consumers/" + username(bob) + "/key-auth"), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(json.get("data")).hasSize(3);
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth GET #ttl entries contain ttl when specified". */
    @Test
    void entries_contain_ttl_when_specified() {
        JsonNode bob = consumer();
        for (int i = 0; i < 3; i++) {
            credential(bob, "ttl", 10);
        }
        JsonNode json = ok(client.get("/consumers/" + username(bob) + "/key-auth"), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(json.get("data")).hasSize(3);
        json.get("data")
                .forEach(credential -> assertThat(credential.path("ttl").isNumber())
                        .as(credential.toString())
                        .isTrue());
    }

    // ------------------------------------------------------------------- /consumers/{consumer}/key-auth/{id}

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id GET retrieves key-auth credential by id". */
    @Test
    void retrieves_key_auth_credential_by_id() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json = ok(client.get("/consumers/" + username(bob) + "/key-auth/" + id(credential)), 200);
        assertThat(id(json)).isEqualTo(id(credential));
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id GET retrieves key-auth credential by key". */
    @Test
    void retrieves_key_auth_credential_by_key() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json = ok(
                client.get("/consumers/" + username(bob) + "/key-auth/"
                        + credential.get("key").asText()),
                200);
        assertThat(id(json)).isEqualTo(id(credential));
    }

    /**
     * 01-api_spec: "/consumers/:consumer/key-auth/:id GET retrieves credential by id only if the credential belongs to
     * the specified consumer".
     */
    @Test
    void retrieves_credential_by_id_only_if_the_credential_belongs_to_the_specified_consumer() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode alice = client.create("/consumers", body("username", unique("alice")));
        assertThat(client.get("/consumers/" + username(bob) + "/key-auth/" + id(credential))
                        .status())
                .isEqualTo(200);
        assertThat(client.get("/consumers/" + username(alice) + "/key-auth/" + id(credential))
                        .status())
                .isEqualTo(404);
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id GET key-auth credential contains #ttl". */
    @Test
    void key_auth_credential_contains_ttl() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob, "ttl", 10);
        JsonNode json = ok(client.get("/consumers/" + username(bob) + "/key-auth/" + id(credential)), 200);
        assertThat(id(json)).isEqualTo(id(credential));
        assertThat(json.path("ttl").isNumber()).as(json.toString()).isTrue();
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id PUT creates a key-auth credential with key". */
    @Test
    void put_creates_a_key_auth_credential_with_key() {
        JsonNode bob = consumer();
        String key = unique("1234");
        JsonNode json = ok(sendJson("PUT", "/consumers/" + username(bob) + "/key-auth/" + key, body()), 200);
        assertThat(json.get("consumer").get("id").asText()).isEqualTo(id(bob));
        assertThat(json.get("key").asText()).isEqualTo(key);
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id PUT creates a key-auth credential auto-generating the key". */
    @Test
    void put_creates_a_key_auth_credential_auto_generating_the_key() {
        JsonNode bob = consumer();
        String id = UUID.randomUUID().toString();
        JsonNode json = ok(sendJson("PUT", "/consumers/" + username(bob) + "/key-auth/" + id, body()), 200);
        assertThat(json.get("consumer").get("id").asText()).isEqualTo(id(bob));
        assertThat(json.get("key").isTextual()).isTrue();
        assertThat(id(json)).isEqualTo(id);
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id PATCH updates a credential by id". */
    @Test
    void updates_a_credential_by_id() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        String key = unique("4321");
        JsonNode json = ok(
                sendJson("PATCH", "/consumers/" + username(bob) + "/key-auth/" + id(credential), body("key", key)),
                200);
        assertThat(json.get("key").asText()).isEqualTo(key);
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id PATCH updates a credential by key". */
    @Test
    void updates_a_credential_by_key() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        String key = unique("4321UPD");
        JsonNode json = ok(
                sendJson(
                        "PATCH",
                        "/consumers/" + username(bob) + "/key-auth/"
                                + credential.get("key").asText(),
                        body("key", key)),
                200);
        assertThat(json.get("key").asText()).isEqualTo(key);
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id PATCH errors handles invalid input". */
    @Test
    void handles_invalid_input() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json = ok(
                sendJson("PATCH", "/consumers/" + username(bob) + "/key-auth/" + id(credential), body("key", 123)),
                400);
        assertThat(json.get("fields")).isEqualTo(json("{\"key\":\"expected a string\"}"));
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id DELETE deletes a credential". */
    @Test
    void deletes_a_credential() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        assertThat(client.delete("/consumers/" + username(bob) + "/key-auth/" + id(credential))
                        .status())
                .isEqualTo(204);
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id DELETE errors returns 400 on invalid input" (Kong: 404). */
    @Test
    void returns_400_on_invalid_input() {
        JsonNode bob = consumer();
        credential(bob);
        assertThat(client.delete("/consumers/" + username(bob) + "/key-auth/blah")
                        .status())
                .isEqualTo(404);
    }

    /** 01-api_spec: "/consumers/:consumer/key-auth/:id DELETE errors returns 404 if not found". */
    @Test
    void returns_404_if_not_found() {
        JsonNode bob = consumer();
        credential(bob);
        assertThat(client.delete("/consumers/" + username(bob) + "/key-auth/00000000-0000-0000-0000-000000000000")
                        .status())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------ /plugins for route

    /** 01-api_spec: "/plugins for route fails with invalid key_names". */
    @Test
    void fails_with_invalid_key_names() {
        JsonNode route = client.route("hosts", List.of(unique("keyauth1") + ".test"));
        JsonNode json = ok(
                sendJson(
                        "POST",
                        "/plugins",
                        body(
                                "name", "key-auth",
                                "route", Map.of("id", id(route)),
                                "config", Map.of("key_names", List.of("hello\\world")))),
                400);
        assertThat(json.get("fields").get("config").get("key_names").get(0).asText())
                .isEqualTo("bad header name 'hello\\world', allowed characters are A-Z, a-z, 0-9, '_', and '-'");
    }

    /** 01-api_spec: "/plugins for route succeeds with valid key_names". */
    @Test
    void succeeds_with_valid_key_names() {
        JsonNode route = client.route("hosts", List.of(unique("keyauth2") + ".test"));
        JsonNode json = ok(
                sendJson(
                        "POST",
                        "/plugins",
                        body(
                                "route", Map.of("id", id(route)),
                                "name", "key-auth",
                                "config", Map.of("key_names", List.of("hello-world")))),
                201);
        assertThat(json.get("config").get("key_names").get(0).asText()).isEqualTo("hello-world");
    }

    // ---------------------------------------------------------------------------------------------- /key-auths

    /** Kong's {@code /key-auths} fixture: three credentials for each of two consumers, all with a fresh tag. */
    private static String sixTaggedCredentials() {
        String tag = unique("key-auths");
        for (JsonNode consumer : List.of(consumer(), consumer())) {
            for (int i = 0; i < 3; i++) {
                credential(consumer, "tags", List.of(tag));
            }
        }
        return tag;
    }

    /** 01-api_spec: "/key-auths GET retrieves all the key-auths with trailing slash". */
    @Test
    void retrieves_all_the_key_auths_with_trailing_slash() {
        String tag = sixTaggedCredentials();
        JsonNode json = ok(client.get("/key-auths/?tags=" + tag), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(json.get("data")).hasSize(6);
    }

    /** 01-api_spec: "/key-auths GET retrieves all the key-auths without trailing slash". */
    @Test
    void retrieves_all_the_key_auths_without_trailing_slash() {
        String tag = sixTaggedCredentials();
        JsonNode json = ok(client.get("/key-auths?tags=" + tag), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(json.get("data")).hasSize(6);
    }

    /** 01-api_spec: "/key-auths GET paginates through the key-auths". */
    @Test
    void paginates_through_the_key_auths() {
        String tag = sixTaggedCredentials();
        JsonNode first = ok(client.get("/key-auths?size=3&tags=" + tag), 200);
        assertThat(first.get("data")).hasSize(3);
        JsonNode second = ok(
                client.get("/key-auths?size=3&tags=" + tag + "&offset="
                        + encoded(first.get("offset").asText())),
                200);
        assertThat(second.get("data")).hasSize(3);
        assertThat(second.get("data")).isNotEqualTo(first.get("data"));
    }

    /** 01-api_spec: "/key-auths POST does not create key-auth credential when missing consumer". */
    @Test
    void post_does_not_create_key_auth_credential_when_missing_consumer() {
        JsonNode json = ok(sendJson("POST", "/key-auths", body("key", unique("1234"))), 400);
        assertThat(json.get("message").asText()).isEqualTo("schema violation (consumer: required field missing)");
    }

    /** 01-api_spec: "/key-auths POST creates key-auth credential". */
    @Test
    void post_creates_key_auth_credential() {
        JsonNode bob = consumer();
        String key = unique("1234");
        JsonNode json = ok(sendJson("POST", "/key-auths", body("key", key, "consumer", Map.of("id", id(bob)))), 201);
        assertThat(json.get("key").asText()).isEqualTo(key);
    }

    /** 01-api_spec: "/key-auths/:credential_key_or_id PUT does not create key-auth credential when missing consumer". */
    @Test
    void put_does_not_create_key_auth_credential_when_missing_consumer() {
        JsonNode json = ok(sendJson("PUT", "/key-auths/" + unique("1234"), body()), 400);
        assertThat(json.get("message").asText()).isEqualTo("schema violation (consumer: required field missing)");
    }

    /** 01-api_spec: "/key-auths/:credential_key_or_id PUT creates key-auth credential". */
    @Test
    void put_creates_key_auth_credential() {
        JsonNode bob = consumer();
        String key = unique("1234");
        JsonNode json = ok(sendJson("PUT", "/key-auths/" + key, body("consumer", Map.of("id", id(bob)))), 200);
        assertThat(json.get("key").asText()).isEqualTo(key);
    }

    // ---------------------------------------------------------------- /key-auths/{key_or_id}/consumer

    /** 01-api_spec: "/key-auths/:credential_key_or_id/consumer GET retrieve Consumer from a credential's id". */
    @Test
    void retrieve_consumer_from_a_credentials_id() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        assertThat(ok(client.get("/key-auths/" + id(credential) + "/consumer"), 200))
                .isEqualTo(bob);
    }

    /** 01-api_spec: "/key-auths/:credential_key_or_id/consumer GET retrieve a Consumer from a credential's key". */
    @Test
    void retrieve_a_consumer_from_a_credentials_key() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        assertThat(ok(client.get("/key-auths/" + credential.get("key").asText() + "/consumer"), 200))
                .isEqualTo(bob);
    }

    /** 01-api_spec: "/key-auths/:credential_key_or_id/consumer GET returns 404 for a random non-existing id". */
    @Test
    void returns_404_for_a_random_non_existing_id() {
        assertThat(client.get("/key-auths/" + UUID.randomUUID() + "/consumer").status())
                .isEqualTo(404);
    }

    /** 01-api_spec: "/key-auths/:credential_key_or_id/consumer GET returns 404 for a random non-existing key". */
    @Test
    void returns_404_for_a_random_non_existing_key() {
        assertThat(client.get("/key-auths/" + UUID.randomUUID().toString().replace("-", "") + "/consumer")
                        .status())
                .isEqualTo(404);
    }
}
