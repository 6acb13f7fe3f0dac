package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.domain.credential.JwtSecrets;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.SchemaViolation;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kong's jwt access spec (16-jwt/03-access), ported, on a fixed clock. */
class JwtTest {

    static final long NOW = Instant.parse("2026-12-02T20:00:00Z").getEpochSecond();
    static final String BEARER_INVALID = "Bearer error=\"invalid_token\"";
    static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    static KeyPair rsa;
    static KeyPair ec;

    AuthHarness harness;
    Entity bob;
    Entity anonymous;

    @BeforeEach
    void setUp() throws Exception {
        if (rsa == null) {
            KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
            rsaGenerator.initialize(2048);
            rsa = rsaGenerator.generateKeyPair();
            KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
            ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
            ec = ecGenerator.generateKeyPair();
        }
        harness = new AuthHarness(List.of(new Jwt(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))));
        bob = Entities.consumer("bob", null);
        anonymous = Entities.consumer("anonymous", null);
        harness.store.add(bob, anonymous);
        harness.store.add(secret("hs-key", Map.of("secret", "hs-secret")));
        harness.store.add(secret("hs512-key", Map.of("secret", "hs-secret", "algorithm", "HS512")));
        harness.store.add(secret(
                "b64-key",
                Map.of(
                        "secret",
                        Base64.getEncoder().encodeToString("raw\u0001secret".getBytes(StandardCharsets.UTF_8)))));
        harness.store.add(secret("rs-key", Map.of("algorithm", "RS256", "rsa_public_key", pem(rsa))));
        harness.store.add(secret("es-key", Map.of("algorithm", "ES256", "rsa_public_key", pem(ec))));
        harness.route("jwt", Map.of("jwt", Map.of()));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    Entity secret(String key, Map<String, String> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("consumer", Map.of("id", bob.id().toString()));
        input.put("key", key);
        return Entities.of(JwtSecrets.SCHEMA, input);
    }

