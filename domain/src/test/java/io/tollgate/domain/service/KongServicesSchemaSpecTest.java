package io.tollgate.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tollgate.domain.shared.SchemaViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The cases of Kong's unit spec {@code spec/01-unit/01-db/01-schema/05-services_spec.lua}, run against
 * {@link Services#SCHEMA}. Kong's {@code process_auto_fields(..., "insert")} is the server filling the id (done here
 * by hand, as the Admin API does) plus the defaults, which the schema's own {@code validate} fills; Kong's
 * {@code validate_update} is a PATCH: the schema's {@code merge} over a stored service, then {@code validate}.
 */
class KongServicesSchemaSpecTest {

    private static final String A_VALID_UUID = "cbb297c0-a956-486d-ad1d-f9b42df9465a";
    private static final String TIMEOUT_RANGE = "value should be between 1 and 2147483646";

    /** The input with the id the server fills on insert. */
    private static Map<String, @Nullable Object> inserted(Map<String, ? extends @Nullable Object> input) {
        Map<String, @Nullable Object> m = new HashMap<>(input);
        m.putIfAbsent("id", A_VALID_UUID);
        return m;
    }

    /** The field errors of {@code input}, which must be refused. */
    private static Map<String, Object> errorsOf(Map<String, ? extends @Nullable Object> input) {
        try {
            Services.SCHEMA.validate(input);
        } catch (SchemaViolation e) {
            return e.fields();
        }
        throw new AssertionError("accepted: " + input);
    }

    private static void assertAccepted(Map<String, ? extends @Nullable Object> input) {
        assertThatCode(() -> Services.SCHEMA.validate(input)).as("%s", input).doesNotThrowAnyException();
    }

    private static Map<String, @Nullable Object> nullValued(String field) {
        Map<String, @Nullable Object> m = new HashMap<>();
        m.put(field, null);
        return m;
    }

    /** 05-services_spec: "validates a valid service". */
    @Test
    void validates_a_valid_service() {
        var fields = Services.SCHEMA.validate(inserted(Map.of(
                "name",
                "my_service",
                "protocol",
                "http",
                "host",
                "example.com",
                "port",
                80,
                "path",
                "/foo",
                "connect_timeout",
                50,
                "write_timeout",
                100,
                "read_timeout",
                100)));
        assertThat(fields)
                .containsEntry("id", A_VALID_UUID)
                .containsEntry("path", "/foo")
                .containsEntry("connect_timeout", 50L)
                .containsEntry("write_timeout", 100L)
                .containsEntry("read_timeout", 100L);
    }

    /** 05-services_spec: "null protocol produces error". */
    @Test
    void null_protocol_produces_error() {
        assertThat(errorsOf(inserted(nullValued("protocol")))).containsKey("protocol");
    }

    /** 05-services_spec: "null protocol produces error on update". */
    @Test
    void null_protocol_produces_error_on_update() {
        var stored = Services.SCHEMA.validate(inserted(Map.of("host", "example.com")));
        var merged = Services.SCHEMA.record().merge(stored, Services.SCHEMA.expand(nullValued("protocol")));
        assertThat(errorsOf(merged)).containsEntry("protocol", "required field missing");
    }

    /** 05-services_spec: "invalid protocol produces error". */
    @Test
    void invalid_protocol_produces_error() {
        assertThat(errorsOf(inserted(Map.of("protocol", "ftp")))).containsKey("protocol");
    }

    /** 05-services_spec: "missing host produces error". */
    @Test
    void missing_host_produces_error() {
        assertThat(errorsOf(inserted(Map.of()))).containsEntry("host", "required field missing");
    }

    /** 05-services_spec: "invalid retries produces error". */
    @Test
    void invalid_retries_produces_error() {
        assertThat(errorsOf(inserted(Map.of("retries", -1)))).containsKey("retries");
        assertThat(errorsOf(inserted(Map.of("retries", 10000000000L)))).containsKey("retries");
    }

    /** 05-services_spec: "produces defaults". */
    @Test
    void produces_defaults() {
        var fields = Services.SCHEMA.validate(inserted(Map.of("host", "www.example.com")));
        assertThat(fields)
                .containsEntry("id", A_VALID_UUID)
                .containsEntry("name", null)
                .containsEntry("protocol", "http")
                .containsEntry("host", "www.example.com")
                .containsEntry("port", 80L)
                .containsEntry("path", null)
                .containsEntry("retries", 5L)
                .containsEntry("connect_timeout", 60000L)
                .containsEntry("write_timeout", 60000L)
                .containsEntry("read_timeout", 60000L);
    }

    @Nested
    class TimeoutAttributes {

