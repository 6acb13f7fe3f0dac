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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/10-basic-auth/02-api_spec.lua} (its 3.x revision): the Admin API of basic-auth
 * credentials ({@code /consumers/{consumer}/basic-auth}, {@code /basic-auths}), against one real node. All 32 of the
 * spec's cases are ported. Kong truncates the credentials between cases; here every case creates its own consumer and
 * credentials with unique usernames, and the {@code /basic-auths} list cases filter on a tag of their own.
 *
 * <p>Tollgate hashes passwords with salted PBKDF2-HMAC-SHA256 rather than Kong's unsalted {@code sha1(password ..
 * consumer_id)} (README, "Compatibility with Kong"), so the two cases that compare the stored value with Kong's SHA-1
 * hash assert instead that it is not the password and that the password authenticates through the proxy.
 */
class KongBasicAuthApiSpecIT {

    private static final Duration APPLY = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-basic-auth", dir, Map.of());
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

    private static String username(JsonNode entity) {
        return entity.get("username").asText();
    }

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /** Kong's {@code bp.basicauth_credentials:insert} for this consumer: a fresh username, password {@code kong}. */
    private static JsonNode credential(JsonNode consumer, Object... fields) {
        Map<String, Object> body = body("username", unique("bob"), "password", "kong");
        body.putAll(body(fields));
        return client.create("/consumers/" + username(consumer) + "/basic-auth", body);
    }

    private static Http.Response sendJson(String method, String path, Map<String, Object> body) {
        return client.send(method, path, ContentType.JSON, body);
    }

    private static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A route of its own behind basic-auth, answering 200 itself once a request authenticates; returns its proxy URL
     * once the route and plugins apply (a request without credentials gets 401).
     */
    private static String protectedRoute() {
        String path = "/" + unique("basic-protected");
        JsonNode route = client.route("paths", List.of(path));
        client.create("/routes/" + id(route) + "/plugins", body("name", "basic-auth"));
        client.create(
                "/routes/" + id(route) + "/plugins",
                body("name", "request-termination", "config", Map.of("status_code", 200, "message", "in")));
        String url = node.proxy() + path;
        Http.await(url, Http.status(401), APPLY);
        return url;
    }

    // ---------------------------------------------------------------------- /consumers/{consumer}/basic-auth

