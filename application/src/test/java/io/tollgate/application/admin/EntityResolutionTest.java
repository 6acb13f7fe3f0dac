package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Fields;
import io.tollgate.domain.schema.RecordSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityResolutionTest {

    /** Found by bootstrap's AdminFuzzIT: {@code "client_certificate": {"a": …}} threw NoSuchElementException (500). */
    @Test
    void a_reference_to_a_schema_this_build_does_not_store_is_left_for_validation() {
        EntitySchema orphans = new EntitySchema(
                "orphans",
                "name",
                RecordSchema.of(Fields.id(), Fields.string("name"), Fields.foreign("owner", "no_such_schema")),
                List.of(),
                Map.of());
        Map<String, Object> input = Map.of("name", "o", "owner", Map.of("a", List.of(Map.of())));

        assertThat(new EntityResolution(new InMemoryEntityStore()).resolveForeignKeys(orphans, input))
                .isEqualTo(input);
    }
}
