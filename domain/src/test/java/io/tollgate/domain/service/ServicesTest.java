package io.tollgate.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ServicesTest {

    private static Map<String, Object> withId(Map<String, Object> input) {
        Map<String, Object> m = new HashMap<>(input);
        m.put("id", UUID.randomUUID().toString());
        return m;
    }

    @Test
    void fills_kong_defaults() {
        var fields = Services.SCHEMA.validate(withId(Map.of("host", "example.com")));
        assertThat(fields)
                .containsEntry("protocol", "http")
                .containsEntry("port", 80L)
                .containsEntry("retries", 5L)
                .containsEntry("connect_timeout", 60000L)
                .containsEntry("read_timeout", 60000L)
                .containsEntry("write_timeout", 60000L)
                .containsEntry("enabled", true)
                .containsEntry("path", null)
                .containsEntry("name", null);
    }

    @Test
    void expands_the_url_shorthand() {
        var fields = Services.SCHEMA.validate(withId(Map.of("url", "https://api.example.com/v1/x")));
        assertThat(fields)
                .containsEntry("protocol", "https")
                .containsEntry("host", "api.example.com")
                .containsEntry("port", 443L)
                .containsEntry("path", "/v1/x")
                .doesNotContainKey("url");
        var service = Service.of(
                new Entity(Services.SCHEMA, Services.SCHEMA.validate(withId(Map.of("url", "http://h:8080")))));
        assertThat(service.port()).isEqualTo(8080);
        assertThat(service.path()).isNull();
    }

    @Test
    void reports_a_missing_host_in_kongs_shape() {
        assertThatThrownBy(() -> Services.SCHEMA.validate(withId(Map.of("name", "x"))))
                .isInstanceOfSatisfying(SchemaViolation.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("schema violation (host: required field missing)");
                    assertThat(e.fields()).containsExactly(Map.entry("host", "required field missing"));
                    assertThat(e.code()).isEqualTo(2);
                });
    }

    @Test
    void reports_several_violations_sorted_with_kongs_count_prefix() {
        assertThatThrownBy(() -> Services.SCHEMA.validate(
                        withId(Map.of("host", "h", "port", 70000, "protocol", "ftp", "foo", 1))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo(
                                        "3 schema violations (foo: unknown field; port: value should be between 0 and 65535; "
                                                + "protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp)"));
    }

    @Test
    void rejects_wrong_types_and_ports_in_host() {
        assertThatThrownBy(() -> Services.SCHEMA.validate(withId(Map.of("host", "h:80"))))
                .hasMessage("schema violation (host: must not have a port)");
        assertThatThrownBy(() -> Services.SCHEMA.validate(withId(Map.of("host", "h", "port", "80"))))
                .hasMessage("schema violation (port: expected an integer)");
        assertThatThrownBy(() -> Services.SCHEMA.validate(withId(Map.of("host", "h", "name", "bad name"))))
                .hasMessageContaining("name: invalid value 'bad name'");
        assertThatThrownBy(() -> Services.SCHEMA.validate(withId(Map.of("host", "h", "protocol", "tcp", "path", "/x"))))
                .hasMessage("2 schema violations (failed conditional validation given value of field 'protocol'; "
                        + "path: value must be null)");
    }

    /** Kong's 03-db/02-db_core_entities_spec "cannot create a Service with client_certificate when protocol is not https". */
    @Test
    void cannot_create_a_service_with_client_certificate_when_protocol_is_not_https() {
        assertThatThrownBy(() -> Services.SCHEMA.validate(withId(Map.of(
                        "host",
                        "example.com",
                        "protocol",
                        "http",
                        "client_certificate",
                        Map.of("id", "123e4567-e89b-12d3-a456-426655440000")))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields())
                                .isEqualTo(Map.of(
                                        "@entity",
                                        List.of("failed conditional validation given value of field 'protocol'"),
                                        "client_certificate",
                                        "value must be null")))
                .hasMessage("2 schema violations (failed conditional validation given value of field 'protocol'; "
                        + "client_certificate: value must be null)");
    }
}
