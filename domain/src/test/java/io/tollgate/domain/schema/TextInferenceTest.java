package io.tollgate.domain.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextInferenceTest {

    @Test
    void types_form_values_from_the_schema() {
        Map<String, Object> form = new HashMap<>();
        form.put("port", "8080");
        form.put("enabled", "false");
        form.put("path", "");
        form.put("name", "svc");
        assertThat(TextInference.infer(Services.SCHEMA.record(), form))
                .containsEntry("port", 8080L)
                .containsEntry("enabled", false)
                .containsEntry("path", null)
                .containsEntry("name", "svc");
    }

    @Test
    void wraps_single_values_of_arrays_and_orders_indexed_ones() {
        assertThat(TextInference.infer(Routes.SCHEMA.record(), Map.of("paths", "/a")))
                .containsEntry("paths", List.of("/a"));
        assertThat(TextInference.infer(Routes.SCHEMA.record(), Map.of("paths", Map.of("2", "/b", "1", "/a"))))
                .containsEntry("paths", List.of("/a", "/b"));
        assertThat(TextInference.infer(Routes.SCHEMA.record(), Map.of("regex_priority", "x")))
                .containsEntry("regex_priority", "x");
    }
}
