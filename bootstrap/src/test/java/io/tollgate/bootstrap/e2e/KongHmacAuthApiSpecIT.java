package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.json;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/19-hmac-auth/02-api_spec.lua} (its 3.x revision), all 20 of its cases, against one
 * real node: {@code /consumers/{consumer}/hmac-auth}, {@code /consumers/{consumer}/hmac-auth/{id or username}},
 * {@code /hmac-auths} and {@code /hmac-auths/{id or username}/consumer}. Kong truncates the tables between cases;
 * here every case creates its own consumer and credentials with unique usernames, and the {@code /hmac-auths} list
 * cases, which cannot own the table, assert that the credentials they created are listed.
 */
class KongHmacAuthApiSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-hmac-api", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** Kong's {@code bp.consumers:insert}: a consumer with a fresh username. */
    private static JsonNode consumer() {
        return client.create("/consumers", body("username", unique("hmac-consumer"), "custom_id", unique("1234")));
    }

    /** Kong's {@code bp.hmacauth_credentials:insert}: a credential of the consumer with a fresh username. */
    private static JsonNode credential(JsonNode consumer) {
        return client.create(
                "/hmac-auths",
                body(
                        "username",
                        unique("hmac-user"),
                        "consumer",
                        Map.of("id", consumer.get("id").asText())));
    }

    private static String hmacs(JsonNode consumer) {
        return "/consumers/" + consumer.get("username").asText() + "/hmac-auth";
    }

    private static Http.Response send(String method, String path, Map<String, Object> body) {
        return client.send(method, path, ContentType.JSON, body);
    }

    // -------------------------------------------------------------------------- /consumers/{c}/hmac-auth

    /** 19-hmac-auth/02-api_spec: "… POST [SUCCESS] should create a hmac-auth credential". */
    @Test
    void should_create_a_hmac_auth_credential() {
        JsonNode bob = consumer();
        JsonNode cred = ok(send("POST", hmacs(bob) + "/", body("username", unique("bob"), "secret", "1234")), 201);
        assertThat(cred.get("consumer").get("id")).isEqualTo(bob.get("id"));
    }

    /** 19-hmac-auth/02-api_spec: "… POST [SUCCESS] should create a hmac-auth credential with a random secret". */
    @Test
    void should_create_a_hmac_auth_credential_with_a_random_secret() {
        JsonNode cred = ok(send("POST", hmacs(consumer()) + "/", body("username", unique("bob"))), 201);
        assertThat(cred.get("secret").isNull()).isFalse();
        assertThat(cred.hasNonNull("secret")).isTrue();
    }

    /** 19-hmac-auth/02-api_spec: "/consumers/:consumer/hmac-auth/ POST [FAILURE] should return proper errors". */
    @Test
    void post_should_return_proper_errors() {
        JsonNode json = ok(send("POST", hmacs(consumer()) + "/", body()), 400);
        assertThat(json.get("fields")).isEqualTo(json("{\"username\":\"required field missing\"}"));
    }

    /** 19-hmac-auth/02-api_spec: "/consumers/:consumer/hmac-auth/ GET should retrieve all". */
    @Test
    void should_retrieve_all() {
        JsonNode bob = consumer();
        credential(bob);
        assertThat(ok(client.get(hmacs(bob)), 200).get("data")).hasSize(1);
    }

    // ---------------------------------------------------------------------- /consumers/{c}/hmac-auth/{id}

    /** 19-hmac-auth/02-api_spec: "/consumers/:consumer/hmac-auth/:id GET should retrieve by id". */
    @Test
    void should_retrieve_by_id() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json = ok(send("GET", hmacs(bob) + "/" + credential.get("id").asText(), body()), 200);
        assertThat(json.get("id")).isEqualTo(credential.get("id"));
    }

    /** 19-hmac-auth/02-api_spec: "/consumers/:consumer/hmac-auth/:id GET should retrieve by username". */
    @Test
    void should_retrieve_by_username() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json =
                ok(send("GET", hmacs(bob) + "/" + credential.get("username").asText(), body()), 200);
        assertThat(json.get("id")).isEqualTo(credential.get("id"));
    }

    /** 19-hmac-auth/02-api_spec: "… PATCH [SUCCESS] should update a credential by id". */
    @Test
    void should_update_a_credential_by_id() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        String alice = unique("alice");
        JsonNode cred =
                ok(send("PATCH", hmacs(bob) + "/" + credential.get("id").asText(), body("username", alice)), 200);
        assertThat(cred.get("username").asText()).isEqualTo(alice);
    }

    /** 19-hmac-auth/02-api_spec: "… PATCH [SUCCESS] should update a credential by username". */
    @Test
    void should_update_a_credential_by_username() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        String alice = unique("aliceUPD");
        JsonNode cred =
                ok(send("PATCH", hmacs(bob) + "/" + credential.get("username").asText(), body("username", alice)), 200);
        assertThat(cred.get("username").asText()).isEqualTo(alice);
    }

    /** 19-hmac-auth/02-api_spec: "/consumers/:consumer/hmac-auth/:id PATCH [FAILURE] should return proper errors". */
    @Test
    void patch_should_return_proper_errors() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        JsonNode json = ok(send("PATCH", hmacs(bob) + "/" + credential.get("id").asText(), body("username", "")), 400);
        assertThat(json.get("fields")).isEqualTo(json("{\"username\":\"length must be at least 1\"}"));
    }

    /** 19-hmac-auth/02-api_spec: "/consumers/:consumer/hmac-auth/:id PUT [SUCCESS] should create and update". */
    @Test
    void should_create_and_update() {
        JsonNode bob = consumer();
        credential(bob);
        String foo = unique("foo");
        JsonNode cred = ok(send("PUT", hmacs(bob) + "/" + foo, body("secret", "1234")), 200);
        assertThat(cred.get("username").asText()).isEqualTo(foo);
        assertThat(cred.get("consumer").get("id")).isEqualTo(bob.get("id"));
    }

    /** 19-hmac-auth/02-api_spec: "/consumers/:consumer/hmac-auth/:id PUT [FAILURE] should return proper errors". */
    @Test
    void put_should_return_proper_errors() {
        JsonNode bob = consumer();
        credential(bob);
        JsonNode json = ok(send("PUT", hmacs(bob) + "/" + unique("foo"), body("secret", 123)), 400);
        assertThat(json.get("fields")).isEqualTo(json("{\"secret\":\"expected a string\"}"));
    }

    /** 19-hmac-auth/02-api_spec: "/consumers/:consumer/hmac-auth/:id DELETE [FAILURE] should return proper errors". */
    @Test
    void delete_should_return_proper_errors() {
        JsonNode bob = consumer();
        credential(bob);
        assertThat(send("DELETE", hmacs(bob) + "/aliceasd", body()).status()).isEqualTo(404);
        assertThat(send("DELETE", hmacs(bob) + "/00000000-0000-0000-0000-000000000000", body())
                        .status())
                .isEqualTo(404);
    }

    /** 19-hmac-auth/02-api_spec: "/consumers/:consumer/hmac-auth/:id DELETE [SUCCESS] should delete a credential". */
    @Test
    void should_delete_a_credential() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        assertThat(send("DELETE", hmacs(bob) + "/" + credential.get("id").asText(), body())
                        .status())
                .isEqualTo(204);
    }

    // ------------------------------------------------------------------------------------------ /hmac-auths

    /** One credential for each of two consumers, as the {@code /hmac-auths} cases set up; returns their ids. */
    private static List<JsonNode> twoCredentials() {
        return List.of(credential(consumer()).get("id"), credential(consumer()).get("id"));
    }

    private static List<JsonNode> ids(JsonNode data) {
        List<JsonNode> out = new ArrayList<>();
        data.forEach(n -> out.add(n.get("id")));
        return out;
    }

    /** 19-hmac-auth/02-api_spec: "/hmac-auths GET retrieves all the hmac-auths with trailing slash". */
    @Test
    void retrieves_all_the_hmac_auths_with_trailing_slash() {
        List<JsonNode> two = twoCredentials();
        JsonNode json = ok(client.get("/hmac-auths/?size=1000"), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(ids(json.get("data"))).containsAll(two);
    }

    /** 19-hmac-auth/02-api_spec: "/hmac-auths GET retrieves all the hmac-auths without trailing slash". */
    @Test
    void retrieves_all_the_hmac_auths_without_trailing_slash() {
        List<JsonNode> two = twoCredentials();
        JsonNode json = ok(client.get("/hmac-auths?size=1000"), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(ids(json.get("data"))).containsAll(two);
    }

    /** 19-hmac-auth/02-api_spec: "/hmac-auths GET paginates through the hmac-auths". */
    @Test
    void paginates_through_the_hmac_auths() {
        twoCredentials();
        JsonNode first = ok(client.get("/hmac-auths?size=1"), 200);
        assertThat(first.get("data")).hasSize(1);
        JsonNode second = ok(
                client.get("/hmac-auths?size=1&offset="
                        + URLEncoder.encode(first.get("offset").asText(), StandardCharsets.UTF_8)),
                200);
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("data")).isNotEqualTo(first.get("data"));
    }

    // -------------------------------------------------------------------------- /hmac-auths/{x}/consumer

    /** 19-hmac-auth/02-api_spec: "/hmac-auths/:id/consumer GET retrieve consumer from a hmac-auth id". */
    @Test
    void retrieve_consumer_from_a_hmac_auth_id() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        assertThat(ok(client.get("/hmac-auths/" + credential.get("id").asText() + "/consumer"), 200))
                .isEqualTo(bob);
    }

    /** 19-hmac-auth/02-api_spec: "… GET retrieve consumer from a hmac-auth username". */
    @Test
    void retrieve_consumer_from_a_hmac_auth_username() {
        JsonNode bob = consumer();
        JsonNode credential = credential(bob);
        assertThat(ok(client.get("/hmac-auths/" + credential.get("username").asText() + "/consumer"), 200))
                .isEqualTo(bob);
    }

    /** 19-hmac-auth/02-api_spec: "… GET returns 404 for a random non-existing hmac-auth id". */
    @Test
    void returns_404_for_a_random_non_existing_hmac_auth_id() {
        assertThat(client.get("/hmac-auths/" + UUID.randomUUID() + "/consumer").status())
                .isEqualTo(404);
    }

    /** 19-hmac-auth/02-api_spec: "… GET returns 404 for a random non-existing hmac-auth username". */
    @Test
    void returns_404_for_a_random_non_existing_hmac_auth_username() {
        assertThat(client.get("/hmac-auths/" + UUID.randomUUID().toString().replace("-", "") + "/consumer")
                        .status())
                .isEqualTo(404);
    }
}
