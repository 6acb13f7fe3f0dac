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
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/16-jwt/02-api_spec.lua} (its 3.x revision), all 23 of its cases, against one real
 * node: {@code /consumers/{consumer}/jwt}, {@code /consumers/{consumer}/jwt/{id or key}}, {@code /jwts} and
 * {@code /jwts/{id or key}/consumer}. Kong truncates the tables between cases; here every case creates its own
 * consumer with a unique username and uses unique keys, and the {@code /jwts} list cases, which cannot own the table,
 * assert that the credentials they created are listed. The RS256 public key is generated here rather than taken from
 * Kong's fixtures.
 */
class KongJwtApiSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static String rsaPublicKey;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-jwt-api", dir, Map.of());
        client = new KongSpecClient(node.admin());
        rsaPublicKey = publicKeyPem();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static String publicKeyPem() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Kong's {@code bp.consumers:insert}: a consumer with a fresh username. */
    private static JsonNode consumer() {
        return client.create("/consumers", body("username", unique("jwt-consumer")));
    }

    /** Kong's {@code bp.jwt_secrets:insert}: a JWT credential of the consumer with generated key and secret. */
    private static JsonNode jwt(JsonNode consumer) {
        return client.create(
                "/jwts", body("consumer", Map.of("id", consumer.get("id").asText())));
    }

    private static String jwts(JsonNode consumer) {
        return "/consumers/" + consumer.get("username").asText() + "/jwt";
    }

    private static Http.Response post(JsonNode consumer, Map<String, Object> body) {
        return client.send("POST", jwts(consumer) + "/", ContentType.JSON, body);
    }

    private static final String CONDITIONAL = "{\"rsa_public_key\":\"%s\",\"@entity\":"
            + "[\"failed conditional validation given value of field 'algorithm'\"]}";

    // -------------------------------------------------------------------------------- /consumers/{c}/jwt

    /** 16-jwt/02-api_spec: "/consumers/:consumer/jwt/ POST creates a jwt secret". */
    @Test
    void creates_a_jwt_secret() {
        JsonNode bob = consumer();
        JsonNode json = ok(post(bob, body()), 201);
        assertThat(json.get("consumer").get("id")).isEqualTo(bob.get("id"));
    }

    /** 16-jwt/02-api_spec: "/consumers/:consumer/jwt/ POST accepts any given `secret` and `key` parameters". */
    @Test
    void accepts_any_given_secret_and_key_parameters() {
        String key = unique("bob2");
        JsonNode json = ok(post(consumer(), body("key", key, "secret", "tooshort")), 201);
        assertThat(json.get("key").asText()).isEqualTo(key);
        assertThat(json.get("secret").asText()).isEqualTo("tooshort");
    }

    /** 16-jwt/02-api_spec: "… POST accepts duplicate `secret` parameters across jwt_secrets". */
    @Test
    void accepts_duplicate_secret_parameters_across_jwt_secrets() {
        String aliceKey = unique("alice");
        JsonNode first = ok(post(consumer(), body("key", aliceKey, "secret", "foobarbaz")), 201);
        assertThat(first.get("key").asText()).isEqualTo(aliceKey);
        assertThat(first.get("secret").asText()).isEqualTo("foobarbaz");
        String bobKey = unique("bobsyouruncle");
        JsonNode second = ok(post(consumer(), body("key", bobKey, "secret", "foobarbaz")), 201);
        assertThat(second.get("key").asText()).isEqualTo(bobKey);
        assertThat(second.get("secret").asText()).isEqualTo("foobarbaz");
        assertThat(second.get("secret")).isEqualTo(first.get("secret"));
    }

    /** 16-jwt/02-api_spec: "… POST accepts a valid public key for RS256 when posted urlencoded". */
    @Test
    void accepts_a_valid_public_key_for_rs256_when_posted_urlencoded() {
        JsonNode bob = consumer();
        String key = unique("bob3");
        String form = "key=" + key + "&algorithm=RS256&rsa_public_key="
                + URLEncoder.encode(rsaPublicKey.replace("\n", "\r\n"), StandardCharsets.UTF_8);
        Http.Response r = Http.sendAs("POST", node.admin() + jwts(bob) + "/", ContentType.FORM.header, form);
        assertThat(ok(r, 201).get("key").asText()).isEqualTo(key);
    }

    /** 16-jwt/02-api_spec: "… POST accepts a valid public key for RS256 when posted as json". */
    @Test
    void accepts_a_valid_public_key_for_rs256_when_posted_as_json() {
        String key = unique("bob4");
        JsonNode json =
                ok(post(consumer(), body("key", key, "algorithm", "RS256", "rsa_public_key", rsaPublicKey)), 201);
        assertThat(json.get("key").asText()).isEqualTo(key);
    }

    /** 16-jwt/02-api_spec: "… POST fails with missing `rsa_public_key` parameter for RS256 algorithms". */
    @Test
    void fails_with_missing_rsa_public_key_parameter_for_rs256_algorithms() {
        JsonNode json = ok(post(consumer(), body("key", unique("bob5"), "algorithm", "RS256")), 400);
        assertThat(json.get("fields")).isEqualTo(json(CONDITIONAL.formatted("required field missing")));
    }

    /** 16-jwt/02-api_spec: "… POST fails with an invalid rsa_public_key for RS256 algorithms". */
    @Test
    void fails_with_an_invalid_rsa_public_key_for_rs256_algorithms() {
        JsonNode json =
                ok(post(consumer(), body("key", unique("bob5"), "algorithm", "RS256", "rsa_public_key", "test")), 400);
        assertThat(json.get("fields")).isEqualTo(json(CONDITIONAL.formatted("invalid key")));
    }

    /** 16-jwt/02-api_spec: "… POST does not fail when `secret` parameter for HS256 algorithms is missing". */
    @Test
    void does_not_fail_when_secret_parameter_for_hs256_algorithms_is_missing() {
        JsonNode json = ok(post(consumer(), body("key", unique("bob5"), "algorithm", "HS256")), 201);
        assertThat(json.get("secret").isTextual()).isTrue();
        assertThat(json.get("secret").asText()).hasSize(32).matches("^[A-Za-z0-9]+$");
    }

    /** 16-jwt/02-api_spec: "/consumers/:consumer/jwt/ GET retrieves all". */
    @Test
    void retrieves_all() {
        JsonNode bob = consumer();
        for (int i = 0; i < 6; i++) {
            jwt(bob);
        }
        assertThat(ok(client.get(jwts(bob) + "/"), 200).get("data")).hasSize(6);
    }

    // ---------------------------------------------------------------------------- /consumers/{c}/jwt/{id}

    /** 16-jwt/02-api_spec: "/consumers/:consumer/jwt/:id GET retrieves by id". */
    @Test
    void retrieves_by_id() {
        JsonNode bob = consumer();
        JsonNode secret = jwt(bob);
        assertThat(client.get(jwts(bob) + "/" + secret.get("id").asText()).status())
                .isEqualTo(200);
    }

    /** 16-jwt/02-api_spec: "/consumers/:consumer/jwt/:id GET retrieves by key". */
    @Test
    void retrieves_by_key() {
        JsonNode bob = consumer();
        JsonNode secret = jwt(bob);
        assertThat(client.get(jwts(bob) + "/" + secret.get("key").asText()).status())
                .isEqualTo(200);
    }

    /** 16-jwt/02-api_spec: "/consumers/:consumer/jwt/:id PUT creates and update". */
    @Test
    void creates_and_update() {
        JsonNode bob = consumer();
        String key = unique("abcd");
        JsonNode json = ok(client.send("PUT", jwts(bob) + "/" + key, ContentType.JSON, body()), 200);
        assertThat(json.get("key").asText()).isEqualTo(key);
        assertThat(json.get("consumer").get("id")).isEqualTo(bob.get("id"));
    }

    /** 16-jwt/02-api_spec: "/consumers/:consumer/jwt/:id PATCH updates a credential by id". */
    @Test
    void updates_a_credential_by_id() {
        JsonNode bob = consumer();
        JsonNode secret = jwt(bob);
        JsonNode json = ok(
                client.send(
                        "PATCH",
                        jwts(bob) + "/" + secret.get("id").asText(),
                        ContentType.JSON,
                        body("key", unique("alice"), "secret", "newsecret")),
                200);
        assertThat(json.get("secret").asText()).isEqualTo("newsecret");
    }

    /** 16-jwt/02-api_spec: "/consumers/:consumer/jwt/:id PATCH updates a credential by key". */
    @Test
    void updates_a_credential_by_key() {
        JsonNode bob = consumer();
        JsonNode secret = jwt(bob);
        JsonNode json = ok(
                client.send(
                        "PATCH",
                        jwts(bob) + "/" + secret.get("key").asText(),
                        ContentType.JSON,
                        body("key", unique("alice"), "secret", "newsecret2")),
                200);
        assertThat(json.get("secret").asText()).isEqualTo("newsecret2");
    }

    /** 16-jwt/02-api_spec: "/consumers/:consumer/jwt/:id DELETE deletes a credential". */
    @Test
    void deletes_a_credential() {
        JsonNode bob = consumer();
        JsonNode secret = jwt(bob);
        assertThat(client.send("DELETE", jwts(bob) + "/" + secret.get("id").asText(), ContentType.JSON, body())
                        .status())
                .isEqualTo(204);
    }

    /** 16-jwt/02-api_spec: "/consumers/:consumer/jwt/:id DELETE returns proper errors". */
    @Test
    void returns_proper_errors() {
        JsonNode bob = consumer();
        jwt(bob);
        assertThat(client.send("DELETE", jwts(bob) + "/blah", ContentType.JSON, body())
                        .status())
                .isEqualTo(404);
        assertThat(client.send("DELETE", jwts(bob) + "/00000000-0000-0000-0000-000000000000", ContentType.JSON, body())
                        .status())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ /jwts

    /** One credential for each of two consumers, as the {@code /jwts} cases set up; returns their ids. */
    private static List<JsonNode> twoJwts() {
        return List.of(jwt(consumer()).get("id"), jwt(consumer()).get("id"));
    }

    private static List<JsonNode> ids(JsonNode data) {
        List<JsonNode> out = new ArrayList<>();
        data.forEach(n -> out.add(n.get("id")));
        return out;
    }

    /** 16-jwt/02-api_spec: "/jwts GET retrieves all the jwts with trailing slash". */
    @Test
    void retrieves_all_the_jwts_with_trailing_slash() {
        List<JsonNode> two = twoJwts();
        JsonNode json = ok(client.get("/jwts/?size=1000"), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(ids(json.get("data"))).containsAll(two);
    }

    /** 16-jwt/02-api_spec: "/jwts GET retrieves all the jwts without trailing slash". */
    @Test
    void retrieves_all_the_jwts_without_trailing_slash() {
        List<JsonNode> two = twoJwts();
        JsonNode json = ok(client.get("/jwts?size=1000"), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(ids(json.get("data"))).containsAll(two);
    }

    /** 16-jwt/02-api_spec: "/jwts GET paginates through the jwts". */
    @Test
    void paginates_through_the_jwts() {
        twoJwts();
        JsonNode first = ok(client.get("/jwts?size=1"), 200);
        assertThat(first.get("data")).hasSize(1);
        JsonNode second = ok(
                client.get("/jwts?size=1&offset="
                        + URLEncoder.encode(first.get("offset").asText(), StandardCharsets.UTF_8)),
                200);
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("data")).isNotEqualTo(first.get("data"));
    }

    // -------------------------------------------------------------------------------- /jwts/{jwt}/consumer

    /** 16-jwt/02-api_spec: "/jwts/:jwt_key_or_id/consumer GET retrieve consumer from a JWT id". */
    @Test
    void retrieve_consumer_from_a_jwt_id() {
        JsonNode bob = consumer();
        JsonNode credential = jwt(bob);
        assertThat(ok(client.get("/jwts/" + credential.get("id").asText() + "/consumer"), 200))
                .isEqualTo(bob);
    }

    /** 16-jwt/02-api_spec: "/jwts/:jwt_key_or_id/consumer GET retrieve consumer from a JWT key". */
    @Test
    void retrieve_consumer_from_a_jwt_key() {
        JsonNode bob = consumer();
        JsonNode credential = jwt(bob);
        assertThat(ok(client.get("/jwts/" + credential.get("key").asText() + "/consumer"), 200))
                .isEqualTo(bob);
    }

    /** 16-jwt/02-api_spec: "/jwts/:jwt_key_or_id/consumer GET returns 404 for a random non-existing JWT id". */
    @Test
    void returns_404_for_a_random_non_existing_jwt_id() {
        assertThat(client.get("/jwts/" + UUID.randomUUID() + "/consumer").status())
                .isEqualTo(404);
    }

    /** 16-jwt/02-api_spec: "/jwts/:jwt_key_or_id/consumer GET returns 404 for a random non-existing JWT key". */
    @Test
    void returns_404_for_a_random_non_existing_jwt_key() {
        assertThat(client.get("/jwts/" + UUID.randomUUID().toString().replace("-", "") + "/consumer")
                        .status())
                .isEqualTo(404);
    }
}
