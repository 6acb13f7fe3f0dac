package io.tollgate.domain.schema;

import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.shared.SchemaViolation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's deprecated flat fields standing for nested ones, in input, PATCH and output. */
class FieldAliasTest {

    private final RecordSchema schema = RecordSchema.of(
                    record(
                                    "redis",
                                    RecordSchema.of(
                                            string("host"), integer("port").defaultValue(6379L)))
                            .defaultValue(Map.of()),
                    string("redis_host"),
                    integer("redis_port"))
            .withAliases(FieldAlias.of("redis_host", "redis", "host"), FieldAlias.of("redis_port", "redis", "port"));

    @Test
    void a_patch_of_the_flat_field_replaces_the_nested_value_and_a_patch_of_the_nested_one_moves_the_flat_one() {
        Map<String, Object> stored = schema.validate(Map.of("redis_host", "a"));
        assertThat(stored).containsEntry("redis_host", "a").containsEntry("redis", Map.of("host", "a", "port", 6379L));

        Map<String, Object> flatPatch = schema.validate(schema.merge(stored, Map.of("redis_host", "b")));
        assertThat(flatPatch)
                .containsEntry("redis_host", "b")
                .containsEntry("redis", Map.of("host", "b", "port", 6379L));

        Map<String, Object> nestedPatch =
                schema.validate(schema.merge(flatPatch, Map.of("redis", Map.of("host", "c"))));
        assertThat(nestedPatch)
                .as("the stored flat value only mirrors the nested one: no mismatch")
                .containsEntry("redis_host", "c")
                .containsEntry("redis", Map.of("host", "c", "port", 6379L));
    }

    @Test
    void a_patch_with_both_at_odds_is_refused() {
        Map<String, Object> stored = schema.validate(Map.of());
        assertThatThrownBy(() ->
                        schema.validate(schema.merge(stored, Map.of("redis_port", 1, "redis", Map.of("port", 2)))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class, e -> assertThat(e.fields()).containsOnlyKeys("redis_port"));
    }

    @Test
    void an_alias_must_name_a_field() {
        assertThatThrownBy(() -> RecordSchema.of(string("x")).withAliases(FieldAlias.of("y", "r", "y")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
