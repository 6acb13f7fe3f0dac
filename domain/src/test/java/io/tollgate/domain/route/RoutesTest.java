package io.tollgate.domain.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private static final String HTTP_NEEDS_ONE =
            "must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http'";

    private static Map<String, Object> route(Map<String, Object> input) {
        Map<String, Object> m = new HashMap<>(input);
        m.put("id", UUID.randomUUID().toString());
        return m;
    }

    @Test
    void needs_one_matching_attribute_for_http() {
        assertThatThrownBy(() -> Routes.SCHEMA.validate(route(Map.of("protocols", List.of("http")))))
                .isInstanceOfSatisfying(SchemaViolation.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("schema violation (must set one of 'methods', 'hosts', "
                                    + "'headers', 'paths' when 'protocols' is 'http')");
                    assertThat(e.fields()).containsKey("@entity");
                });
    }

    /** Kong's custom_entity_check runs when its field_sources are valid: both errors come in one answer. */
    @Test
    void the_matching_attribute_check_reports_beside_another_fields_error() {
        assertThatThrownBy(() -> Routes.SCHEMA.validate(route(Map.of("protocols", List.of("http"), "name", 5))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields())
                                .containsEntry("name", "expected a string")
                                .containsEntry("@entity", List.of(HTTP_NEEDS_ONE)));
    }

    @Test
    void fills_defaults_and_reads_the_typed_view() {
        String service = UUID.randomUUID().toString();
        var fields = Routes.SCHEMA.validate(route(
                Map.of("paths", List.of("/a", "/a"), "methods", List.of("GET"), "service", Map.of("id", service))));
        assertThat(fields)
                .containsEntry("protocols", List.of("http", "https"))
                .containsEntry("strip_path", true)
                .containsEntry("preserve_host", false)
                .containsEntry("https_redirect_status_code", 426L)
                .containsEntry("path_handling", "v0");
        Route r = Route.of(new Entity(Routes.SCHEMA, fields));
        assertThat(r.paths()).containsExactly("/a", "/a");
        assertThat(r.service().value().toString()).isEqualTo(service);
    }

    @Test
    void validates_paths_methods_hosts_and_foreign_ids() {
        assertThatThrownBy(() -> Routes.SCHEMA.validate(route(Map.of("paths", List.of("x")))))
                .hasMessage("schema violation (paths.1: should start with: / (fixed path) or ~/ (regex path))");
        assertThatThrownBy(() -> Routes.SCHEMA.validate(route(Map.of("paths", List.of("/ok", "/a%zz")))))
                .isInstanceOfSatisfying(SchemaViolation.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("schema violation (paths.2: invalid url-encoded value: '%zz')");
                    assertThat(e.fields().get("paths"))
                            .isEqualTo(java.util.Arrays.asList(null, "invalid url-encoded value: '%zz'"));
                });
        assertThatThrownBy(() -> Routes.SCHEMA.validate(route(Map.of("methods", List.of("get")))))
                .hasMessage("schema violation (methods.1: invalid value: get)");
        assertThatThrownBy(() -> Routes.SCHEMA.validate(route(Map.of("hosts", List.of("a.*.com")))))
                .hasMessageContaining("invalid wildcard");
        assertThatThrownBy(() ->
                        Routes.SCHEMA.validate(route(Map.of("paths", List.of("/a"), "service", Map.of("id", "nope")))))
                .hasMessage("schema violation (service.id: expected a valid UUID)");
        assertThat(Routes.SCHEMA.validate(route(Map.of("hosts", List.of("*.example.com", "example.*", "a.b:8080")))))
                .containsKey("hosts");
    }

    /** Kong places a host's wildcard on the whole value: a leftmost one may precede a port, a rightmost one not. */
    @Test
    void a_rightmost_wildcard_host_takes_no_port() {
        assertThat(Routes.SCHEMA.validate(route(Map.of("hosts", List.of("*.example.com:8000")))))
                .containsEntry("hosts", List.of("*.example.com:8000"));
        assertThatThrownBy(() -> Routes.SCHEMA.validate(route(Map.of("hosts", List.of("example.*:80")))))
                .hasMessage(
                        "schema violation (hosts.1: invalid wildcard: must be placed at leftmost or rightmost label)");
    }

    private static Map<String, Object> errorsOf(Map<String, Object> input) {
        try {
            Routes.SCHEMA.validate(route(input));
        } catch (SchemaViolation e) {
            return e.fields();
        }
        throw new AssertionError("accepted: " + input);
    }

    /** Kong's 01-db/01-schema/06-routes_spec "errors if no L7 matching attribute set" (https and the default). */
    @Test
    void errors_if_no_l7_matching_attribute_set_for_https() {
        String https = "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'";
        assertThat(errorsOf(Map.of("protocols", List.of("https")))).isEqualTo(Map.of("@entity", List.of(https)));
        assertThat(errorsOf(Map.of())).as("the default protocols").isEqualTo(Map.of("@entity", List.of(https)));
    }

    /** Kong's 06-routes_spec "errors if no L7 matching attribute set" (grpc, grpcs). */
    @Test
    void errors_if_no_l7_matching_attribute_set_for_grpc() {
        assertThat(errorsOf(Map.of("protocols", List.of("grpc"))))
                .isEqualTo(Map.of(
                        "@entity", List.of("must set one of 'hosts', 'headers', 'paths' when 'protocols' is 'grpc'")));
        assertThat(errorsOf(Map.of("protocols", List.of("grpcs"))))
                .isEqualTo(Map.of(
                        "@entity",
                        List.of("must set one of 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'grpcs'")));
    }

    /** Kong's 06-routes_spec "errors if methods attribute is set on grpc/grpcs". */
    @Test
    void errors_if_methods_attribute_is_set_on_grpc_grpcs() {
        for (String protocol : List.of("grpc", "grpcs")) {
            assertThat(errorsOf(Map.of(
                            "methods", List.of("GET"), "paths", List.of("/foo"), "protocols", List.of(protocol))))
                    .isEqualTo(Map.of("methods", "cannot set 'methods' when 'protocols' is 'grpc' or 'grpcs'"));
        }
    }

    /** Kong's 06-routes_spec "errors if strip_path is set on grpc/grpcs"; unset, it defaults to false there. */
    @Test
    void errors_if_strip_path_is_set_on_grpc_grpcs() {
        for (String protocol : List.of("grpc", "grpcs")) {
            assertThat(errorsOf(Map.of(
                            "hosts", List.of("foo.grpc.com"), "protocols", List.of(protocol), "strip_path", true)))
                    .isEqualTo(Map.of("strip_path", "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'"));
        }
        Map<String, Object> explicitFirst = new java.util.LinkedHashMap<>();
        explicitFirst.put("strip_path", true);
        explicitFirst.put("hosts", List.of("g.test"));
        explicitFirst.put("protocols", List.of("grpc"));
        assertThat(errorsOf(explicitFirst))
                .as("a strip_path sent before the protocols is not replaced by the grpc default")
                .containsKey("strip_path");
    }

    @Test
    void grpc_routes_default_strip_path_to_false() {
        assertThat(Routes.SCHEMA.validate(route(Map.of("hosts", List.of("g.test"), "protocols", List.of("grpc")))))
                .containsEntry("strip_path", false);
    }

    /** Kong's routes subschemas: stream routes match on sources, destinations or snis; http ones set neither. */
    @Test
    void stream_routes_need_sources_destinations_or_snis_and_http_routes_refuse_them() {
        assertThat(errorsOf(Map.of("protocols", List.of("tcp"))))
                .isEqualTo(Map.of(
                        "@entity",
                        List.of("must set one of 'sources', 'destinations', 'snis' when 'protocols' is 'tcp', 'tls' "
                                + "or 'udp'")));
        assertThat(errorsOf(Map.of("paths", List.of("/a"), "sources", List.of(Map.of("ip", "10.0.0.1")))))
                .isEqualTo(Map.of("sources", "cannot set 'sources' when 'protocols' is 'http' or 'https'"));
    }

    /** Kong's 06-routes_spec "errors if tls and tls_passthrough set on a same route". */
    @Test
    void errors_if_tls_and_tls_passthrough_set_on_a_same_route() {
        assertThat(errorsOf(Map.of("snis", List.of("foo.grpc.test"), "protocols", List.of("tls", "tls_passthrough"))))
                .isEqualTo(Map.of(
                        "protocols", "these sets are mutually exclusive: ('tcp', 'tls', 'udp'), ('tls_passthrough')"));
    }

    /** Kong's routes {@code mutually_exclusive_subsets}: the subsets named in the order the protocols were given. */
    @Test
    void protocols_of_different_subsets_are_mutually_exclusive() {
        assertThat(errorsOf(Map.of("paths", List.of("/a"), "protocols", List.of("https", "grpc", "http"))))
                .isEqualTo(
                        Map.of("protocols", "these sets are mutually exclusive: ('http', 'https'), ('grpc', 'grpcs')"));
        assertThat(errorsOf(Map.of("paths", List.of("/a"), "protocols", List.of("tcp", "http", "tls_passthrough"))))
                .isEqualTo(Map.of(
                        "protocols",
                        "these sets are mutually exclusive: ('tcp', 'tls', 'udp'), ('http', 'https'),"
                                + " ('tls_passthrough')"));
        assertThat(Routes.SCHEMA.validate(route(
                        Map.of("sources", List.of(Map.of("ip", "10.0.0.1")), "protocols", List.of("tcp", "udp")))))
                .containsEntry("protocols", List.of("tcp", "udp"));
    }

    /** Kong's 06-routes_spec "errors if snis is not set on tls_passthrough". */
    @Test
    void errors_if_snis_is_not_set_on_tls_passthrough() {
        assertThat(errorsOf(
                        Map.of("sources", List.of(Map.of("ip", "127.0.0.1")), "protocols", List.of("tls_passthrough"))))
                .isEqualTo(Map.of("@entity", List.of("must set snis when 'protocols' is 'tls_passthrough'")));
        assertThat(Routes.SCHEMA.validate(
                        route(Map.of("snis", List.of("a.test"), "protocols", List.of("tls_passthrough")))))
                .containsEntry("snis", List.of("a.test"));
    }

    /** Kong's 06-routes_spec "if 'protocol = tcp/tls/udp', then 'paths' is empty" and "... 'methods' is empty". */
    @Test
    void if_protocol_tcp_tls_udp_then_paths_methods_hosts_headers_are_empty() {
        String when = " when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'";
        Map<String, Object> http = Map.of(
                "paths", List.of("/"),
                "methods", List.of("GET"),
                "hosts", List.of("a.test"),
                "headers", Map.of("x-a", List.of("1")));
        for (String protocol : List.of("tcp", "tls", "udp")) {
            for (Map.Entry<String, Object> field : http.entrySet()) {
                assertThat(errorsOf(Map.of(
                                "protocols",
                                List.of(protocol),
                                "sources",
                                List.of(Map.of("ip", "127.0.0.1")),
                                field.getKey(),
                                field.getValue())))
                        .as(protocol + " " + field.getKey())
                        .isEqualTo(Map.of(field.getKey(), "cannot set '" + field.getKey() + "'" + when));
            }
        }
        assertThat(errorsOf(Map.of(
                        "protocols", List.of("tls_passthrough"), "snis", List.of("a.test"), "paths", List.of("/"))))
                .isEqualTo(Map.of("paths", "cannot set 'paths'" + when));
    }

    /** Kong's 06-routes_spec "rejects specifying 'snis' if 'protocols' does not have 'https', 'tls' or ...". */
    @Test
    void rejects_specifying_snis_if_protocols_does_not_have_https_tls_or_tls_passthrough() {
        assertThat(errorsOf(Map.of("protocols", List.of("tcp", "udp"), "snis", List.of("example.org"))))
                .isEqualTo(Map.of(
                        "@entity",
                        List.of("'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or"
                                + " 'tls_passthrough'"),
                        "snis",
                        "length must be 0"));
    }

    /**
     * Kong's router_path typedef (kong/db/schema/typedefs.lua, exercised by 06-routes_spec "paths attribute"): the
     * start, empty segments (regexes too), valid escapes, normalized form; characters outside RFC 3986 are accepted.
     */
    @Test
    void paths_follow_kongs_router_path_rules() {
        assertThat(errorsOf(Map.of("paths", List.of("~abc"))))
                .isEqualTo(Map.of("paths", List.of("should start with: / (fixed path) or ~/ (regex path)")));
        assertThat(errorsOf(Map.of("paths", List.of("/a//b"))))
                .isEqualTo(Map.of("paths", List.of("must not have empty segments")));
        assertThat(errorsOf(Map.of("paths", List.of("~/a//b"))))
                .isEqualTo(Map.of("paths", List.of("must not have empty segments")));
        assertThat(errorsOf(Map.of("paths", List.of("/a/../b"))))
                .isEqualTo(Map.of("paths", List.of("non-normalized path, consider use '/b' instead")));
        assertThat(errorsOf(Map.of("paths", List.of("/%7ea/./c"))))
                .isEqualTo(Map.of("paths", List.of("non-normalized path, consider use '/~a/c' instead")));
        assertThat(errorsOf(Map.of("paths", List.of("/a%2fb"))))
                .isEqualTo(Map.of("paths", List.of("non-normalized path, consider use '/a%2Fb' instead")));
        assertThat(errorsOf(Map.of("paths", List.of("~/[abc/*/user$")))
                        .get("paths")
                        .toString())
                .isEqualTo("[invalid regex: '/[abc/*/user$' (PCRE returned: pcre2_compile() failed: missing terminating"
                        + " ] for character class in \"/[abc/*/user$\")]");
        // Kong's spec 06-routes_spec "rejects regex paths that are not valid": PCRE2's wording
        assertThat(errorsOf(Map.of("paths", List.of("~/users/(foo/profile"))))
                .isEqualTo(Map.of(
                        "paths",
                        List.of("invalid regex: '/users/(foo/profile' (PCRE returned: pcre2_compile() failed: missing"
                                + " closing parenthesis in \"/users/(foo/profile\")")));
        assertThat(Routes.SCHEMA.validate(route(Map.of("paths", List.of("/a<b", "/a%2Fb", "/ovo/", "~/\\/*/user$")))))
                .containsEntry("paths", List.of("/a<b", "/a%2Fb", "/ovo/", "~/\\/*/user$"));
        // Kong 3's normalization decodes every escape but those of reserved characters: the decoded form is normal
        assertThat(errorsOf(Map.of("paths", List.of("/%C3%A4/x%7C"))))
                .isEqualTo(Map.of("paths", List.of("non-normalized path, consider use '/ä/x|' instead")));
        assertThat(Routes.SCHEMA.validate(route(Map.of("paths", List.of("/ä/x|", "/a b")))))
                .containsEntry("paths", List.of("/ä/x|", "/a b"));
    }
}
