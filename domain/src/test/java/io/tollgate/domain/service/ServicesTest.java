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

    private static Map<String, Object> errorsOf(Map<String, Object> input) {
        try {
            Services.SCHEMA.validate(withId(input));
        } catch (SchemaViolation e) {
            return e.fields();
        }
        throw new AssertionError("accepted: " + input);
    }

    /** Kong's 04-admin_api/10-services_routes_spec "handles invalid url": the parts land in the fields they fill. */
    @Test
    void handles_invalid_url() {
        assertThatThrownBy(() -> Services.SCHEMA.validate(withId(Map.of("url", "invalid url"))))
                .hasMessage("2 schema violations (host: required field missing; path: should start with: /)");
        assertThat(errorsOf(Map.of("url", "invalid url")))
                .isEqualTo(Map.of("host", "required field missing", "path", "should start with: /"));
    }

    /** The url's scheme, host and port are checked as the protocol, host and port fields (Kong's shorthand). */
    @Test
    void url_parts_are_checked_as_the_fields_they_fill() {
        assertThat(errorsOf(Map.of("url", "ftp://example.com")))
                .isEqualTo(Map.of(
                        "protocol", "expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp"));
        assertThat(errorsOf(Map.of("url", "http://"))).isEqualTo(Map.of("host", "required field missing"));
        assertThat(errorsOf(Map.of("url", "http://example.com:x/"))).isEqualTo(Map.of("port", "expected an integer"));
        assertThat(errorsOf(Map.of("url", "http://example.com:70000")))
                .isEqualTo(Map.of("port", "value should be between 0 and 65535"));
        assertThat(errorsOf(Map.of("url", "http://example.com:99999999999")))
                .isEqualTo(Map.of("port", "value should be between 0 and 65535"));
        assertThat(errorsOf(Map.of("url", 42))).isEqualTo(Map.of("url", "expected a string"));
    }

    /**
     * Kong's path rule takes unreserved characters, {@code /}, {@code %}, {@code :}, {@code @} and the sub-delims only:
     * the other gen-delims ({@code ?}, {@code #}, {@code [}, {@code ]}) are refused with its RFC 3986 message.
     */
    @Test
    void path_refuses_the_gen_delims_kongs_path_rule_leaves_out() {
        for (String path : List.of("/a?b=1", "/a#frag", "/a[0]", "/a]", "/[")) {
            assertThat(errorsOf(Map.of("host", "example.com", "path", path)))
                    .as(path)
                    .isEqualTo(Map.of(
                            "path",
                            "invalid path: '" + path
                                    + "' (characters outside of the reserved list of RFC 3986 found)"));
        }
        assertThat(Services.SCHEMA.validate(withId(Map.of("host", "example.com", "path", "/u:p@h/x;y=1"))))
                .containsEntry("path", "/u:p@h/x;y=1");
    }

    /** LuaSocket's url.parse as Kong uses it: query, fragment and params dropped, port 443 meaning https. */
    @Test
    void url_shorthand_splits_the_url_as_kong() {
        assertThat(Services.SCHEMA.validate(withId(Map.of("url", "http://u:p@example.com:8080/a/b?x=1#f"))))
                .containsEntry("protocol", "http")
                .containsEntry("host", "example.com")
                .containsEntry("port", 8080L)
                .containsEntry("path", "/a/b");
        assertThat(Services.SCHEMA.validate(withId(Map.of("url", "//example.com:443"))))
                .containsEntry("protocol", "https")
                .containsEntry("port", 443L)
                .containsEntry("path", null);
        assertThat(Services.SCHEMA.validate(withId(Map.of("url", "http://[::1]:8000/"))))
                .containsEntry("host", "::1")
                .containsEntry("port", 8000L)
                .containsEntry("path", "/");
        assertThat(Services.SCHEMA.validate(withId(Map.of("url", "grpc://example.com"))))
                .containsEntry("protocol", "grpc")
                .containsEntry("port", 80L);
    }
}
