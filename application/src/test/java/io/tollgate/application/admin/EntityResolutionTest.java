package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;

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
}
