package io.tollgate.domain.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's {@code keys} entity check of {@code jwk} (keys.lua's custom_entity_check, typedefs.jwk). */
class JwksTest {

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return b64(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    @Test
    void rsa_ec_okp_and_oct_keys_load() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var rsaPair = rsa.generateKeyPair();
        RSAPublicKey rsaPublic = (RSAPublicKey) rsaPair.getPublic();
        Map<String, Object> rsaJwk = new HashMap<>(Map.of(
                "kty", "RSA", "kid", "r", "n", b64(rsaPublic.getModulus()), "e", b64(rsaPublic.getPublicExponent())));
        assertThat(Jwks.problem(rsaJwk, "r")).isEmpty();
        rsaJwk.put("d", b64(((RSAPrivateKey) rsaPair.getPrivate()).getPrivateExponent()));
        rsaJwk.put("key_ops", List.of("sign"));
        assertThat(Jwks.problem(rsaJwk, "r")).isEmpty();

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey ecPublic = (ECPublicKey) ec.generateKeyPair().getPublic();
        Map<String, Object> ecJwk = new HashMap<>(Map.of(
                "kty", "EC",
                "kid", "e",
                "crv", "P-256",
                "x", b64(ecPublic.getW().getAffineX()),
                "y", b64(ecPublic.getW().getAffineY())));
        assertThat(Jwks.problem(ecJwk, "e")).isEmpty();
        ecJwk.put("y", b64(ecPublic.getW().getAffineY().add(BigInteger.ONE)));
        assertThat(Jwks.problem(ecJwk, "e")).as("a point off the curve").contains(Jwks.NOT_A_KEY);

        byte[] ed = KeyPairGenerator.getInstance("Ed25519")
                .generateKeyPair()
                .getPublic()
                .getEncoded();
        byte[] x = Arrays.copyOfRange(ed, ed.length - 32, ed.length);
        assertThat(Jwks.problem(Map.of("kty", "OKP", "kid", "o", "crv", "Ed25519", "x", b64(x)), "o"))
                .isEmpty();
        assertThat(Jwks.problem(Map.of("kty", "oct", "kid", "s", "k", "c2VjcmV0"), "s"))
                .isEmpty();
    }

    /** Kong's 21-admin-api-keys_spec "create invalid JWK": {@code {"kid": "36"}}. */
    @Test
    void create_invalid_jwk() {
        assertThat(Jwks.problem(Map.of("kid", "36"), "36")).contains("could not load JWK, likely not a valid key");
        assertThat(Jwks.problem(Map.of("kty", "nope", "kid", "1", "k", "c2VjcmV0"), "1"))
                .contains(Jwks.NOT_A_KEY);
        assertThat(Jwks.problem(Map.of("kty", "oct", "kid", "1", "k", "!!!"), "1"))
                .as("not base64url")
                .contains(Jwks.NOT_A_KEY);
        assertThat(Jwks.problem(Map.of("kty", "EC", "kid", "1", "crv", "P-999", "x", "AQ", "y", "AQ"), "1"))
                .contains(Jwks.NOT_A_KEY);
    }

    /** Kong's 21-admin-api-keys_spec "should be throw an error when the `keys.kid` is not equal to `jwk kid`". */
    @Test
    void insert_keys_throws_when_keys_kid_is_not_equal_to_jwk_kid() {
        assertThat(Jwks.problem(Map.of("kty", "oct", "kid", "a", "k", "c2VjcmV0"), "test_pem"))
                .contains("kid in jwk.kid must be equal to keys.kid");
        assertThat(Jwks.problem(Map.of("kty", "oct", "k", "c2VjcmV0"), "a")).contains(Jwks.KID);
    }

    /** Kong's 21-admin-api-keys_spec "should be throw an error when the field `jwk` not valid JSON". */
    @Test
    void insert_keys_throws_when_the_jwk_is_not_valid_json() {
        assertThat(Jwks.problem(null, "35")).contains("could not json decode jwk string");
        assertThat(Jwks.problem(List.of(), "35")).contains(Jwks.NOT_JSON);
    }

    @Test
    void members_are_checked_against_kongs_jwk_record() {
        assertThat(Jwks.problem(Map.of("kty", "oct", "kid", "1", "k", "c2VjcmV0", "ext", true, "use", 5), "1"))
                .contains("ext: unknown field; use: expected a string");
    }
}
