package io.tollgate.domain.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.shared.SchemaViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The cases of Kong's {@code spec/01-unit/01-db/01-schema/11-snis_spec.lua}: an SNI's {@code name} is validated by
 * the {@code snis} schema with a certificate reference and the server-filled fields present.
 */
class KongSnisSchemaSpecTest {

    private static final String CERTIFICATE = UUID.randomUUID().toString();

    private static Map<String, Object> sni(String name) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        input.put("created_at", 1700000000L);
        input.put("name", name);
        input.put("certificate", Map.of("id", CERTIFICATE));
        return input;
    }

    private static void accepted(String... names) {
        for (String name : names) {
            assertThat(Snis.SCHEMA.validate(sni(name))).as(name).containsEntry("name", name);
        }
    }

    /** The only field in error is {@code name}, with one of {@code messages}. */
    private static void refused(String name, List<String> messages) {
        assertThatThrownBy(() -> Snis.SCHEMA.validate(sni(name)))
                .as(name)
                .isInstanceOfSatisfying(SchemaViolation.class, e -> {
                    assertThat(e.fields()).as(name).containsOnlyKeys("name");
                    assertThat(e.fields().get("name")).as(name).isIn(messages);
                });
    }

    private static void refused(String name, String message) {
        refused(name, List.of(message));
    }

    /** 11-snis_spec: "accepts a hostname". */
    @Test
    void accepts_a_hostname() {
        accepted("valid.name", "foo.valid.name", "bar.foo.valid.name");
    }

    /** 11-snis_spec: "accepts wildcards". */
    @Test
    void accepts_wildcards() {
        accepted("*.wildcard.com", "wildcard.*", "test.wildcard.*", "foo.test.wildcard.*", "*.test.wildcard.com");
    }

    /** 11-snis_spec: "rejects wrong wildcard placements". */
    @Test
    void rejects_wrong_wildcard_placements() {
        for (String name : List.of("foo.*.com", "foo.*.wildcard.com")) {
            refused(name, "wildcard must be leftmost or rightmost character");
        }
    }

    /** 11-snis_spec: "rejects multiple wildcards". */
    @Test
    void rejects_multiple_wildcards() {
        for (String name : List.of("*.example.*", "*.foo.*.wildcard.com", "*.*.wildcard.*")) {
            refused(name, "only one wildcard must be specified");
        }
    }

    /** 11-snis_spec: "rejects wildcard with port". */
    @Test
    void rejects_wildcard_with_port() {
        List<String> messages = List.of(
                "must not have a port",
                "invalid value: test.wildcard.com:wildcard",
                "wildcard must be leftmost or rightmost character");
        for (String name :
                List.of("*.wildcard.com:8000", "wildcard.*:80", "test.wildcard.*:80", "test.wildcard.com:*")) {
            refused(name, messages);
        }
    }

    /** 11-snis_spec: "rejects a hostname with a port". */
    @Test
    void rejects_a_hostname_with_a_port() {
        for (String name : List.of("valid.name:8000", "foo.valid.name:443")) {
            refused(name, "must not have a port");
        }
    }

    /** 11-snis_spec: "rejects a hostname with an IP". */
    @Test
    void rejects_a_hostname_with_an_ip() {
        for (String name : List.of("127.0.0.1", "10.0.0.1", "10.0.0.1:8001", "::1")) {
            refused(name, "must not be an IP");
        }
    }

    /** 11-snis_spec: "rejects non-hostname values". */
    @Test
    void rejects_non_hostname_values() {
        refused("example^com", "invalid value: example^com");
    }
}
