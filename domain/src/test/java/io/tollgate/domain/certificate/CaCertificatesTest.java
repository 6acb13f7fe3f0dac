package io.tollgate.domain.certificate;

import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CaCertificatesTest {

    /** {@code openssl x509 -in ca.crt -outform DER | sha256sum}. */
    private static final String CA_DIGEST = "be657ad42eccc278525e9ef8758cf6a02d5714028dff64b0d5f9771a7638484e";

    private static Map<String, Object> input(String cert) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", UUID.randomUUID().toString());
        m.put("cert", cert);
        return m;
    }

    private static void assertRefused(Map<String, Object> input, String message) {
        assertThatThrownBy(() -> CaCertificates.SCHEMA.validate(input))
                .isInstanceOfSatisfying(
                        SchemaViolation.class, e -> assertThat(e.fields()).containsEntry("@entity", List.of(message)));
    }

    @Test
    void the_digest_is_computed_by_the_server_whatever_the_client_sends() {
        assertThat(CaCertificates.SCHEMA.validate(input(pem("ca.crt")))).containsEntry("cert_digest", CA_DIGEST);
        Map<String, Object> lying = input(pem("ca.crt"));
        lying.put("cert_digest", "0000");
        assertThat(CaCertificates.SCHEMA.validate(lying)).containsEntry("cert_digest", CA_DIGEST);
    }

    @Test
    void only_one_unexpired_ca_certificate_is_accepted() {
        assertRefused(input(pem("ca.crt") + pem("ca.crt")), "please submit only one certificate at a time");
        assertRefused(input(pem("expired-ca.crt")), "certificate expired, \"Not After\" time is in the past");
        assertRefused(
                input(pem("rsa.crt")),
                "certificate does not appear to be a CA because it is missing the \"CA\" basic constraint");
        Clock year2000 = Clock.fixed(Instant.parse("2000-06-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(CaCertificates.schema(year2000).validate(input(pem("expired-ca.crt"))))
                .containsKey("cert_digest");
    }

    @Test
    void the_cache_key_has_no_workspace() {
        Entity ca = new Entity(CaCertificates.SCHEMA, CaCertificates.SCHEMA.validate(input(pem("ca.crt"))));
        assertThat(CacheKeys.of(ca, new WorkspaceId(UUID.randomUUID())).value())
                .isEqualTo("ca_certificates:" + ca.id() + ":::::");
    }
}
