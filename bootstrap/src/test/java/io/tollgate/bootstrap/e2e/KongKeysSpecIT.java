package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/04-admin_api/21-admin-api-keys_spec.lua} ({@code /keys} and {@code /key-sets}),
 * against one real node: the 8 cases of its 3.x revision, and the 2 cases of its earlier revision that still hold in
 * 3.x (a {@code jwk} that is not JSON, a {@code kid} other than the JWK's). The keys are an RSA pair made by the JDK,
 * given as a JWK (public and private members, as Kong's {@code generate_keys("JWK")} merged) and as PEM
 * ({@code PUBLIC KEY} and PKCS#8 {@code PRIVATE KEY}, as {@code generate_keys("PEM")}). Kong creates one key set with
 * a JWK and a PEM key once and counts the whole tables; here every case makes its own set and keys under unique names,
 * tagged with a tag of its own that the list cases filter on, and counts a set's keys on {@code
 * /key-sets/{set}/keys}.
 */
class KongKeysSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KeyPair rsa;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        node = NodeProcess.start("kong-keys", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** The RSA pair as one JWK string with both halves' members and {@code kid}. */
    private static String jwk(String kid) {
        RSAPublicKey pub = (RSAPublicKey) rsa.getPublic();
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.getPrivate();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("n", b64(pub.getModulus()));
        jwk.put("e", b64(pub.getPublicExponent()));
        jwk.put("d", b64(priv.getPrivateExponent()));
        jwk.put("p", b64(priv.getPrimeP()));
        jwk.put("q", b64(priv.getPrimeQ()));
        jwk.put("dp", b64(priv.getPrimeExponentP()));
        jwk.put("dq", b64(priv.getPrimeExponentQ()));
        jwk.put("qi", b64(priv.getCrtCoefficient()));
        try {
            return Http.JSON.writeValueAsString(jwk);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The RSA pair as Kong's {@code pem} record. */
    private static Map<String, Object> pem() {
        return Map.of(
                "public_key", pem("PUBLIC KEY", rsa.getPublic().getEncoded()),
                "private_key", pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));
    }

    private static String pem(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    private static Http.Response post(String path, Map<String, Object> body) {
        return client.send("POST", path, ContentType.JSON, body);
    }

    private static Http.Response patch(String path, Map<String, Object> body) {
        return client.send("PATCH", path, ContentType.JSON, body);
    }

    /** Kong's setup: a key set, a JWK key and a PEM key in it, all tagged {@code tag}. */
    private record Fixture(JsonNode set, JsonNode jwkKey, JsonNode pemKey) {}

    private static Fixture fixture(String tag) {
        JsonNode set = ok(post("/key-sets", body("name", unique("test"), "tags", List.of(tag))), 201);
        Map<String, Object> ref = Map.of("id", set.get("id").asText());
        String jwkKid = unique("jwk-kid");
        JsonNode jwkKey = ok(
                post(
                        "/keys",
                        body(
                                "name", unique("unique jwk key"),
                                "set", ref,
                                "jwk", jwk(jwkKid),
                                "kid", jwkKid,
                                "tags", List.of(tag))),
                201);
        JsonNode pemKey = ok(
                post(
                        "/keys",
                        body(
                                "name", unique("unique pem key"),
                                "set", ref,
                                "pem", pem(),
                                "kid", unique("test_pem"),
                                "tags", List.of(tag))),
                201);
        return new Fixture(set, jwkKey, pemKey);
    }

    private static JsonNode pemKeyWithoutSet(String tag) {
        return ok(
                post(
                        "/keys",
                        body(
                                "name", unique("pemkey no set"),
                                "pem", pem(),
                                "kid", unique("test_pem_no_set"),
                                "tags", List.of(tag))),
                201);
    }

    private static JsonNode jwkKeyWithoutSet(String tag) {
        String kid = unique("jwk-kid");
        return ok(
                post("/keys", body("name", unique("jwk no set"), "jwk", jwk(kid), "kid", kid, "tags", List.of(tag))),
                201);
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("data").forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    // -------------------------------------------------------------------------------------------- CREATE

    /** 21-admin-api-keys_spec: "setup keys and key-sets CREATE create pem key without set" (the PEM one). */
    @Test
    void create_pem_key_without_set() {
        JsonNode key = pemKeyWithoutSet(unique("keys"));
        assertThat(key.get("set").isNull()).isTrue();
        assertThat(key.get("pem").get("private_key").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    /** 21-admin-api-keys_spec: "setup keys and key-sets CREATE create pem key without set" (the JWK one). */
    @Test
    void create_pem_key_without_set_jwk() {
        JsonNode key = jwkKeyWithoutSet(unique("keys"));
        assertThat(key.get("set").isNull()).isTrue();
        assertThat(key.get("jwk").isTextual()).isTrue();
    }

    /** 21-admin-api-keys_spec: "setup keys and key-sets CREATE create invalid JWK". */
    @Test
    void create_invalid_jwk() {
        Http.Response r = post("/keys", body("name", unique("jwk invalid"), "jwk", "{\"kid\": \"36\"}", "kid", "36"));
        assertThat(ok(r, 400).get("message").asText())
                .isEqualTo("schema violation (could not load JWK, likely not a valid key)");
    }

    /**
     * 21-admin-api-keys_spec (earlier revision): "/keys and /key-sets POST :insert keys, should be throw an error when
     * the field `jwk` not valid JSON.".
     */
    @Test
    void insert_keys_fails_when_jwk_is_not_valid_json() {
        Http.Response r = post("/keys", body("name", unique("unique jwk3 key"), "jwk", "\"kid\":test", "kid", "35"));
        assertThat(ok(r, 400).get("message").asText()).isEqualTo("schema violation (could not json decode jwk string)");
    }

    /**
     * 21-admin-api-keys_spec (earlier revision): "/keys and /key-sets POST :insert keys, should be throw an error when
     * the `keys.kid` is not equal to `jwk kid`.".
     */
    @Test
    void insert_keys_fails_when_kid_differs_from_the_jwk_kid() {
        Http.Response r = post(
                "/keys", body("name", unique("unique pem key4"), "jwk", jwk(unique("jwk-kid")), "kid", "test_pem"));
        assertThat(ok(r, 400).get("message").asText())
                .isEqualTo("schema violation (kid in jwk.kid must be equal to keys.kid)");
    }

    // ----------------------------------------------------------------------------------------------- GET

    /** 21-admin-api-keys_spec: "setup keys and key-sets GET retrieves all key-sets and keys configured". */
    @Test
    void retrieves_all_key_sets_and_keys_configured() {
        String tag = unique("keys-list");
        Fixture f = fixture(tag);
        JsonNode pemNoSet = pemKeyWithoutSet(tag);
        JsonNode jwkNoSet = jwkKeyWithoutSet(tag);

        assertThat(ids(ok(client.get("/key-sets?tags=" + tag), 200)))
                .containsExactly(f.set().get("id").asText());
        assertThat(ids(ok(client.get("/keys?tags=" + tag), 200)))
                .containsExactlyInAnyOrder(
                        f.jwkKey().get("id").asText(),
                        f.pemKey().get("id").asText(),
                        pemNoSet.get("id").asText(),
                        jwkNoSet.get("id").asText());
        assertThat(ids(ok(client.get("/key-sets/" + f.set().get("id").asText() + "/keys"), 200)))
                .containsExactlyInAnyOrder(
                        f.jwkKey().get("id").asText(), f.pemKey().get("id").asText());
    }

    // --------------------------------------------------------------------------------------------- PATCH

    /** 21-admin-api-keys_spec: "setup keys and key-sets PATCH updates a key-set by id". */
    @Test
    void updates_a_key_set_by_id() {
        Fixture f = fixture(unique("keys"));
        String name = unique("changeme");
        Http.Response r = patch("/key-sets/" + f.set().get("id").asText(), body("name", name));
        assertThat(ok(r, 200).get("name").asText()).isEqualTo(name);
    }

    /** 21-admin-api-keys_spec: "setup keys and key-sets PATCH updates a jwk key by id". */
    @Test
    void updates_a_jwk_key_by_id() {
        Fixture f = fixture(unique("keys"));
        String name = unique("changeme_jwk");
        Http.Response r = patch("/keys/" + f.jwkKey().get("id").asText(), body("name", name));
        assertThat(ok(r, 200).get("name").asText()).isEqualTo(name);
    }

    /** 21-admin-api-keys_spec: "setup keys and key-sets PATCH updates a pem key by id". */
    @Test
    void updates_a_pem_key_by_id() {
        Fixture f = fixture(unique("keys"));
        String name = unique("changeme_pem");
        Http.Response r = patch("/keys/" + f.pemKey().get("id").asText(), body("name", name));
        assertThat(ok(r, 200).get("name").asText()).isEqualTo(name);
    }

    // -------------------------------------------------------------------------------------------- DELETE

    /** 21-admin-api-keys_spec: "setup keys and key-sets DELETE cascade deletes keys when key-set is deleted". */
    @Test
    void cascade_deletes_keys_when_key_set_is_deleted() {
        String tag = unique("keys-cascade");
        fixture(tag);
        JsonNode pemNoSet = pemKeyWithoutSet(tag);
        JsonNode jwkNoSet = jwkKeyWithoutSet(tag);

        JsonNode sets = ok(client.get("/key-sets/?tags=" + tag), 200);
        assertThat(sets.get("data")).hasSize(1);
        assertThat(ok(client.get("/keys?tags=" + tag), 200).get("data")).hasSize(4);

        String setId = sets.get("data").get(0).get("id").asText();
        assertThat(client.delete("/key-sets/" + setId).status()).isEqualTo(204);

        assertThat(ids(ok(client.get("/keys?tags=" + tag), 200)))
                .containsExactlyInAnyOrder(
                        pemNoSet.get("id").asText(), jwkNoSet.get("id").asText());
        assertThat(ok(client.get("/key-sets?tags=" + tag), 200).get("data")).isEmpty();
    }
}