    static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static String part(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String hs(String alg, byte[] secret, String claims) throws Exception {
        String input = part("{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}") + "." + part(claims);
        String jca = "HmacSHA" + alg.substring(2);
        Mac mac = Mac.getInstance(jca);
        mac.init(new SecretKeySpec(secret, jca));
        return input + "." + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static String hs(String claims) throws Exception {
        return hs("HS256", "hs-secret".getBytes(StandardCharsets.UTF_8), claims);
    }

    static String signed(String alg, String jca, PrivateKey key, String claims) throws Exception {
        String input = part("{\"alg\":\"" + alg + "\"}") + "." + part(claims);
        Signature signer = Signature.getInstance(jca);
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + URL.encodeToString(signer.sign());
    }

    ProxyDecision bearer(String path, String token) {
        return harness.decide(FakeExchange.get(path).header("Authorization", "Bearer " + token));
    }

    static Respond invalid(String message) {
        return Respond.message(401, message, Map.of("WWW-Authenticate", BEARER_INVALID));
    }

    static Respond claims(String json) {
        return new Respond(
                401,
                Map.of("Content-Type", "application/json; charset=utf-8", "WWW-Authenticate", BEARER_INVALID),
                json);
    }

    @Test
    void missingMultipleAndMalformedTokens() throws Exception {
        assertThat(harness.decide(FakeExchange.get("/jwt")))
                .isEqualTo(Respond.message(401, "Unauthorized", Map.of("WWW-Authenticate", "Bearer")));
        assertThat(harness.decide(FakeExchange.get("/jwt?jwt=" + hs("{\"iss\":\"hs-key\"}"))
                        .header("Authorization", "Bearer " + hs("{\"iss\":\"other\"}"))))
                .isEqualTo(invalid("Multiple tokens provided"));
        assertThat(bearer("/jwt", "a.b")).isEqualTo(invalid("Bad token; invalid JSON"));
        assertThat(bearer("/jwt", part("{\"alg\":\"HS256\"}") + "." + part("not json") + ".x"))
                .isEqualTo(invalid("Bad token; invalid JSON"));
        assertThat(bearer("/jwt", part("{\"alg\":\"none\"}") + "." + part("{}") + "."))
                .isEqualTo(invalid("Bad token; invalid alg"));
        assertThat(bearer("/jwt", part("{\"alg\":\"HS256\",\"typ\":\"JWE\"}") + "." + part("{}") + "."))
                .isEqualTo(invalid("Bad token; invalid typ"));
    }

    @Test
    void keyClaimAndCredentialChecks() throws Exception {
        assertThat(bearer("/jwt", hs("{\"sub\":\"x\"}"))).isEqualTo(invalid("No mandatory 'iss' in claims"));
        assertThat(bearer("/jwt", hs("{\"iss\":\"\"}"))).isEqualTo(invalid("Invalid 'iss' in claims"));
        assertThat(bearer("/jwt", hs("{\"iss\":\"nobody\"}")))
                .isEqualTo(invalid("No credentials found for given 'iss'"));
        assertThat(bearer("/jwt", hs("{\"iss\":\"hs512-key\"}"))).isEqualTo(invalid("Invalid algorithm"));
        assertThat(bearer("/jwt", hs("HS256", "wrong".getBytes(StandardCharsets.UTF_8), "{\"iss\":\"hs-key\"}")))
                .isEqualTo(invalid("Invalid signature"));
    }

    @Test
    void validTokensAuthenticateFromHeaderQueryAndCookie() throws Exception {
        harness.route(
                "cookie",
                Map.of("jwt", Map.of("cookie_names", List.of("crumble"), "header_names", List.of("x-token"))));
        String token = hs("{\"iss\":\"hs-key\"}");

        FakeExchange header = FakeExchange.get("/jwt").header("Authorization", "Bearer " + token);
        assertThat(harness.decide(header)).isInstanceOf(Forward.class);
        assertThat(header.header("X-Consumer-Username")).isEqualTo("bob");
        assertThat(header.header("X-Credential-Identifier")).isEqualTo("hs-key");

        assertThat(harness.decide(FakeExchange.get("/jwt?jwt=" + token))).isInstanceOf(Forward.class);
        assertThat(harness.decide(FakeExchange.get("/cookie").header("Cookie", "a=1; crumble=" + token)))
                .isInstanceOf(Forward.class);
        assertThat(harness.decide(FakeExchange.get("/cookie").header("X-Token", "bearer " + token)))
                .isInstanceOf(Forward.class);
        assertThat(harness.decide(FakeExchange.get("/cookie").header("Authorization", "Bearer " + token)))
                .as("authorization is not among header_names here")
                .isEqualTo(Respond.message(401, "Unauthorized", Map.of("WWW-Authenticate", "Bearer")));
    }

    @Test
    void keyClaimNameAndBase64Secrets() throws Exception {
        harness.route("kid", Map.of("jwt", Map.of("key_claim_name", "kid")));
        harness.route("b64", Map.of("jwt", Map.of("secret_is_base64", true)));

        String inHeader = part("{\"alg\":\"HS256\",\"kid\":\"hs-key\"}") + "." + part("{}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("hs-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        inHeader += "." + URL.encodeToString(mac.doFinal(inHeader.getBytes(StandardCharsets.US_ASCII)));
        assertThat(bearer("/kid", inHeader)).as("the key in the header's kid").isInstanceOf(Forward.class);

        byte[] raw = "raw\u0001secret".getBytes(StandardCharsets.UTF_8);
        assertThat(bearer("/b64", hs("HS256", raw, "{\"iss\":\"b64-key\"}"))).isInstanceOf(Forward.class);
        assertThat(bearer("/jwt", hs("HS256", raw, "{\"iss\":\"b64-key\"}")))
                .as("without secret_is_base64 the secret is the base64 text")
                .isEqualTo(invalid("Invalid signature"));
    }

    @Test
    void rsaAndEcdsaTokensVerifyWithThePublicKey() throws Exception {
        assertThat(bearer("/jwt", signed("RS256", "SHA256withRSA", rsa.getPrivate(), "{\"iss\":\"rs-key\"}")))
                .isInstanceOf(Forward.class);
        assertThat(bearer(
                        "/jwt",
                        signed("ES256", "SHA256withECDSAinP1363Format", ec.getPrivate(), "{\"iss\":\"es-key\"}")))
                .isInstanceOf(Forward.class);
        String tampered = signed("RS256", "SHA256withRSA", rsa.getPrivate(), "{\"iss\":\"rs-key\"}");
        tampered = part("{\"alg\":\"RS256\"}") + "." + part("{\"iss\":\"rs-key\",\"admin\":true}")
                + tampered.substring(tampered.lastIndexOf('.'));
        assertThat(bearer("/jwt", tampered)).isEqualTo(invalid("Invalid signature"));
    }

    @Test
    void registeredClaimsAndMaximumExpiration() throws Exception {
        harness.route("exp", Map.of("jwt", Map.of("claims_to_verify", List.of("exp", "nbf"))));
        harness.route("max", Map.of("jwt", Map.of("claims_to_verify", List.of("exp"), "maximum_expiration", 60)));

        assertThat(bearer("/exp", hs("{\"iss\":\"hs-key\",\"exp\":" + NOW + ",\"nbf\":" + (NOW - 10) + "}")))
                .isEqualTo(claims("{\"exp\":\"token expired\"}"));
        assertThat(bearer("/exp", hs("{\"iss\":\"hs-key\",\"exp\":" + (NOW + 10) + ",\"nbf\":" + (NOW + 1) + "}")))
                .isEqualTo(claims("{\"nbf\":\"token not valid yet\"}"));
        assertThat(bearer("/exp", hs("{\"iss\":\"hs-key\",\"exp\":\"soon\"}")))
                .isEqualTo(claims("{\"exp\":\"must be a number\",\"nbf\":\"must be a number\"}"));
        assertThat(bearer("/exp", hs("{\"iss\":\"hs-key\",\"exp\":" + (NOW + 10) + ",\"nbf\":" + NOW + "}")))
                .isInstanceOf(Forward.class);
        assertThat(bearer("/jwt", hs("{\"iss\":\"hs-key\",\"exp\":1}")))
                .as("not verified unless configured")
                .isInstanceOf(Forward.class);

        assertThat(bearer("/max", hs("{\"iss\":\"hs-key\",\"exp\":" + (NOW + 61) + "}")))
                .isEqualTo(claims("{\"exp\":\"exceeds maximum allowed expiration\"}"));
        assertThat(bearer("/max", hs("{\"iss\":\"hs-key\",\"exp\":" + (NOW + 60) + "}")))
                .isInstanceOf(Forward.class);
    }

    @Test
    void preflightAndAnonymous() throws Exception {
        harness.route("preflight", Map.of("jwt", Map.of("run_on_preflight", false)));
        harness.route("anon", Map.of("jwt", Map.of("anonymous", "anonymous", "claims_to_verify", List.of("exp"))));

        assertThat(harness.decide(new FakeExchange("OPTIONS", "/preflight"))).isInstanceOf(Forward.class);
        assertThat(harness.decide(new FakeExchange("OPTIONS", "/jwt")))
                .isEqualTo(Respond.message(401, "Unauthorized", Map.of("WWW-Authenticate", "Bearer")));

        FakeExchange expired =
                FakeExchange.get("/anon").header("Authorization", "Bearer " + hs("{\"iss\":\"hs-key\",\"exp\":1}"));
        assertThat(harness.decide(expired)).isInstanceOf(Forward.class);
        assertThat(expired.header("X-Consumer-Username")).isEqualTo("anonymous");
        assertThat(expired.header("X-Anonymous-Consumer")).isEqualTo("true");
    }

    @Test
    void schemaDefaultsAndTheMaximumExpirationCheck() {
        @SuppressWarnings("unchecked")
        Map<String, Object> config =
                (Map<String, Object>) Entities.plugin("jwt", Map.of(), Map.of()).get("config");
        assertThat(config)
                .containsEntry("uri_param_names", List.of("jwt"))
                .containsEntry("cookie_names", List.of())
                .containsEntry("key_claim_name", "iss")
                .containsEntry("secret_is_base64", false)
                .containsEntry("run_on_preflight", true)
                .containsEntry("header_names", List.of("authorization"));
        assertThatThrownBy(() -> Entities.plugin("jwt", Map.of("maximum_expiration", 10), Map.of()))
                .isInstanceOf(SchemaViolation.class)
                .hasMessageContaining("expected to contain: exp");
        assertThatThrownBy(() -> Entities.plugin("jwt", Map.of("claims_to_verify", List.of("iat")), Map.of()))
                .isInstanceOf(SchemaViolation.class);
    }
}
