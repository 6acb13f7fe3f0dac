package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.texts;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/16-jwt/04-invalidations_spec.lua}: all 3 of its cases, against one real node
 * proxying to {@link KongMockUpstream}. Kong rebuilds its fixture (a jwt route, a consumer and its secret) before each
 * case; here each case builds its own under unique names (host, consumer, credential key). The credential's cache key
 * ({@code jwt_secrets:<key>:::::<ws>}, Kong's {@code db.jwt_secrets:cache_key(key)}) is read from
 * {@code GET /cache?prefix=}. The revision read (Kong 3.x) expects 401 where the pre-3.x revisions expected 403.
 */
class KongJwtInvalidationsSpecIT {

    private static final String SPEC = "04-invalidations_spec";
    private static final String SECRET = "secret123";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongMockUpstream mock;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-jwt-invalidations", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    /** One case's fixture: a route on {@code host} with the jwt plugin, a consumer and its secret {@code key}. */
    private record Fixture(String host, String consumer, String key) {}

    private static Fixture fixture() {
        String host = unique("jwt") + ".com";
        JsonNode service = client.create("/services", body("name", unique("jwt-svc"), "url", mock.url()));
        JsonNode route = client.route(
                "hosts",
                List.of(host),
                "service",
                Map.of("id", service.get("id").asText()));
        client.create("/routes/" + route.get("id").asText() + "/plugins", body("name", "jwt", "config", Map.of()));
        String consumer = unique("consumer");
        client.create("/consumers", body("username", consumer));
        String key = unique("key");
        client.create("/consumers/" + consumer + "/jwt", body("key", key, "secret", SECRET));
        return new Fixture(host, consumer, key);
    }

    /** The status of {@code GET /request} on the fixture's host with an HS256 token issued by {@code iss}. */
    private static int request(Fixture fixture, String iss) throws IOException {
        RawHttp.Response res = RawHttp.request("GET", fixture.host, "/request")
                .header("Authorization", authorization(iss))
                .send(node.proxyPort);
        return res.status();
    }

    /** Asserts that the node caches the fixture's credential; returns its cache key. */
    private static String cached(Fixture fixture) {
        List<String> keys = texts(ok(client.get("/cache?prefix=jwt_secrets:" + fixture.key + ":"), 200)
                .get("data"));
        assertThat(keys).hasSize(1);
        String cacheKey = keys.get(0);
        assertThat(client.get("/cache/" + cacheKey).status()).isEqualTo(200);
        return cacheKey;
    }

    /** The id of the consumer's one jwt credential, as {@code GET /consumers/{username}/jwt/} lists it. */
    private static String credentialId(Fixture fixture) {
        JsonNode data =
                ok(client.get("/consumers/" + fixture.consumer + "/jwt/"), 200).get("data");
        assertThat(data).hasSize(1);
        return data.get(0).get("id").asText();
    }

    /** Kong's {@code helpers.wait_for_invalidation}: waits until {@code GET /cache/{key}} answers 404. */
    private static void waitForInvalidation(String cacheKey) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> client.get("/cache/" + cacheKey).status() == 404);
    }

    private static String authorization(String iss) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", iss);
        claims.put("nbf", now);
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        String input = part(Map.of("typ", "JWT", "alg", "HS256")) + "." + part(claims);
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "Bearer " + input + "." + b64(hmac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(Map<String, Object> json) {
        try {
            return b64(Http.JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * {@value #SPEC}: "JWT Credentials entity invalidation should invalidate when JWT Auth Credential entity is
     * deleted".
     */
    @Test
    void should_invalidate_when_jwt_auth_credential_entity_is_deleted() throws IOException {
        Fixture fixture = fixture();
        assertThat(request(fixture, fixture.key)).isEqualTo(200);
        String cacheKey = cached(fixture);

        String credential = credentialId(fixture);
        assertThat(client.delete("/consumers/" + fixture.consumer + "/jwt/" + credential)
                        .status())
                .isEqualTo(204);
        waitForInvalidation(cacheKey);

        assertThat(request(fixture, fixture.key)).isEqualTo(401);
    }

    /**
     * {@value #SPEC}: "JWT Credentials entity invalidation should invalidate when JWT Auth Credential entity is
     * updated".
     */
    @Test
    void should_invalidate_when_jwt_auth_credential_entity_is_updated() throws IOException {
        Fixture fixture = fixture();
        String newKey = unique("keyhello");
        assertThat(request(fixture, fixture.key)).isEqualTo(200);
        assertThat(request(fixture, newKey)).isEqualTo(401);
        String cacheKey = cached(fixture);

        String credential = credentialId(fixture);
        Http.Response patched = client.send(
                "PATCH",
                "/consumers/" + fixture.consumer + "/jwt/" + credential,
                KongSpecClient.ContentType.JSON,
                body("key", newKey));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        waitForInvalidation(cacheKey);

        assertThat(request(fixture, newKey)).isEqualTo(200);
        assertThat(request(fixture, fixture.key)).isEqualTo(401);
    }

    /** {@value #SPEC}: "Consumer entity invalidation should invalidate when Consumer entity is deleted". */
    @Test
    void should_invalidate_when_consumer_entity_is_deleted() throws IOException {
        Fixture fixture = fixture();
        assertThat(request(fixture, fixture.key)).isEqualTo(200);
        String cacheKey = cached(fixture);

        assertThat(client.delete("/consumers/" + fixture.consumer).status()).isEqualTo(204);
        waitForInvalidation(cacheKey);

        assertThat(request(fixture, fixture.key)).isEqualTo(401);
    }
}
