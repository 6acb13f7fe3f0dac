package io.tollgate.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.vault.Vaults;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Kong 3.x's {@code keys}, {@code key_sets} and {@code vaults} schemas: their checks and Kong's messages. */
class KeysTest {

    static Map<String, Object> key(Map<String, Object> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("id", UUID.randomUUID().toString());
        return input;
    }

    static Object entityErrors(Map<String, Object> input) {
        try {
            Keys.SCHEMA.validate(input);
        } catch (SchemaViolation e) {
            return e.fields().get("@entity");
        }
        throw new AssertionError("accepted " + input);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    @Test
    void a_key_is_a_jwk_or_a_pem_pair_never_both_nor_neither() throws Exception {
        var pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
        String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        assertThat(Keys.SCHEMA.validate(key(Map.of("kid", "1", "jwk", "{\"kty\":\"RSA\",\"kid\":\"1\"}"))))
                .containsEntry("kid", "1");
        assertThat(Keys.SCHEMA.validate(
                        key(Map.of("kid", "2", "pem", Map.of("public_key", publicPem, "private_key", privatePem)))))
                .containsKey("pem");
        assertThat(entityErrors(key(Map.of("kid", "3")))).isEqualTo(List.of(Keys.NEITHER));
        assertThat(entityErrors(key(Map.of("kid", "4", "jwk", "{}", "pem", Map.of("public_key", publicPem)))))
                .isEqualTo(List.of(Keys.BOTH));
        assertThat(entityErrors(key(Map.of("kid", "5", "pem", Map.of())))).isEqualTo(List.of(PemKeys.MISSING));
        assertThat(entityErrors(key(Map.of("kid", "6", "pem", Map.of("public_key", "not a key")))))
                .isEqualTo(List.of("could not load public key"));
        assertThat(entityErrors(key(Map.of("kid", "7", "pem", Map.of("private_key", publicPem)))))
                .isEqualTo(List.of("could not load private key"));
    }

    @Test
    void jwk_and_both_pem_keys_accept_a_vault_reference_stored_as_given_and_not_checked_as_kong() throws Exception {
        String publicPem = pem(
                "PUBLIC KEY",
                KeyPairGenerator.getInstance("RSA")
                        .generateKeyPair()
                        .getPublic()
                        .getEncoded());
        assertThat(Keys.SCHEMA.field("jwk").orElseThrow().isReferenceable()).isTrue();
        RecordSchema pem = Keys.SCHEMA.field("pem").orElseThrow().record();
        assertThat(pem.field("private_key").orElseThrow().isReferenceable()).isTrue();
        assertThat(pem.field("public_key").orElseThrow().isReferenceable()).isTrue();
        assertThat(Keys.SCHEMA.validate(key(Map.of("kid", "r1", "jwk", "{vault://env/signing-jwk}"))))
                .containsEntry("jwk", "{vault://env/signing-jwk}");
        assertThat(Keys.SCHEMA.validate(
                        key(Map.of("kid", "r2", "pem", Map.of("private_key", "{vault://env/signing-key}")))))
                .extractingByKey("pem")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("private_key", "{vault://env/signing-key}");
        // a reference on one side: Kong loads neither
        assertThat(Keys.SCHEMA.validate(key(Map.of(
                        "kid", "r3", "pem", Map.of("private_key", "{vault://env/k}", "public_key", "not a key")))))
                .containsKey("pem");
        assertThat(Keys.SCHEMA.validate(key(Map.of("kid", "r4", "pem", Map.of("public_key", "{vault://env/pub}")))))
                .containsKey("pem");
        assertThat(entityErrors(key(Map.of("kid", "r5", "pem", Map.of("public_key", "{vault://env/pub")))))
                .as("not a reference: no closing brace")
                .isEqualTo(List.of("could not load public key"));
        assertThat(entityErrors(key(Map.of("kid", "r6", "pem", Map.of("public_key", publicPem, "private_key", "x")))))
                .isEqualTo(List.of("could not load private key"));
    }

    @Test
    void the_kid_is_required() {
        assertThatThrownBy(() -> Keys.SCHEMA.validate(key(Map.of("jwk", "{}"))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields()).containsEntry("kid", "required field missing"));
    }

    @Test
    void a_vault_prefix_names_a_reference_host_and_its_vault_must_be_installed() {
        Map<String, Object> vault = new HashMap<>(key(Map.of("prefix", "my-env", "name", "env")));
        assertThat(Vaults.SCHEMA.validate(vault)).containsEntry("prefix", "my-env");
        for (String bad : List.of("My-env", "env-", "-env", "x", "a_b")) {
            vault.put("prefix", bad);
            assertThatThrownBy(() -> Vaults.SCHEMA.validate(vault))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            SchemaViolation.class,
                            e -> assertThat(e.fields()).containsEntry("prefix", "invalid value: " + bad));
        }
        vault.put("prefix", "env");
        assertThatThrownBy(() -> Vaults.SCHEMA.validate(vault))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields()).containsEntry("prefix", "must not be one of: env"));
        vault.put("prefix", "ok-prefix");
        vault.put("name", "aws");
        assertThatThrownBy(() -> Vaults.SCHEMA.validate(vault))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields()).containsEntry("name", "vault 'aws' is not installed"));
    }
}
