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
}
