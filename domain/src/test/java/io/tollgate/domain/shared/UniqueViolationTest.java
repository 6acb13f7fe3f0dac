package io.tollgate.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Kong's UNIQUE violation message (spec/02-integration/04-admin_api/04-plugins_routes_spec "returns 409 on conflict"). */
class UniqueViolationTest {

    @Test
    void returns_409_on_conflict_renders_the_plugin_scope_with_keys_in_alphabetical_order() {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("name", "basic-auth");
        fields.put("route", null);
        fields.put("service", Map.of("id", "5f2b"));
        fields.put("consumer", null);
        UniqueViolation violation = new UniqueViolation(fields);
        assertThat(violation.getMessage())
                .isEqualTo("UNIQUE violation detected on "
                        + "'{consumer=null,name=\"basic-auth\",route=null,service={id=\"5f2b\"}}'");
        assertThat(violation.fields()).isEqualTo(fields);
        assertThat(new UniqueViolation(Map.of("name", "dup")).getMessage())
                .isEqualTo("UNIQUE violation detected on '{name=\"dup\"}'");
    }
}