        /** 05-services_spec: "should not be zero". */
        @Test
        void should_not_be_zero() {
            assertThat(errorsOf(Map.of(
                            "host", "example.com",
                            "port", 80,
                            "protocol", "https",
                            "connect_timeout", 0,
                            "read_timeout", 0,
                            "write_timeout", 0)))
                    .containsEntry("connect_timeout", TIMEOUT_RANGE)
                    .containsEntry("read_timeout", TIMEOUT_RANGE)
                    .containsEntry("write_timeout", TIMEOUT_RANGE);
        }

        /** 05-services_spec: "should be greater than zero". */
        @Test
        void should_be_greater_than_zero() {
            assertAccepted(Map.of(
                    "host", "example.com",
                    "port", 80,
                    "protocol", "https",
                    "connect_timeout", 1,
                    "read_timeout", 10,
                    "write_timeout", 100));
        }
    }

    @Nested
    class PathAttribute {

        private static Map<String, Object> withPath(String path) {
            return Map.of("protocol", "http", "host", "example.com", "port", 80, "path", path);
        }

        /** 05-services_spec: "must be a string". */
        @Test
        void must_be_a_string() {
            assertThat(errorsOf(Map.of("path", false))).containsEntry("path", "expected a string");
        }

        /** 05-services_spec: "must be a non-empty string". */
        @Test
        void must_be_a_non_empty_string() {
            assertThat(errorsOf(Map.of("path", ""))).containsEntry("path", "length must be at least 1");
        }

        /** 05-services_spec: "must start with /". */
        @Test
        void must_start_with() {
            assertThat(errorsOf(Map.of("path", "foo"))).containsEntry("path", "should start with: /");
        }

        /** 05-services_spec: "must not have empty segments (/foo//bar)". */
        @Test
        void must_not_have_empty_segments_foo_bar() {
            for (String path : List.of("/foo//bar", "/foo/bar//", "//foo/bar")) {
                assertThat(errorsOf(Map.of("path", path)))
                        .as(path)
                        .containsEntry("path", "must not have empty segments");
            }
        }

        /** 05-services_spec: "rejects regular expressions & other non-rfc 3986 chars". */
        @Test
        void rejects_regular_expressions_other_non_rfc_3986_chars() {
            for (String path : List.of("/users/|foo/profile", "/users/(this|foo/profile)")) {
                assertThat(errorsOf(Map.of("path", path)))
                        .containsEntry(
                                "path",
                                "invalid path: '" + path
                                        + "' (characters outside of the reserved list of RFC 3986 found)");
            }
        }

        /** 05-services_spec: "accepts \"sub-delims\" characters from RFC 3986 (#6125)". */
        @Test
        void accepts_sub_delims_characters_from_rfc_3986_6125() {
            assertAccepted(withPath("/hello/path$with$!&'()*+,;=stuff"));
        }

        /** 05-services_spec: "rejects badly percent-encoded values". */
        @Test
        void rejects_badly_percent_encoded_values() {
            Map<String, String> invalid = Map.of(
                    "/some%2words", "%2w",
                    "/some%0Xwords", "%0X",
                    "/some%2Gwords", "%2G",
                    "/some%20words%", "%",
                    "/some%20words%a", "%a",
                    "/some%20words%ax", "%ax");
            invalid.forEach((path, escape) -> assertThat(errorsOf(Map.of("path", path)))
                    .as(path)
                    .containsEntry("path", "invalid url-encoded value: '" + escape + "'"));
        }

        /** 05-services_spec: "accepts an apex '/'". */
        @Test
        void accepts_an_apex() {
            assertAccepted(withPath("/"));
        }

        /** 05-services_spec: "accepts unreserved characters from RFC 3986". */
        @Test
        void accepts_unreserved_characters_from_rfc_3986() {
            assertAccepted(withPath("/abcd~user~2"));
        }

        /** 05-services_spec: "accepts properly percent-encoded values". */
        @Test
        void accepts_properly_percent_encoded_values() {
            assertAccepted(withPath("/abcd%aa%10%ff%AA%FF"));
        }

        /** 05-services_spec: "accepts trailing slash". */
        @Test
        void accepts_trailing_slash() {
            assertAccepted(withPath("/ovo/"));
        }
    }

    @Nested
    class HostAttribute {

        /** 05-services_spec: "must be a string". */
        @Test
        void must_be_a_string() {
            assertThat(errorsOf(Map.of("host", false))).containsEntry("host", "expected a string");
        }

        /** 05-services_spec: "must be a non-empty string". */
        @Test
        void must_be_a_non_empty_string() {
            assertThat(errorsOf(Map.of("host", ""))).containsEntry("host", "length must be at least 1");
        }

        /** 05-services_spec: "rejects invalid hostnames". */
        @Test
        void rejects_invalid_hostnames() {
            List<String> invalid = List.of(
                    "/example",
                    ".example",
                    // the spec file also lists "example.": Kong 3.x's check_hostname accepts an FQDN's trailing dot
                    "example:",
                    "mock;bin",
                    "example.com/org",
                    "example-.org",
                    "example.org-",
                    "hello..example.com",
                    "hello-.example.com",
                    "*example.com",
                    "www.example*",
                    "mock*bin.com");
            for (String host : invalid) {
                assertThat(errorsOf(Map.of("host", host))).as(host).containsEntry("host", "invalid value: " + host);
            }
        }

