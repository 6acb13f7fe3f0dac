package io.tollgate.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.shared.SchemaViolation;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code rsa_public_key} rules of JWT credentials: required for asymmetric algorithms, a PEM public key that fits. */
class JwtSecretsTest {

    static PublicKey rsa;
    static PublicKey p256;
    static PublicKey p384;
    static PublicKey ed25519;
    static String privateRsa;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        var rsaPair = rsaGenerator.generateKeyPair();
        rsa = rsaPair.getPublic();
        privateRsa = pem("PRIVATE KEY", rsaPair.getPrivate().getEncoded());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        p256 = ec.generateKeyPair().getPublic();
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        p384 = ec.generateKeyPair().getPublic();
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The PKCS#1 body of an RSA SubjectPublicKeyInfo: the content of its BIT STRING after the unused-bits byte. */
    static byte[] pkcs1(PublicKey key) {
        byte[] spki = key.getEncoded();
        int at = 1 + lengthOfLength(spki, 1); // outer SEQUENCE header
        at += 1 + lengthOfLength(spki, at + 1) + contentLength(spki, at + 1); // AlgorithmIdentifier
        at += 1 + lengthOfLength(spki, at + 1) + 1; // BIT STRING header and unused-bits byte
        return Arrays.copyOfRange(spki, at, spki.length);
    }

    private static int lengthOfLength(byte[] der, int at) {
        return (der[at] & 0x80) == 0 ? 1 : 1 + (der[at] & 0x7f);
    }

    private static int contentLength(byte[] der, int at) {
        if ((der[at] & 0x80) == 0) {
            return der[at];
        }
        int length = 0;
        for (int i = 1; i <= (der[at] & 0x7f); i++) {
            length = (length << 8) | (der[at + i] & 0xff);
        }
        return length;
    }

    private static Map<String, Object> jwt(Map<String, Object> fields) {
        Map<String, Object> m = new HashMap<>(fields);
        m.put("id", UUID.randomUUID().toString());
        m.put("consumer", Map.of("id", UUID.randomUUID().toString()));
        m.put("key", "iss");
        return m;
    }

    private static Map<String, Object> violationFields(Map<String, Object> fields) {
        try {
            JwtSecrets.SCHEMA.validate(jwt(fields));
        } catch (SchemaViolation e) {
            return e.fields();
        }
        throw new AssertionError("accepted " + fields);
    }

    @Test
    void asymmetric_algorithms_require_a_public_key_as_kongs_conditional_check() {
        for (String algorithm :
                List.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA")) {
            assertThat(violationFields(Map.of("algorithm", algorithm)))
                    .as(algorithm)
                    .isEqualTo(Map.of(
                            "@entity",
                            List.of("failed conditional validation given value of field 'algorithm'"),
                            "rsa_public_key",
                            "required field missing"));
        }
        assertThatThrownBy(() -> JwtSecrets.SCHEMA.validate(jwt(Map.of("algorithm", "RS256"))))
                .hasMessage("2 schema violations (failed conditional validation given value of field 'algorithm'; "
                        + "rsa_public_key: required field missing)");
    }

    @Test
    void hmac_algorithms_need_no_key_and_ignore_one_as_kong_does() {
        assertThat(JwtSecrets.SCHEMA.validate(jwt(Map.of("algorithm", "HS512"))))
                .containsEntry("algorithm", "HS512");
        assertThat(JwtSecrets.SCHEMA.validate(jwt(Map.of("algorithm", "HS256", "rsa_public_key", "junk"))))
                .containsEntry("rsa_public_key", "junk");
    }

    @Test
    void accepts_public_keys_that_fit_the_algorithm() {
        assertThat(JwtSecrets.SCHEMA.validate(jwt(Map.of("algorithm", "RS256", "rsa_public_key", pem(rsa)))))
                .containsEntry("rsa_public_key", pem(rsa));
        assertThat(PublicKeys.checkFor("PS512", pem(rsa))).isEmpty();
        assertThat(PublicKeys.checkFor("ES256", pem(p256))).isEmpty();
        assertThat(PublicKeys.checkFor("ES384", pem(p384))).isEmpty();
        assertThat(PublicKeys.checkFor("EdDSA", pem(ed25519))).isEmpty();
        assertThat(PublicKeys.checkFor("RS256", "some text before\n" + pem(rsa)))
                .isEmpty();
    }

    @Test
    void accepts_a_pkcs1_rsa_public_key() {
        String pkcs1 = pem("RSA PUBLIC KEY", pkcs1(rsa));
        assertThat(PublicKeys.parse(pkcs1))
                .get()
                .isInstanceOf(RSAPublicKey.class)
                .extracting(k -> ((RSAPublicKey) k).getModulus())
                .isEqualTo(((RSAPublicKey) rsa).getModulus());
        assertThat(JwtSecrets.SCHEMA.validate(jwt(Map.of("algorithm", "RS384", "rsa_public_key", pkcs1))))
                .containsEntry("algorithm", "RS384");
    }

    @Test
    void refuses_what_is_not_a_public_key_with_kongs_invalid_key() {
        String truncated =
                pem(rsa).replace("\n-----END", "AAAA\n-----END").substring(0, 120) + "\n-----END PUBLIC KEY-----";
        for (String bad : List.of(
                "junk",
                privateRsa,
                truncated,
                "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
                "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----",
                pem("PUBLIC KEY", new byte[] {1, 2, 3}))) {
            assertThat(violationFields(Map.of("algorithm", "RS256", "rsa_public_key", bad)))
                    .as(bad)
                    .isEqualTo(Map.of(
                            "@entity",
                            List.of("failed conditional validation given value of field 'algorithm'"),
                            "rsa_public_key",
                            "invalid key"));
        }
    }

    @Test
    void refuses_a_key_that_cannot_verify_the_algorithm() {
        assertThat(violationFields(Map.of("algorithm", "ES256", "rsa_public_key", pem(rsa))))
                .containsEntry("rsa_public_key", "invalid key: ES256 needs an EC public key on curve P-256");
        assertThat(PublicKeys.checkFor("ES256", pem(p384)))
                .contains("invalid key: ES256 needs an EC public key on curve P-256");
        assertThat(PublicKeys.checkFor("ES512", pem(p256)))
                .contains("invalid key: ES512 needs an EC public key on curve P-521");
        assertThat(PublicKeys.checkFor("RS256", pem(p256))).contains("invalid key: RS256 needs an RSA public key");
        assertThat(PublicKeys.checkFor("EdDSA", pem(rsa)))
                .contains("invalid key: EdDSA needs an Ed25519 or Ed448 public key");
    }
}
