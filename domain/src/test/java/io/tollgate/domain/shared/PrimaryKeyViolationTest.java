package io.tollgate.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's primary key violation (spec/02-integration/03-db/02-db_core_entities_spec "cannot create a Service with an existing id"). */
class PrimaryKeyViolationTest {

    @Test
    void cannot_create_a_service_with_an_existing_id() {
        String id = "00000000-0000-0000-0000-000000000000";
        PrimaryKeyViolation violation = new PrimaryKeyViolation(id);
        assertThat(violation.code()).isEqualTo(3);
        assertThat(violation.codeName()).isEqualTo("primary key violation");
        assertThat(violation.getMessage()).isEqualTo("primary key violation on key '{id=\"" + id + "\"}'");
        assertThat(violation.fields()).isEqualTo(Map.of("id", id));
    }
}
