package io.tollgate.domain.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.shared.SchemaViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Ports of the cases of Kong's {@code spec/01-unit/01-db/01-schema/06-routes_spec.lua} that RoutesTest,
 * PcreErrorsTest and KongAdminSpecIT do not already cover, asserting Kong 3.x ({@code traditional_compatible}).
 */
class KongRoutesSchemaSpecTest {

    private static final String A_VALID_UUID = "cbb297c0-a956-486d-ad1d-f9b42df9465a";
    private static final String ANOTHER_UUID = "64a8670b-900f-44e7-a900-6ec7ef5aa4d3";
    private static final String SERVICE_UUID = "a4fbd24e-6a52-4937-bd78-2536713072d2";

    /** A mutable copy of alternating key/value pairs (values may be null, standing for Kong's ngx.null). */
    private static Map<String, @Nullable Object> input(@Nullable Object... kv) {
        Map<String, @Nullable Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, @Nullable Object> valid(Map<String, @Nullable Object> in) {
        return Routes.SCHEMA.validate(in);
    }

    private static Map<String, Object> errorsOf(Map<String, @Nullable Object> in) {
        try {
            Routes.SCHEMA.validate(in);
        } catch (SchemaViolation e) {
            return e.fields();
        }
        throw new AssertionError("accepted: " + in);
    }

    /** The error of the first item of an array field. */
    private static @Nullable Object firstItemError(Map<String, Object> errors, String field) {
        Object value = errors.get(field);
        assertThat(value).as(field + " errors of " + errors).isInstanceOf(List.class);
        return ((List<?>) value).get(0);
    }

    private static Map<String, @Nullable Object> service(String id) {
        return input("id", id);
    }

    /** 06-routes_spec: "validates a valid route". */
    @Test
    void validates_a_valid_route() {
        var fields = valid(input(
                "id", A_VALID_UUID,
                "name", "my_route",
                "protocols", List.of("http"),
                "methods", List.of("GET", "POST"),
                "hosts", List.of("example.com"),
                "headers", Map.of("location", List.of("location-1")),
                "paths", List.of("/ovo"),
                "regex_priority", 1L,
                "strip_path", false,
                "preserve_host", true,
                "service", service(ANOTHER_UUID)));
        assertThat(fields).containsEntry("strip_path", false).containsEntry("preserve_host", true);
    }

    /** 06-routes_spec: "it does not fail when service is null". */
    @Test
    void it_does_not_fail_when_service_is_null() {
        assertThat(valid(input("service", null, "paths", List.of("/"), "id", A_VALID_UUID)))
                .containsEntry("paths", List.of("/"));
    }

    /** 06-routes_spec: "it does not fail when service is missing". */
    @Test
    void it_does_not_fail_when_service_is_missing() {
        assertThat(valid(input("paths", List.of("/"), "id", A_VALID_UUID))).containsEntry("paths", List.of("/"));
    }

    /** 06-routes_spec: "fails when service.id is null". */
    @Test
    void fails_when_service_id_is_null() {
        assertThat(errorsOf(input("service", input("id", null), "paths", List.of("/"), "id", A_VALID_UUID)))
                .containsKey("service");
    }

    /** 06-routes_spec: "fails when protocol is missing". */
    @Test
    void fails_when_protocol_is_missing() {
        assertThat(errorsOf(input("protocols", null, "id", A_VALID_UUID))).containsKey("protocols");
    }

    /** 06-routes_spec: "fails given an invalid method". */
    @Test
    void fails_given_an_invalid_method() {
        assertThat(errorsOf(input("protocols", List.of("http"), "methods", List.of("get"), "id", A_VALID_UUID)))
                .containsKey("methods");
    }

    /** 06-routes_spec: "missing method, host, headers, path & service produces error". */
    @Test
    void missing_method_host_headers_path_and_service_produces_error() {
        assertThat(errorsOf(input("protocols", List.of("http"), "id", A_VALID_UUID)))
                .isNotEmpty();
        var s = service(SERVICE_UUID);
        for (var matcher : List.<Map<String, Object>>of(
                Map.of("methods", List.of("GET")),
                Map.of("hosts", List.of("x.y")),
                Map.of("paths", List.of("/foo")),
                Map.of("headers", Map.of("location", List.of("location-1"))))) {
            var in = input("protocols", List.of("http"), "service", s, "id", A_VALID_UUID);
            in.putAll(matcher);
            assertThat(valid(in)).as(matcher.toString()).containsAllEntriesOf(matcher);
        }
    }

    /** 06-routes_spec: "invalid protocols produces error". */
    @Test
    void invalid_protocols_produces_error() {
        assertThat(errorsOf(input("protocols", List.of(), "id", A_VALID_UUID))).containsKey("protocols");
        assertThat(errorsOf(input("protocols", List.of("ftp"), "id", A_VALID_UUID)))
                .containsKey("protocols");
    }

    /** 06-routes_spec: "conflicting protocols produces error". */
    @Test
    void conflicting_protocols_produces_error() {
        for (var protocols : List.of(
                List.of("http", "tcp"), List.of("http", "tls"), List.of("https", "tcp"), List.of("https", "tls"))) {
            assertThat(errorsOf(input("protocols", protocols, "id", A_VALID_UUID)))
                    .as(protocols.toString())
                    .containsEntry(
                            "protocols", "these sets are mutually exclusive: ('http', 'https'), ('tcp', 'tls', 'udp')");
        }
    }

    /** 06-routes_spec: "invalid https_redirect_status_code produces error". */
    @Test
    void invalid_https_redirect_status_code_produces_error() {
        assertThat(errorsOf(
                        input("protocols", List.of("http"), "https_redirect_status_code", 404L, "id", A_VALID_UUID)))
                .containsKey("https_redirect_status_code");
    }

    /** 06-routes_spec: "produces defaults". */
    @Test
    void produces_defaults() {
        var fields = valid(input(
                "protocols", List.of("http"),
                "service", service("5abfe322-9fc1-4e0e-bfa3-007f5b9ac4b4"),
                "paths", List.of("/foo"),
                "id", A_VALID_UUID));
        assertThat(fields.get("name")).isNull();
        assertThat(fields.get("methods")).isNull();
        assertThat(fields.get("hosts")).isNull();
        assertThat(fields.get("headers")).isNull();
        assertThat(fields)
                .containsEntry("protocols", List.of("http"))
                .containsEntry("paths", List.of("/foo"))
                .containsEntry("regex_priority", 0L)
                .containsEntry("strip_path", true)
                .containsEntry("preserve_host", false)
                .containsEntry("https_redirect_status_code", 426L);
    }

    /** 06-routes_spec: "validates the foreign key in entities". */
    @Test
    void validates_the_foreign_key_in_entities() {
        assertThat(errorsOf(input(
                        "protocols",
                        List.of("http"),
                        "paths",
                        List.of("/foo"),
                        "service",
                        service("blergh"),
                        "id",
                        A_VALID_UUID)))
                .containsEntry("service", Map.of("id", "expected a valid UUID"));
    }

    /** 06-routes_spec: "gives access to foreign schemas". */
    @Test
    void gives_access_to_foreign_schemas() {
        assertThat(Routes.SCHEMA.foreignFields()).extracting(f -> f.name()).containsExactly("service");
    }

    /** 06-routes_spec: "errors for not-normalized prefix path". */
    @Test
    void errors_for_not_normalized_prefix_path() {
        Map<String, String> suggestions = Map.of("/%c3%A4", "/ä", "/%20", "/ ");
        suggestions.forEach((path, normal) -> assertThat(
                        errorsOf(input("paths", List.of(path), "protocols", List.of("http"), "id", A_VALID_UUID)))
                .as(path)
                .isEqualTo(Map.of("paths", List.of("non-normalized path, consider use '" + normal + "' instead"))));
        assertThat(valid(input("paths", List.of("/%25"), "protocols", List.of("http"), "id", A_VALID_UUID)))
                .containsEntry("paths", List.of("/%25"));
    }

    /** 06-routes_spec: "validates a valid http route". */
    @Test
    void validates_a_valid_http_route() {
        var fields = valid(input(
                "id", A_VALID_UUID,
                "name", "my_route",
                "protocols", List.of("http"),
                "methods", List.of("GET", "POST"),
                "hosts", List.of("example.com"),
                "headers", Map.of("location", List.of("location-1")),
                "paths", List.of("/ovo"),
                "regex_priority", 1L,
                "strip_path", false,
                "preserve_host", true,
                "service", service(ANOTHER_UUID)));
        assertThat(fields).containsEntry("strip_path", false).containsEntry("regex_priority", 1L);
    }

    /** 06-routes_spec: "validates a valid stream route". */
    @Test
    void validates_a_valid_stream_route() {
        var sources = List.of(Map.of("ip", "1.2.3.4", "port", 80L));
        assertThat(valid(input(
                        "id",
                        A_VALID_UUID,
                        "name",
                        "my_route",
                        "protocols",
                        List.of("tcp"),
                        "sources",
                        sources,
                        "service",
                        service(ANOTHER_UUID))))
                .containsEntry("sources", sources);
    }

    /** 06-routes_spec: "fails when path is invalid". */
    @Test
    void fails_when_path_is_invalid() {
        var errors = errorsOf(input(
                "id", A_VALID_UUID,
                "name", "my_route",
                "protocols", List.of("http"),
                "paths", List.of("~/[abc/*/user$"),
                "service", service(ANOTHER_UUID)));
        assertThat(firstItemError(errors, "paths")).asString().contains("invalid regex:");
        assertThat(errors).doesNotContainKey("@entity");
    }

    /** 06-routes_spec: "fails when ip address is invalid". */
    @Test
    void fails_when_ip_address_is_invalid() {
        var errors = errorsOf(input(
                "id", A_VALID_UUID,
                "name", "my_route",
                "protocols", List.of("tcp"),
                "sources", List.of(Map.of("ip", "x.x.x.x", "port", 80L)),
                "service", service(ANOTHER_UUID)));
        assertThat(errors).containsKey("sources").doesNotContainKey("@entity");
    }

    /** 06-routes_spec: "won't fail when rust.regex update to 1.8". */
    @Test
    void wont_fail_when_rust_regex_update_to_1_8() {
        assertThat(valid(input(
                        "id", A_VALID_UUID,
                        "name", "my_route",
                        "protocols", List.of("http"),
                        "paths", List.of("~/\\/*/user$"),
                        "service", service(ANOTHER_UUID))))
                .containsEntry("paths", List.of("~/\\/*/user$"));
    }

    @Nested
    class SnisMatchingAttributeWildcard {

        private Map<String, @Nullable Object> httpsRoute(String sni) {
            return input(
                    "protocols",
                    List.of("https"),
                    "snis",
                    List.of(sni),
                    "service",
                    service(SERVICE_UUID),
                    "id",
                    A_VALID_UUID);
        }

        /** 06-routes_spec: "accepts leftmost wildcard". */
        @Test
        void accepts_leftmost_wildcard() {
            for (String sni : List.of("*.example.org", "*.foo.bar.test")) {
                assertThat(valid(httpsRoute(sni))).as(sni).containsEntry("snis", List.of(sni));
            }
        }

        /** 06-routes_spec: "accepts rightmost wildcard". */
        @Test
        void accepts_rightmost_wildcard() {
            for (String sni : List.of("example.*", "foo.bar.*")) {
                assertThat(valid(httpsRoute(sni))).as(sni).containsEntry("snis", List.of(sni));
            }
        }

        /** 06-routes_spec: "rejects invalid wildcard". */
        @Test
        void rejects_invalid_wildcard() {
            for (String sni : List.of("foo.*.test", "foo*.test")) {
                assertThat(errorsOf(httpsRoute(sni)))
                        .as(sni)
                        .isEqualTo(Map.of("snis", List.of("wildcard must be leftmost or rightmost character")));
            }
        }
    }

    @Nested
    class PathsAttribute {

        private Map<String, Object> pathErrors(Object... paths) {
            return errorsOf(input("paths", List.of(paths), "protocols", List.of("http"), "id", A_VALID_UUID));
        }

        private void accepts(String path) {
            assertThat(valid(input(
                            "protocols",
                            List.of("http"),
                            "service",
                            service(A_VALID_UUID),
                            "methods",
                            List.of(),
                            "hosts",
                            List.of(),
                            "paths",
                            List.of(path),
                            "id",
                            A_VALID_UUID)))
                    .containsEntry("paths", List.of(path));
        }

        /** 06-routes_spec: "must be a string". */
        @Test
        void must_be_a_string() {
            assertThat(firstItemError(pathErrors(false), "paths")).isEqualTo("expected a string");
        }

        /** 06-routes_spec: "must be a non-empty string". */
        @Test
        void must_be_a_non_empty_string() {
            assertThat(firstItemError(pathErrors(""), "paths")).isEqualTo("length must be at least 1");
        }

        /** 06-routes_spec: "must start with /" (Kong 3.x names the regex prefix too). */
        @Test
        void must_start_with_slash() {
            assertThat(firstItemError(pathErrors("foo"), "paths"))
                    .isEqualTo("should start with: / (fixed path) or ~/ (regex path)");
        }

        /** 06-routes_spec: "must not have empty segments (/foo//bar)". */
        @Test
        void must_not_have_empty_segments_foo_bar() {
            assertThat(pathErrors("/foo//bar", "/foo/bar//", "//foo/bar"))
                    .containsEntry(
                            "paths",
                            List.of(
                                    "must not have empty segments",
                                    "must not have empty segments",
                                    "must not have empty segments"));
        }

        /** 06-routes_spec: "rejects badly percent-encoded values". */
        @Test
        void rejects_badly_percent_encoded_values() {
            Map<String, String> cases = Map.of(
                    "/some%2words", "%2w",
                    "/some%0Xwords", "%0X",
                    "/some%2Gwords", "%2G",
                    "/some%20words%", "%",
                    "/some%20words%a", "%a",
                    "/some%20words%ax", "%ax");
            cases.forEach((path, bad) -> assertThat(firstItemError(pathErrors(path), "paths"))
                    .as(path)
                    .asString()
                    .contains("invalid url-encoded value: '" + bad + "'"));
        }

        /** 06-routes_spec: "accepts an apex '/'". */
        @Test
        void accepts_an_apex() {
            accepts("/");
        }

        /** 06-routes_spec: "accepts unreserved characters from RFC 3986". */
        @Test
        void accepts_unreserved_characters_from_rfc_3986() {
            accepts("/abcd~user~2");
        }

        /** 06-routes_spec: "accepts trailing slash". */
        @Test
        void accepts_trailing_slash() {
            accepts("/ovo/");
        }
    }

    @Nested
    class HostsAttribute {

        private Map<String, Object> hostErrors(Object host) {
            return errorsOf(input("hosts", List.of(host), "protocols", List.of("http"), "id", A_VALID_UUID));
        }

        private void accepts(String host) {
            assertThat(valid(input(
                            "protocols",
                            List.of("http"),
                            "service",
                            service(A_VALID_UUID),
                            "methods",
                            List.of(),
                            "paths",
                            List.of(),
                            "hosts",
                            List.of(host),
                            "id",
                            A_VALID_UUID)))
                    .as(host)
                    .containsEntry("hosts", List.of(host));
        }

        /** 06-routes_spec: "must be a string". */
        @Test
        void must_be_a_string() {
            assertThat(firstItemError(hostErrors(false), "hosts")).isEqualTo("expected a string");
        }

        /** 06-routes_spec: "must be a non-empty string". */
        @Test
        void must_be_a_non_empty_string() {
            assertThat(firstItemError(hostErrors(""), "hosts")).isEqualTo("length must be at least 1");
        }

        /** 06-routes_spec: "rejects invalid hostnames". */
        @Test
        void rejects_invalid_hostnames() {
            for (String host : List.of(
                    "/example",
                    ".example",
                    "example:",
                    "mock;bin",
                    "example.com/org",
                    "example-.org",
                    "example.org-",
                    "hello..example.com",
                    "hello-.example.com")) {
                assertThat(firstItemError(hostErrors(host), "hosts")).as(host).isEqualTo("invalid hostname: " + host);
            }
        }

        /** 06-routes_spec: "rejects values with an invalid port". */
        @Test
        void rejects_values_with_an_invalid_port() {
            assertThat(firstItemError(hostErrors("example.com:1000000"), "hosts"))
                    .isEqualTo("invalid port number");
        }

        /** 06-routes_spec: "rejects invalid wildcard placement". */
        @Test
        void rejects_invalid_wildcard_placement() {
            for (String host : List.of("*example.com", "www.example*", "mock*bin.com")) {
                assertThat(firstItemError(hostErrors(host), "hosts"))
                        .as(host)
                        .isEqualTo("invalid wildcard: must be placed at leftmost or rightmost label");
            }
        }

        /** 06-routes_spec: "rejects host with too many wildcards". */
        @Test
        void rejects_host_with_too_many_wildcards() {
            for (String host : List.of("*.example.*", "**.example.com", "*.example*.*")) {
                assertThat(firstItemError(hostErrors(host), "hosts"))
                        .as(host)
                        .isEqualTo("invalid wildcard: must have at most one wildcard");
            }
        }

        /** 06-routes_spec: "accepts valid hosts". */
        @Test
        void accepts_valid_hosts() {
            List.of(
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
                            "example.com:80",
                            "example.com:8080",
                            "3B-ww4c5e180e575a65lsy2b",
                            "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n",
                            "Hello-Another-Way--fc4qua05auwb3674vfr0b",
                            "2-u9tlzr9756bt3uc0v",
                            "MajiKoi5-783gue6qz075azm5e",
                            "de-jg4avhby1noc0d",
                            "d9juau41awczczp")
                    .forEach(this::accepts);
        }

        /** 06-routes_spec: "accepts hosts with valid wildcard". */
        @Test
        void accepts_hosts_with_valid_wildcard() {
            List.of("example.*", "*.example.org", "*.example.org:321").forEach(this::accepts);
        }
    }

    @Nested
    class HeadersAttribute {

        private Map<String, Object> headerErrors(Object headers) {
            return errorsOf(input("headers", headers, "protocols", List.of("http"), "id", A_VALID_UUID));
        }

        /** 06-routes_spec: "key must be a string" (a JSON array's keys are its indexes). */
        @Test
        void key_must_be_a_string() {
            assertThat(headerErrors(List.of(false))).containsEntry("headers", "expected a string");
        }

        /** 06-routes_spec: "cannot contain 'host' key". */
        @Test
        void cannot_contain_host_key() {
            for (String key : List.of("host", "Host", "HoSt")) {
                assertThat(headerErrors(Map.of(key, List.of("example.com"))))
                        .as(key)
                        .containsEntry(
                                "headers",
                                "cannot contain 'host' header, which must be specified in the 'hosts' attribute");
            }
        }

        /** 06-routes_spec: "value must be an array". */
        @Test
        void value_must_be_an_array() {
            assertThat(headerErrors(Map.of("location", true))).containsEntry("headers", "expected an array");
        }

        /** 06-routes_spec: "values must be a string". */
        @Test
        void values_must_be_a_string() {
            assertThat(firstItemError(headerErrors(Map.of("location", List.of(true))), "headers"))
                    .isEqualTo("expected a string");
        }

        /** 06-routes_spec: "values must be non-empty string". */
        @Test
        void values_must_be_non_empty_string() {
            assertThat(firstItemError(headerErrors(Map.of("location", List.of(""))), "headers"))
                    .isEqualTo("length must be at least 1");
        }
    }

    @Nested
    class MethodsAttribute {

        private Map<String, Object> methodErrors(Object method) {
            return errorsOf(input("methods", List.of(method), "protocols", List.of("http"), "id", A_VALID_UUID));
        }

        /** 06-routes_spec: "must be a string". */
        @Test
        void must_be_a_string() {
            assertThat(firstItemError(methodErrors(false), "methods")).isEqualTo("expected a string");
        }

        /** 06-routes_spec: "must be a non-empty string". */
        @Test
        void must_be_a_non_empty_string() {
            assertThat(firstItemError(methodErrors(""), "methods")).isEqualTo("length must be at least 1");
        }

        /** 06-routes_spec: "rejects invalid values". */
        @Test
        void rejects_invalid_values() {
            for (String method : List.of("HELLO WORLD", " GET")) {
                assertThat(firstItemError(methodErrors(method), "methods"))
                        .as(method)
                        .isEqualTo("invalid value: " + method);
            }
        }

        /** 06-routes_spec: "rejects non-uppercased values". */
        @Test
        void rejects_non_uppercased_values() {
            assertThat(firstItemError(methodErrors("get"), "methods")).isEqualTo("invalid value: get");
        }

        /** 06-routes_spec: "accepts valid HTTP methods". */
        @Test
        void accepts_valid_http_methods() {
            for (String method : List.of("GET", "POST", "CUSTOM")) {
                assertThat(valid(input(
                                "protocols",
                                List.of("http"),
                                "service",
                                service(A_VALID_UUID),
                                "paths",
                                List.of(),
                                "hosts",
                                List.of(),
                                "methods",
                                List.of(method),
                                "id",
                                A_VALID_UUID)))
                        .containsEntry("methods", List.of(method));
            }
        }
    }

    @Nested
    class NameAttribute {

        private Map<String, Object> nameErrors(Object name) {
            return errorsOf(input("name", name, "protocols", List.of("http"), "id", A_VALID_UUID));
        }

        /** 06-routes_spec: "must be a string". */
        @Test
        void must_be_a_string() {
            assertThat(nameErrors(false)).containsEntry("name", "expected a string");
        }

        /** 06-routes_spec: "must be a non-empty string". */
        @Test
        void must_be_a_non_empty_string() {
            assertThat(nameErrors("")).containsEntry("name", "length must be at least 1");
        }

        /** 06-routes_spec: "rejects invalid names". */
        @Test
        void rejects_invalid_names() {
            for (String name : List.of("examp:le", "examp;le", "examp/le", "examp le")) {
                assertThat(nameErrors(name).get("name")).as(name).asString().contains("invalid");
            }
        }

        /** 06-routes_spec: "accepts valid names". */
        @Test
        void accepts_valid_names() {
            for (String name : List.of(
                    "example",
                    "EXAMPLE",
                    "exa.mp.le",
                    "3x4mp13",
                    "3x4-mp-13",
                    "3x4_mp_13",
                    "~3x4~mp~13",
                    "~3..x4~.M-p~1__3_",
                    "孔",
                    "Конг",
                    "🦍")) {
                assertThat(valid(input(
                                "protocols",
                                List.of("http"),
                                "paths",
                                List.of("/"),
                                "name",
                                name,
                                "service",
                                service(A_VALID_UUID),
                                "id",
                                A_VALID_UUID)))
                        .containsEntry("name", name);
            }
        }
    }

    @Nested
    class StreamContext {

        private static final List<String> STREAM = List.of("tcp", "tls", "udp");

        private Map<String, @Nullable Object> streamRoute(String protocol, String field, Object value) {
            return input(
                    "protocols", List.of(protocol), field, value, "service", service(SERVICE_UUID), "id", A_VALID_UUID);
        }

        private void acceptsProtocol(String protocol) {
            assertThat(valid(streamRoute(protocol, "sources", List.of(Map.of("ip", "127.0.0.1")))))
                    .containsEntry("protocols", List.of(protocol));
        }

        /** 06-routes_spec: "'protocol' accepts 'tcp'". */
        @Test
        void protocol_accepts_tcp() {
            acceptsProtocol("tcp");
        }

        /** 06-routes_spec: "'protocol' accepts 'tls'". */
        @Test
        void protocol_accepts_tls() {
            acceptsProtocol("tls");
        }

        /** 06-routes_spec: "'protocol' accepts 'udp'". */
        @Test
        void protocol_accepts_udp() {
            acceptsProtocol("udp");
        }

        private static List<Map<String, Object>> endpoints(Map<String, Object> first) {
            return List.of(first, Map.of("ip", "127.75.78.72", "port", 8000L));
        }

        private static Map<String, @Nullable Object> endpoint(@Nullable Object ip, @Nullable Object port) {
            return input("ip", ip, "port", port);
        }

        private void acceptsEndpoints(String field, List<Map<String, Object>> given, Map<String, ?> storedFirst) {
            for (String protocol : STREAM) {
                var fields = valid(streamRoute(protocol, field, given));
                assertThat(fields).as(protocol).containsEntry("protocols", List.of(protocol));
                assertThat(((List<?>) fields.get(field)).get(0)).as(protocol).isEqualTo(storedFirst);
            }
        }

        private void rejectsIp(String field, String ip) {
            for (String protocol : STREAM) {
                var errors = errorsOf(streamRoute(protocol, field, endpoints(Map.of("ip", ip))));
                assertThat(firstItemError(errors, field))
                        .as(protocol + " " + ip)
                        .isEqualTo(Map.of("ip", "invalid ip or cidr range: '" + ip + "'"));
            }
        }

        private void acceptsValidIpsAndPorts(String field) {
            acceptsEndpoints(
                    field,
                    List.of(Map.of("ip", "127.75.78.72", "port", 8000L)),
                    Map.of("ip", "127.75.78.72", "port", 8000L));
        }

        private void acceptsValidIpsNoPort(String field) {
            acceptsEndpoints(field, endpoints(Map.of("ip", "127.0.0.1")), endpoint("127.0.0.1", null));
        }

        private void acceptsValidPortsNoIp(String field) {
            acceptsEndpoints(field, endpoints(Map.of("port", 8000L)), endpoint(null, 8000L));
        }

        private void rejectsInvalidPortValues(String field) {
            for (String protocol : STREAM) {
                var given = List.of(Map.of("ip", "127.0.0.1"), Map.of("ip", "127.75.78.72", "port", 65536L));
                var errors = errorsOf(streamRoute(protocol, field, given));
                var itemErrors = new ArrayList<@Nullable Object>();
                itemErrors.add(null);
                itemErrors.add(Map.of("port", "value should be between 0 and 65535"));
                assertThat(errors).as(protocol).isEqualTo(Map.of(field, itemErrors));
            }
        }

        private void rejectsInvalidIpValues(String field) {
            for (String ip : List.of("127.", ":::1", "-1", "localhost", "foo", "f", "example.org")) {
                rejectsIp(field, ip);
            }
        }

        private void acceptsValidIpCidrValues(String field) {
            for (String cidr : List.of("0.0.0.0/0", "::/0", "0.0.0.0/1", "::/1", "0.0.0.0/32", "::/128")) {
                for (String protocol : STREAM) {
                    assertThat(valid(streamRoute(protocol, field, endpoints(Map.of("ip", cidr)))))
                            .as(protocol + " " + cidr)
                            .containsKey(field);
                }
            }
        }

        private void rejectsInvalidIpCidrValues(String field) {
            for (String cidr : List.of(
                    "1/0",
                    "2130706433/2",
                    "4294967295/3",
                    "-1/0",
                    "4294967296/2",
                    "0.0.0.0/a",
                    "::/a",
                    "0.0.0.0/-1",
                    "::/-1",
                    "0.0.0.0/33",
                    "::/129")) {
                rejectsIp(field, cidr);
            }
        }

        /** 06-routes_spec: "'sources' accepts valid IPs and ports". */
        @Test
        void sources_accepts_valid_ips_and_ports() {
            acceptsValidIpsAndPorts("sources");
        }

        /** 06-routes_spec: "'destinations' accepts valid IPs and ports". */
        @Test
        void destinations_accepts_valid_ips_and_ports() {
            acceptsValidIpsAndPorts("destinations");
        }

        /** 06-routes_spec: "'sources' accepts valid IPs (no port)". */
        @Test
        void sources_accepts_valid_ips_no_port() {
            acceptsValidIpsNoPort("sources");
        }

        /** 06-routes_spec: "'destinations' accepts valid IPs (no port)". */
        @Test
        void destinations_accepts_valid_ips_no_port() {
            acceptsValidIpsNoPort("destinations");
        }

        /** 06-routes_spec: "'sources' accepts valid ports (no IP)". */
        @Test
        void sources_accepts_valid_ports_no_ip() {
            acceptsValidPortsNoIp("sources");
        }

        /** 06-routes_spec: "'destinations' accepts valid ports (no IP)". */
        @Test
        void destinations_accepts_valid_ports_no_ip() {
            acceptsValidPortsNoIp("destinations");
        }

        /** 06-routes_spec: "'sources' rejects invalid 'port' values". */
        @Test
        void sources_rejects_invalid_port_values() {
            rejectsInvalidPortValues("sources");
        }

        /** 06-routes_spec: "'destinations' rejects invalid 'port' values". */
        @Test
        void destinations_rejects_invalid_port_values() {
            rejectsInvalidPortValues("destinations");
        }

        /** 06-routes_spec: "'sources' rejects invalid 'ip' values". */
        @Test
        void sources_rejects_invalid_ip_values() {
            rejectsInvalidIpValues("sources");
        }

        /** 06-routes_spec: "'destinations' rejects invalid 'ip' values". */
        @Test
        void destinations_rejects_invalid_ip_values() {
            rejectsInvalidIpValues("destinations");
        }

        /** 06-routes_spec: "'sources' accepts valid 'ip cidr' values". */
        @Test
        void sources_accepts_valid_ip_cidr_values() {
            acceptsValidIpCidrValues("sources");
        }

        /** 06-routes_spec: "'destinations' accepts valid 'ip cidr' values". */
        @Test
        void destinations_accepts_valid_ip_cidr_values() {
            acceptsValidIpCidrValues("destinations");
        }

        /** 06-routes_spec: "'sources' rejects invalid 'ip cidr' values". */
        @Test
        void sources_rejects_invalid_ip_cidr_values() {
            rejectsInvalidIpCidrValues("sources");
        }

        /** 06-routes_spec: "'destinations' rejects invalid 'ip cidr' values". */
        @Test
        void destinations_rejects_invalid_ip_cidr_values() {
            rejectsInvalidIpCidrValues("destinations");
        }

        private void acceptsSnis(String protocol) {
            for (String sni : List.of("example.org", "www.example.org")) {
                assertThat(valid(streamRoute(protocol, "snis", List.of(sni))))
                        .as(protocol + " " + sni)
                        .containsEntry("snis", List.of(sni));
            }
        }

        /** 06-routes_spec: "accepts valid SNIs for tls Routes". */
        @Test
        void accepts_valid_snis_for_tls_routes() {
            acceptsSnis("tls");
        }

        /** 06-routes_spec: "accepts valid SNIs for https Routes". */
        @Test
        void accepts_valid_snis_for_https_routes() {
            acceptsSnis("https");
        }

        /** 06-routes_spec: "accepts valid SNIs for grpcs Routes". */
        @Test
        void accepts_valid_snis_for_grpcs_routes() {
            acceptsSnis("grpcs");
        }

        /** 06-routes_spec: "rejects invalid SNIs". */
        @Test
        void rejects_invalid_snis() {
            Map<String, String> cases =
                    Map.of("127.0.0.1", "must not be an IP", "example.org:80", "must not have a port");
            cases.forEach((sni, message) -> {
                var in = input(
                        "protocols",
                        List.of("tcp", "tls"),
                        "snis",
                        List.of(sni),
                        "service",
                        service(SERVICE_UUID),
                        "id",
                        A_VALID_UUID);
                assertThat(firstItemError(errorsOf(in), "snis"))
                        .as(sni)
                        .asString()
                        .contains(message);
            });
        }

        /** 06-routes_spec: "errors if no L4 matching attribute set". */
        @Test
        void errors_if_no_l4_matching_attribute_set() {
            for (String protocol : STREAM) {
                assertThat(errorsOf(input(
                                "protocols", List.of(protocol), "service", service(SERVICE_UUID), "id", A_VALID_UUID)))
                        .as(protocol)
                        .isEqualTo(Map.of(
                                "@entity",
                                List.of("must set one of 'sources', 'destinations', 'snis' when 'protocols' is"
                                        + " 'tcp', 'tls' or 'udp'")));
            }
        }
    }
}
