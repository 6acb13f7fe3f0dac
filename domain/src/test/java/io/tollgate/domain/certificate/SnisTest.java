package io.tollgate.domain.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.Rules;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnisTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "example.com|",
                "*.example.com|",
                "example.*|",
                "a.*.example.com|wildcard must be leftmost or rightmost character",
                "*.example.*|only one wildcard must be specified",
                "*example.com|",
                "test.example.com:*|invalid value: test.example.com:wildcard",
                "*.exa^mple.com|invalid value: wildcard.exa^mple.com",
                "10.0.0.1|must not be an IP",
                "example.com:443|must not have a port",
                "bad name|invalid value: bad name"
            })
    void names_are_wildcard_hosts_without_ip_or_port(String name, String error) {
        assertThat(Rules.wildcardSniProblem(name).orElse(null)).isEqualTo(error);
    }

    @Test
    void an_sni_is_also_invalidated_under_the_proxy_lookup_key() {
        String certificate = UUID.randomUUID().toString();
        Entity sni = new Entity(
                Snis.SCHEMA,
                Snis.SCHEMA.validate(Map.of(
                        "id",
                        UUID.randomUUID().toString(),
                        "name",
                        "*.example.com",
                        "certificate",
                        Map.of("id", certificate))));
        WorkspaceId ws = new WorkspaceId(UUID.randomUUID());
        assertThat(CacheKeys.allOf(sni, ws))
                .extracting(Object::toString)
                .containsExactly("snis:" + sni.id() + ":::::" + ws, "snis:*.example.com");
    }

    @Test
    void a_certificate_reference_carrying_the_whole_certificate_keeps_only_its_id() {
        String certificate = UUID.randomUUID().toString().toUpperCase();
        Map<String, ?> validated = Snis.SCHEMA.validate(Map.of(
                "id",
                UUID.randomUUID().toString(),
                "name",
                "kong-manager.example.com",
                "certificate",
                Map.of("id", certificate, "created_at", 1700000000, "cert", "-----BEGIN CERTIFICATE-----")));
        assertThat(validated.get("certificate")).isEqualTo(Map.of("id", certificate.toLowerCase()));
    }
}
