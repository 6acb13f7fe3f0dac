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
        assertThatThrownBy(() -> Routes.SCHEMA.validate(route(Map.of("paths", List.of("/ok", "/a<b")))))
                .isInstanceOfSatisfying(SchemaViolation.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("schema violation (paths.2: invalid path: '/a<b' (characters outside of the"
                                    + " reserved list of RFC 3986 found))");
                    assertThat(e.fields().get("paths"))
                            .isEqualTo(
                                    java.util.Arrays.asList(
                                            null,
                                            "invalid path: '/a<b' (characters outside of the reserved list of RFC 3986 found)"));
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
}
