package io.tollgate.domain.certificate;

import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.shared.SchemaViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CertificatesTest {

    private static Map<String, Object> input(String cert, String key) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", UUID.randomUUID().toString());
        m.put("cert", pem(cert));
        m.put("key", pem(key));
        return m;
    }

    private static void assertEntityError(Map<String, Object> input, String message) {
        assertThatThrownBy(() -> Certificates.SCHEMA.validate(input))
                .isInstanceOfSatisfying(SchemaViolation.class, e -> {
                    assertThat(e.fields()).containsEntry("@entity", List.of(message));
                    assertThat(e.getMessage()).isEqualTo("schema violation (" + message + ")");
                });
    }

    @Test
    void accepts_matching_pairs_in_every_key_encoding_kong_accepts() {
        assertThat(Certificates.SCHEMA.validate(input("rsa.crt", "rsa.key"))).containsEntry("snis", null);
        assertThat(Certificates.SCHEMA.validate(input("rsa.crt", "rsa-pkcs1.key")))
                .containsKey("cert");
        assertThat(Certificates.SCHEMA.validate(input("ec.crt", "ec.key"))).containsKey("cert");
        assertThat(Certificates.SCHEMA.validate(input("ec.crt", "ec-sec1.key"))).containsKey("cert");
    }

    /** Kong's 13-vaults "create certificates with cert and key as secret": references are stored as written. */
    @Test
    void create_certificates_with_cert_and_key_as_secret() {
        Map<String, Object> refs = new HashMap<>();
        refs.put("cert", "{vault://test-vault/cert}");
        refs.put("key", "{vault://test-vault/key}");
        refs.put("cert_alt", "{vault://unknown/cert}");
        refs.put("key_alt", "{vault://unknown/missing-key}");
        assertThat(Certificates.SCHEMA.validate(refs))
                .containsEntry("cert", "{vault://test-vault/cert}")
                .containsEntry("key", "{vault://test-vault/key}")
                .containsEntry("cert_alt", "{vault://unknown/cert}")
                .containsEntry("key_alt", "{vault://unknown/missing-key}");
        Map<String, Object> mixed = input("rsa.crt", "rsa.key");
        mixed.put("key", "{vault://env/key}");
        assertThat(Certificates.SCHEMA.validate(mixed)).containsEntry("key", "{vault://env/key}");
        Map<String, Object> half = input("rsa.crt", "rsa.key");
        half.put("cert_alt", "{vault://env/cert-alt}");
        assertEntityError(half, "all or none of these fields must be set: 'cert_alt', 'key_alt'");
    }

    @Test
    void a_certificate_with_another_key_does_not_match() {
        assertEntityError(input("rsa.crt", "other-rsa.key"), "certificate does not match key");
        assertEntityError(input("rsa.crt", "ec.key"), "certificate does not match key");
        assertEntityError(input("ec.crt", "rsa-pkcs1.key"), "certificate does not match key");
    }

    @Test
    void pem_that_does_not_parse_is_refused_per_field() {
        Map<String, Object> bad = input("rsa.crt", "rsa.key");
        bad.put("cert", "-----BEGIN CERTIFICATE-----\nnot base64 der\n-----END CERTIFICATE-----");
        bad.put("key", "hello");
        assertThatThrownBy(() -> Certificates.SCHEMA.validate(bad))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields())
                                .containsEntry("cert", "invalid certificate: not a PEM-encoded X.509 certificate")
                                .containsEntry(
                                        "key", "invalid key: not a PEM-encoded unencrypted private or public key"));
    }

    @Test
    void the_alternative_pair_is_mutually_required_and_of_another_key_type() {
        Map<String, Object> half = input("rsa.crt", "rsa.key");
        half.put("cert_alt", pem("ec.crt"));
        assertEntityError(half, "all or none of these fields must be set: 'cert_alt', 'key_alt'");

        Map<String, Object> both = input("rsa.crt", "rsa.key");
        both.put("cert_alt", pem("ec.crt"));
        both.put("key_alt", pem("ec-sec1.key"));
        assertThat(Certificates.SCHEMA.validate(both)).containsKey("key_alt");

        Map<String, Object> sameType = input("rsa.crt", "rsa.key");
        sameType.put("cert_alt", pem("rsa.crt"));
        sameType.put("key_alt", pem("rsa.key"));
        assertEntityError(
                sameType,
                "certificate and alternative certificate need to have different type (e.g. RSA "
                        + "and ECDSA), the provided certificates were both of the same type");

        Map<String, Object> altMismatch = input("ec.crt", "ec.key");
        altMismatch.put("cert_alt", pem("rsa.crt"));
        altMismatch.put("key_alt", pem("other-rsa.key"));
        assertEntityError(altMismatch, "alternative certificate does not match key");
    }

    @Test
    void snis_are_wildcard_hosts_without_duplicates() {
        Map<String, Object> ok = input("rsa.crt", "rsa.key");
        ok.put("snis", List.of("b.test", "*.a.test", "c.*"));
        var fields = Certificates.SCHEMA.validate(ok);
        assertThat(Certificates.sniNames(fields)).containsExactly("*.a.test", "b.test", "c.*");

        Map<String, Object> twice = input("rsa.crt", "rsa.key");
        // Kong's 06-certificates_routes_spec "returns a conflict when duplicated snis are present in the request"
        twice.put("snis", List.of("a.test", "b.test", "a.test"));
        assertThatThrownBy(() -> Certificates.SCHEMA.validate(twice))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields()).isEqualTo(Map.of("snis", "a.test is duplicated")))
                .hasMessage("schema violation (snis: a.test is duplicated)");

        Map<String, Object> ip = input("rsa.crt", "rsa.key");
        ip.put("snis", List.of("10.0.0.1"));
        assertThatThrownBy(() -> Certificates.SCHEMA.validate(ip))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields()).containsEntry("snis", List.of("must not be an IP")));
    }
}