        /** 05-services_spec: "rejects values with a valid port". */
        @Test
        void rejects_values_with_a_valid_port() {
            assertThat(errorsOf(Map.of("host", "example.com:80"))).containsEntry("host", "must not have a port");
        }

        /** 05-services_spec: "rejects values with an invalid port". */
        @Test
        void rejects_values_with_an_invalid_port() {
            assertThat(errorsOf(Map.of("host", "example.com:1000000"))).containsEntry("host", "must not have a port");
        }

        /** 05-services_spec: "accepts valid hosts". */
        @Test
        void accepts_valid_hosts() {
            List<String> valid = List.of(
                    "hello.com",
                    "hello.fr",
                    "test.hello.com",
                    "1991.io",
                    "hello.COM",
                    "HELLO.com",
                    "123helloWORLD.com",
                    "example.123",
                    "example-api.com",
                    "hello.abcd",
                    "example_api.com",
                    "localhost",
                    // RFC 3492's punycode samples, ASCII mixed with escapes
                    "3B-ww4c5e180e575a65lsy2b",
                    "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n",
                    "Hello-Another-Way--fc4qua05auwb3674vfr0b",
                    "2-u9tlzr9756bt3uc0v",
                    "MajiKoi5-783gue6qz075azm5e",
                    "de-jg4avhby1noc0d",
                    "d9juau41awczczp");
            for (String host : valid) {
                assertAccepted(Map.of("protocol", "http", "host", host, "port", 80));
            }
        }
    }

    @Nested
    class NameAttribute {

        /** 05-services_spec: "must be a string". */
        @Test
        void must_be_a_string() {
            assertThat(errorsOf(Map.of("name", false))).containsEntry("name", "expected a string");
        }

        /** 05-services_spec: "must be a non-empty string". */
        @Test
        void must_be_a_non_empty_string() {
            assertThat(errorsOf(Map.of("name", ""))).containsEntry("name", "length must be at least 1");
        }

        /** 05-services_spec: "rejects invalid names". */
        @Test
        void rejects_invalid_names() {
            // the spec file still words the old typedefs.name message; Kong 3.x names services by
            // typedefs.utf8_name, whose message this is
            for (String name : List.of("examp:le", "examp;le", "examp/le", "examp le")) {
                assertThat(errorsOf(Map.of("name", name)))
                        .containsEntry(
                                "name",
                                "invalid value '" + name
                                        + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~");
            }
        }

        /** 05-services_spec: "accepts valid names". */
        @Test
        void accepts_valid_names() {
            List<String> valid = List.of(
                    "example",
                    "EXAMPLE",
                    "exa.mp.le",
                    "3x4mp13",
                    "3x4-mp-13",
                    "3x4_mp_13",
                    "~3x4~mp~13",
                    "~3..x4~.M-p~1__3_");
            for (String name : valid) {
                assertAccepted(Map.of("protocol", "http", "host", "example.com", "port", 80, "name", name));
            }
        }
    }

    @Nested
    class StreamContext {

        private static Map<String, Object> withProtocol(String protocol) {
            return Map.of("protocol", protocol, "host", "x.y", "port", 80);
        }

        /** 05-services_spec: "'protocol' accepts 'tcp'". */
        @Test
        void protocol_accepts_tcp() {
            assertAccepted(withProtocol("tcp"));
        }

        /** 05-services_spec: "'protocol' accepts 'tls'". */
        @Test
        void protocol_accepts_tls() {
            assertAccepted(withProtocol("tls"));
        }

        /** 05-services_spec: "'protocol' accepts 'udp'". */
        @Test
        void protocol_accepts_udp() {
            assertAccepted(withProtocol("udp"));
        }

        /** 05-services_spec: "'protocol' accepts 'grpc'". */
        @Test
        void protocol_accepts_grpc() {
            assertAccepted(withProtocol("grpc"));
        }

        /** 05-services_spec: "'protocol' accepts 'grpcs'". */
        @Test
        void protocol_accepts_grpcs() {
            assertAccepted(withProtocol("grpcs"));
        }

        /** 05-services_spec: "if 'protocol = tcp/tls/udp/grpc/grpcs', then 'path' is empty". */
        @Test
        void if_protocol_tcp_tls_udp_grpc_grpcs_then_path_is_empty() {
            for (String protocol : List.of("tcp", "tls", "udp", "grpc", "grpcs")) {
                Map<String, Object> input = new HashMap<>(withProtocol(protocol));
                input.put("path", "/");
                assertThat(errorsOf(input)).as(protocol).containsEntry("path", "value must be null");
            }
        }
    }
}