    /** 02-api_spec: "/consumers/:consumer/basic-auth/ POST creates a basic-auth credential". */
    @Test
    void creates_a_basic_auth_credential() {
        JsonNode bob = consumer();
        String name = unique("bob");
        JsonNode json = ok(
                sendJson(
                        "POST",
                        "/consumers/" + username(bob) + "/basic-auth",
                        body("username", name, "password", "kong")),
                201);
        assertThat(json.get("consumer").get("id").asText()).isEqualTo(id(bob));
        assertThat(json.get("username").asText()).isEqualTo(name);
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/ POST creates a basic-auth credential with tags". */
    @Test
    void creates_a_basic_auth_credential_with_tags() {
        JsonNode bob = consumer();
        JsonNode json = ok(
                sendJson(
                        "POST",
                        "/consumers/" + username(bob) + "/basic-auth/",
                        body("username", unique("bobby"), "password", "kong", "tags", List.of("tag1", "tag2"))),
                201);
        assertThat(json.get("consumer").get("id").asText()).isEqualTo(id(bob));
        assertThat(texts(json.get("tags"))).containsExactly("tag1", "tag2");
    }

    /**
     * 02-api_spec: "/consumers/:consumer/basic-auth/ POST hashes the password". Deliberate difference: Kong checks the
     * stored value against its SHA-1 hash of the password; Tollgate stores a salted PBKDF2-HMAC-SHA256 hash, so this
     * asserts that the stored value is not the password and that the password authenticates (a wrong one does not).
     */
    @Test
    void hashes_the_password() {
        String url = protectedRoute();
        JsonNode bob = consumer();
        String name = unique("bob");
        JsonNode json = ok(
                sendJson(
                        "POST",
                        "/consumers/" + username(bob) + "/basic-auth",
                        body("username", name, "password", "kong")),
                201);
        assertThat(json.get("password").isTextual()).isTrue();
        assertThat(json.get("password").asText()).isNotEqualTo("kong");

        Http.await(url, Http.status(200), APPLY, "Authorization", basic(name, "kong"));
        assertThat(Http.get(url, "Authorization", basic(name, "kong2")).status())
                .isEqualTo(401);
    }

    /**
     * 02-api_spec: "/consumers/:consumer/basic-auth/ POST hashes the password without trimming whitespace". Deliberate
     * difference: Kong checks the stored value against its SHA-1 hash of {@code " kong "}; Tollgate stores a salted
     * PBKDF2-HMAC-SHA256 hash, so this asserts that the stored value is not the password and that {@code " kong "}
     * authenticates while the trimmed {@code "kong"} does not.
     */
    @Test
    void hashes_the_password_without_trimming_whitespace() {
        String url = protectedRoute();
        JsonNode bob = consumer();
        String name = unique("bob");
        JsonNode json = ok(
                sendJson(
                        "POST",
                        "/consumers/" + username(bob) + "/basic-auth",
                        body("username", name, "password", " kong ")),
                201);
        assertThat(json.get("password").isTextual()).isTrue();
        assertThat(json.get("password").asText()).isNotEqualTo(" kong ");

        Http.await(url, Http.status(200), APPLY, "Authorization", basic(name, " kong "));
        assertThat(Http.get(url, "Authorization", basic(name, "kong")).status()).isEqualTo(401);
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/ POST errors returns bad request". */
    @Test
    void returns_bad_request() {
        JsonNode bob = consumer();
        JsonNode json = ok(sendJson("POST", "/consumers/" + username(bob) + "/basic-auth", body()), 400);
        assertThat(json.get("fields"))
                .isEqualTo(json("{\"username\":\"required field missing\",\"password\":\"required field missing\"}"));
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/ POST errors cannot create two identical usernames". */
    @Test
    void cannot_create_two_identical_usernames() {
        JsonNode bob = consumer();
        String path = "/consumers/" + username(bob) + "/basic-auth";
        String name = unique("bob");
        assertThat(sendJson("POST", path, body("username", name, "password", "kong"))
                        .status())
                .isEqualTo(201);
        assertThat(sendJson("POST", path, body("username", name, "password", "kong"))
                        .status())
                .isEqualTo(409);
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/ GET retrieves the first page". */
    @Test
    void retrieves_the_first_page() {
        JsonNode bob = consumer();
        for (int i = 0; i < 3; i++) {
            credential(bob);
        }
        JsonNode json = ok(client.get("/consumers/" + username(bob) + "/basic-auth"), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(json.get("data")).hasSize(3);
    }

    // --------------------------------------------------------------- /consumers/{consumer}/basic-auth/{id}

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id GET retrieves basic-auth credential by id". */
    @Test
    void retrieves_basic_auth_credential_by_id() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json = ok(client.get("/consumers/" + username(bob) + "/basic-auth/" + id(credential)), 200);
        assertThat(id(json)).isEqualTo(id(credential));
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id GET retrieves basic-auth credential by username". */
    @Test
    void retrieves_basic_auth_credential_by_username() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json = ok(client.get("/consumers/" + username(bob) + "/basic-auth/" + username(credential)), 200);
        assertThat(id(json)).isEqualTo(id(credential));
    }

    /**
     * 02-api_spec: "/consumers/:consumer/basic-auth/:id GET retrieves credential by id only if the credential belongs
     * to the specified consumer".
     */
    @Test
    void retrieves_credential_by_id_only_if_the_credential_belongs_to_the_specified_consumer() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode alice = client.create("/consumers", body("username", unique("alice")));
        assertThat(client.get("/consumers/" + username(bob) + "/basic-auth/" + id(credential))
                        .status())
                .isEqualTo(200);
        assertThat(client.get("/consumers/" + username(alice) + "/basic-auth/" + id(credential))
                        .status())
                .isEqualTo(404);
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id PUT creates a basic-auth credential". */
    @Test
    void put_creates_a_basic_auth_credential() {
        JsonNode bob = consumer();
        String robert = unique("robert");
        JsonNode json = ok(
                sendJson("PUT", "/consumers/" + username(bob) + "/basic-auth/" + robert, body("password", "kong")),
                200);
        assertThat(json.get("consumer").get("id").asText()).isEqualTo(id(bob));
        assertThat(json.get("username").asText()).isEqualTo(robert);
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id PUT errors returns bad request". */
    @Test
    void put_returns_bad_request() {
        JsonNode bob = consumer();
        JsonNode json = ok(
                sendJson(
                        "PUT",
                        "/consumers/" + username(bob) + "/basic-auth/" + UUID.randomUUID(),
                        body("username", 123)),
                400);
        assertThat(json.get("fields"))
                .isEqualTo(json("{\"username\":\"expected a string\",\"password\":\"required field missing\"}"));
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id PATCH updates a credential by id". */
    @Test
    void updates_a_credential_by_id() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json = ok(
                sendJson(
                        "PATCH",
                        "/consumers/" + username(bob) + "/basic-auth/" + id(credential),
                        body("password", "4321")),
                200);
        assertThat(json.get("password").asText())
                .isNotEqualTo(credential.get("password").asText());
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id PATCH ignores a nil password when updated by id". */
    @Test
    void ignores_a_nil_password_when_updated_by_id() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        String tyrion = unique("Tyrion Lannister");
        JsonNode json = ok(
                sendJson(
                        "PATCH",
                        "/consumers/" + username(bob) + "/basic-auth/" + id(credential),
                        body("username", tyrion)),
                200);
        assertThat(json.get("username").asText()).isEqualTo(tyrion);
        assertThat(json.get("password").asText())
                .isEqualTo(credential.get("password").asText());
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id PATCH updates a credential by username". */
    @Test
    void updates_a_credential_by_username() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json = ok(
                sendJson(
                        "PATCH",
                        "/consumers/" + username(bob) + "/basic-auth/" + username(credential),
                        body("password", "upd4321")),
                200);
        assertThat(json.get("password").asText())
                .isNotEqualTo(credential.get("password").asText());
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id PATCH ignores a nil password when updated by username". */
    @Test
    void ignores_a_nil_password_when_updated_by_username() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        String tyrion = unique("Tyrion Lannister");
        JsonNode json = ok(
                sendJson(
                        "PATCH",
                        "/consumers/" + username(bob) + "/basic-auth/" + username(credential),
                        body("username", tyrion)),
                200);
        assertThat(json.get("username").asText()).isEqualTo(tyrion);
        assertThat(json.get("password").asText())
                .isEqualTo(credential.get("password").asText());
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id PATCH errors handles invalid input". */
    @Test
    void handles_invalid_input() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json = ok(
                sendJson(
                        "PATCH",
                        "/consumers/" + username(bob) + "/basic-auth/" + id(credential),
                        body("username", 123)),
                400);
        assertThat(json.get("fields")).isEqualTo(json("{\"username\":\"expected a string\"}"));
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id DELETE deletes a credential". */
    @Test
    void deletes_a_credential() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        assertThat(client.delete("/consumers/" + username(bob) + "/basic-auth/" + id(credential))
                        .status())
                .isEqualTo(204);
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id DELETE errors returns 404 on missing username". */
    @Test
    void returns_404_on_missing_username() {
        JsonNode bob = consumer();
        credential(bob);
        assertThat(client.delete("/consumers/" + username(bob) + "/basic-auth/blah")
                        .status())
                .isEqualTo(404);
    }

    /** 02-api_spec: "/consumers/:consumer/basic-auth/:id DELETE errors returns 404 if not found". */
    @Test
    void returns_404_if_not_found() {
        JsonNode bob = consumer();
        credential(bob);
        assertThat(client.delete("/consumers/" + username(bob) + "/basic-auth/00000000-0000-0000-0000-000000000000")
                        .status())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------- /basic-auths

    /** Kong's {@code /basic-auths} fixture: one credential for each of two consumers, both with a fresh tag. */
    private static String twoTaggedCredentials() {
        String tag = unique("basic-auths");
        credential(consumer(), "password", "secret", "tags", List.of(tag));
        credential(consumer(), "password", "secret", "tags", List.of(tag));
        return tag;
    }

    /** 02-api_spec: "/basic-auths GET retrieves all the basic-auths with trailing slash". */
    @Test
    void retrieves_all_the_basic_auths_with_trailing_slash() {
        String tag = twoTaggedCredentials();
        JsonNode json = ok(client.get("/basic-auths/?tags=" + tag), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(json.get("data")).hasSize(2);
    }

    /** 02-api_spec: "/basic-auths GET retrieves all the basic-auths without trailing slash". */
    @Test
    void retrieves_all_the_basic_auths_without_trailing_slash() {
        String tag = twoTaggedCredentials();
        JsonNode json = ok(client.get("/basic-auths?tags=" + tag), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(json.get("data")).hasSize(2);
    }

    /** 02-api_spec: "/basic-auths GET paginates through the basic-auths". */
    @Test
    void paginates_through_the_basic_auths() {
        String tag = twoTaggedCredentials();
        JsonNode first = ok(client.get("/basic-auths?size=1&tags=" + tag), 200);
        assertThat(first.get("data")).hasSize(1);
        JsonNode second = ok(
                client.get("/basic-auths?size=1&tags=" + tag + "&offset="
                        + URLEncoder.encode(first.get("offset").asText(), StandardCharsets.UTF_8)),
                200);
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("data")).isNotEqualTo(first.get("data"));
    }

    /** 02-api_spec: "/basic-auths POST does not create basic-auth credential when missing consumer". */
    @Test
    void post_does_not_create_basic_auth_credential_when_missing_consumer() {
        JsonNode json = ok(sendJson("POST", "/basic-auths", body("username", unique("bob"))), 400);
        assertThat(json.get("message").asText())
                .isEqualTo("2 schema violations (consumer: required field missing; password: required field missing)");
    }

    /** 02-api_spec: "/basic-auths POST creates basic-auth credential". */
    @Test
    void post_creates_basic_auth_credential() {
        JsonNode bob = consumer();
        String name = unique("bob");
        JsonNode json = ok(
                sendJson(
                        "POST",
                        "/basic-auths",
                        body("username", name, "password", "test", "consumer", Map.of("id", id(bob)))),
                201);
        assertThat(json.get("username").asText()).isEqualTo(name);
    }

    // ------------------------------------------------------------------------------- /basic-auths/{username_or_id}

    /**
     * 02-api_spec: "/basic-auths/:username_or_id PATCH does not allow updating consumer as it would invalidate the
     * password".
     */
    @Test
    void does_not_allow_updating_consumer_as_it_would_invalidate_the_password() {
        JsonNode credential = credential(consumer());
        JsonNode john = client.create("/consumers", body("username", unique("john")));
        JsonNode json = ok(
                sendJson("PATCH", "/basic-auths/" + username(credential), body("consumer", Map.of("id", id(john)))),
                400);
        assertThat(json.get("message").asText())
                .isEqualTo("schema violation (all or none of these fields must be set: 'password', 'consumer.id')");
    }

    /** 02-api_spec: "/basic-auths/:username_or_id PUT does not create basic-auth credential when missing consumer". */
    @Test
    void put_does_not_create_basic_auth_credential_when_missing_consumer() {
        JsonNode json = ok(sendJson("PUT", "/basic-auths/" + unique("bob"), body()), 400);
        assertThat(json.get("message").asText())
                .isEqualTo("2 schema violations (consumer: required field missing; password: required field missing)");
    }

    /** 02-api_spec: "/basic-auths/:username_or_id PUT creates basic-auth credential". */
    @Test
    void put_creates_basic_auth_credential() {
        JsonNode bob = consumer();
        String name = unique("bob");
        JsonNode json = ok(
                sendJson("PUT", "/basic-auths/" + name, body("password", "secret", "consumer", Map.of("id", id(bob)))),
                200);
        assertThat(json.get("username").asText()).isEqualTo(name);
    }

    // ------------------------------------------------------------ /basic-auths/{username_or_id}/consumer

    /** 02-api_spec: "/basic-auths/:credential_username_or_id/consumer GET retrieve consumer from a basic-auth id". */
    @Test
    void retrieve_consumer_from_a_basic_auth_id() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob, "password", "secret");
        assertThat(ok(client.get("/basic-auths/" + id(credential) + "/consumer"), 200))
                .isEqualTo(bob);
    }

    /**
     * 02-api_spec: "/basic-auths/:credential_username_or_id/consumer GET retrieve consumer from a basic-auth
     * username".
     */
    @Test
    void retrieve_consumer_from_a_basic_auth_username() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob, "password", "secret");
        assertThat(ok(client.get("/basic-auths/" + username(credential) + "/consumer"), 200))
                .isEqualTo(bob);
    }

    /**
     * 02-api_spec: "/basic-auths/:credential_username_or_id/consumer GET returns 404 for a random non-existing
     * basic-auth id".
     */
    @Test
    void returns_404_for_a_random_non_existing_basic_auth_id() {
        assertThat(client.get("/basic-auths/" + UUID.randomUUID() + "/consumer").status())
                .isEqualTo(404);
    }

    /**
     * 02-api_spec: "/basic-auths/:credential_username_or_id/consumer GET returns 404 for a random non-existing
     * basic-auth username".
     */
    @Test
    void returns_404_for_a_random_non_existing_basic_auth_username() {
        assertThat(client.get("/basic-auths/" + UUID.randomUUID().toString().replace("-", "") + "/consumer")
                        .status())
                .isEqualTo(404);
    }
}
