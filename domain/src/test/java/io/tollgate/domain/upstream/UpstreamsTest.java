package io.tollgate.domain.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UpstreamsTest {

    private static Map<String, Object> input(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", UUID.randomUUID().toString());
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> fields(SchemaViolation e) {
        return e.fields();
    }

    @Test
    @SuppressWarnings("unchecked")
    void fills_kong_defaults_including_the_healthchecks_record() {
        var fields = Upstreams.SCHEMA.validate(input("name", "backend.internal"));
        assertThat(fields)
                .containsEntry("algorithm", "round-robin")
                .containsEntry("hash_on", "none")
                .containsEntry("hash_fallback", "none")
                .containsEntry("hash_on_cookie_path", "/")
                .containsEntry("slots", 10000L)
                .containsEntry("use_srv_name", false)
                .containsEntry("client_certificate", null)
                .containsEntry("host_header", null);
        var health = (Map<String, Object>) fields.get("healthchecks");
        assertThat(health.get("threshold")).isEqualTo(0.0);
        var active = (Map<String, Object>) health.get("active");
        assertThat(active)
                .containsEntry("type", "http")
                .containsEntry("timeout", 1.0)
                .containsEntry("concurrency", 10L)
                .containsEntry("http_path", "/")
                .containsEntry("https_verify_certificate", true);
        assertThat(((Map<?, ?>) active.get("healthy")).get("http_statuses")).isEqualTo(List.of(200L, 302L));
        assertThat(((Map<?, ?>) active.get("unhealthy")).get("http_statuses"))
                .isEqualTo(List.of(429L, 404L, 500L, 501L, 502L, 503L, 504L, 505L));
        var passive = (Map<String, Object>) health.get("passive");
        assertThat(((Map<?, ?>) passive.get("unhealthy")).get("http_statuses")).isEqualTo(List.of(429L, 500L, 503L));
        assertThat((List<Object>) ((Map<?, ?>) passive.get("healthy")).get("http_statuses"))
                .hasSize(19)
                .contains(226L, 308L);

        Upstream upstream = Upstream.of(new Entity(Upstreams.SCHEMA, fields));
        assertThat(upstream.name()).isEqualTo("backend.internal");
        assertThat(upstream.slots()).isEqualTo(10000);
        assertThat(upstream.algorithm()).isEqualTo("round-robin");
    }

    @Test
    void the_name_must_be_a_hostname_without_ip_or_port() {
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(input("name", "10.0.0.1")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(fields(e))
                                .containsEntry("name", "Invalid name ('10.0.0.1'); no ip addresses allowed"));
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(input("name", "backend:80")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(fields(e))
                                .containsEntry("name", "Invalid name ('backend:80'); no port allowed"));
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(input("name", "bad name")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo(
                                        "schema violation (name: Invalid name ('bad name'); must be a valid hostname)"));
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(input()))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(fields(e)).containsEntry("name", "required field missing"));
    }

    @Test
    void slots_and_algorithm_are_bounded() {
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(input("name", "u", "slots", 9L)))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(fields(e)).containsEntry("slots", "value should be between 10 and 65536"));
        assertThat(Upstreams.SCHEMA.validate(input("name", "u", "slots", 65536L)))
                .containsEntry("slots", 65536L);
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(input("name", "u", "algorithm", "random")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(fields(e))
                                .containsEntry(
                                        "algorithm",
                                        "expected one of: consistent-hashing, least-connections, round-robin, latency"));
    }

    @Test
    void hashing_modes_require_their_parameters() {
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(input("name", "u", "hash_on", "header")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(fields(e)).containsEntry("hash_on_header", "required field missing"));
        assertThatThrownBy(() ->
                        Upstreams.SCHEMA.validate(input("name", "u", "hash_on", "ip", "hash_fallback", "query_arg")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(fields(e)).containsEntry("hash_fallback_query_arg", "required field missing"));
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(input("name", "u", "hash_fallback", "ip")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(fields(e)).containsEntry("hash_fallback", "expected one of: none"));
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(input(
                        "name",
                        "u",
                        "hash_on",
                        "header",
                        "hash_on_header",
                        "x-a",
                        "hash_fallback",
                        "header",
                        "hash_fallback_header",
                        "x-a")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class, e -> assertThat(fields(e)).containsKey("@entity"));
    }

    @Test
    void hash_on_without_an_algorithm_selects_consistent_hashing() {
        var fields = Upstreams.SCHEMA.validate(input("name", "u", "hash_on", "header", "hash_on_header", "x-user"));
        assertThat(fields).containsEntry("algorithm", "consistent-hashing").containsEntry("hash_on", "header");
        var explicit = Upstreams.SCHEMA.validate(
                input("name", "u", "algorithm", "least-connections", "hash_on", "header", "hash_on_header", "x-user"));
        assertThat(explicit).containsEntry("algorithm", "least-connections");
        assertThat(Upstreams.SCHEMA.validate(input("name", "u", "hash_on", "none")))
                .containsEntry("algorithm", "round-robin");
        assertThat(Upstream.of(new Entity(Upstreams.SCHEMA, fields)).hashParameters())
                .containsEntry("hash_on_header", "x-user");
    }

    @Test
    void healthchecks_merge_with_defaults_and_validate_nested_values() {
        var fields = Upstreams.SCHEMA.validate(input(
                "name", "u", "healthchecks", Map.of("active", Map.of("healthy", Map.of("interval", 5)))));
        @SuppressWarnings("unchecked")
        var active = (Map<String, Object>) ((Map<String, Object>) fields.get("healthchecks")).get("active");
        assertThat(((Map<?, ?>) active.get("healthy")).get("interval")).isEqualTo(5.0);
        assertThat(((Map<?, ?>) active.get("healthy")).get("http_statuses")).isEqualTo(List.of(200L, 302L));
        assertThatThrownBy(
                        () -> Upstreams.SCHEMA.validate(input("name", "u", "healthchecks", Map.of("threshold", 101))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo(
                                        "schema violation (healthchecks.threshold: value should be between 0 and 100)"));
    }

    @Test
    void the_https_sni_is_a_host_name_and_an_out_of_range_port_is_still_a_port() {
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(
                        input("name", "u", "healthchecks", Map.of("active", Map.of("https_sni", "example.com:70000")))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("schema violation (healthchecks.active.https_sni: must not have a port)"));
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(
                        input("name", "u", "healthchecks", Map.of("active", Map.of("https_sni", "[::1]")))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("schema violation (healthchecks.active.https_sni: must not be an IP)"));
    }

    /**
     * Kong's 07-upstreams_routes_spec "handles invalid input" (invalid hash_fallback entries): the conditional on
     * {@code hash_on} runs although {@code hash_fallback} failed its own check, and its message replaces the field's.
     */
    @Test
    void a_conditional_runs_on_an_invalid_then_field_and_its_message_wins() {
        assertThatThrownBy(() -> Upstreams.SCHEMA.validate(input(
                        "name", "my.upstream", "hash_on", "consumer", "hash_fallback", "something that is invalid")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(fields(e))
                                .isEqualTo(Map.of(
                                        "@entity",
                                        List.of("failed conditional validation given value of field 'hash_on'"),
                                        "hash_fallback",
                                        "expected one of: none, ip, header, cookie, path, query_arg, uri_capture")));
    }
}
