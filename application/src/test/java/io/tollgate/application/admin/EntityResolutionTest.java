package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.domain.service.Services;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityResolutionTest {

    /** Found by bootstrap's AdminFuzzIT: {@code "client_certificate": {"a": …}} threw NoSuchElementException (500). */
    @Test
    void a_reference_by_a_field_that_is_not_the_endpoint_key_is_left_for_validation() {
        Map<String, Object> input = Map.of("host", "h", "client_certificate", Map.of("a", List.of(Map.of())));

        assertThat(new EntityResolution(new InMemoryEntityStore()).resolveForeignKeys(Services.SCHEMA, input))
                .isEqualTo(input);
    }

    /**
     * Kong's 09-routes_routes_spec "POST /routes returns 400 on invalid requests": a reference by an endpoint key the
     * parent's field refuses is a schema violation on that key, reported by validation beside the other fields'
     * errors; one that names no entity is "foreign keys unresolved" (code 13).
     */
    @Test
    void returns_400_on_invalid_foreign_entity_references() {
        EntityResolution resolution = new EntityResolution(new InMemoryEntityStore());
        Map<String, Object> input = new java.util.HashMap<>(Map.of(
                "id", java.util.UUID.randomUUID().toString(),
                "protocols", List.of("foo", "http"),
                "methods", List.of("GET"),
                "service", Map.of("name", "\\o/")));
        var resolved = resolution.resolveForeignKeys(io.tollgate.domain.route.Routes.SCHEMA, input);
        assertThatThrownBy(() -> io.tollgate.domain.route.Routes.SCHEMA.validate(resolved))
                .isInstanceOfSatisfying(
                        io.tollgate.domain.shared.SchemaViolation.class,
                        e -> assertThat(e.fields())
                                .containsKey("protocols")
                                .containsEntry(
                                        "service",
                                        Map.of(
                                                "name",
                                                "invalid value '\\o/': the only accepted ascii characters are"
                                                        + " alphanumerics or ., -, _, and ~")));
        assertThatThrownBy(() -> resolution.resolveForeignKeys(
                        io.tollgate.domain.route.Routes.SCHEMA, Map.of("service", Map.of("name", "non-existing"))))
                .isInstanceOfSatisfying(
                        io.tollgate.domain.shared.InvalidRequest.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("foreign key unresolved (service.name: the foreign key cannot be resolved"
                                        + " with '{name=\"non-existing\"}' for an existing 'services' entity)"));
    }
}
