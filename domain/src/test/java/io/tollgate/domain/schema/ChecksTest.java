package io.tollgate.domain.schema;

import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.key.Keys;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.upstream.Upstreams;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Kong's entity checks (spec/01-unit/01-db/01-schema/01-schema_spec "entity_checks") and their declarations. */
class ChecksTest {

    private static final RecordSchema AB = RecordSchema.of(string("a"), string("b"), string("c"));

    private static Map<String, @Nullable Object> values(Object... pairs) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> errors(Check check, Map<String, @Nullable Object> values) {
        Errors errors = new Errors();
        check.check(values, errors);
        return errors.asMap();
    }

    @Test
    void at_least_one_of_fails_when_every_field_is_empty() {
        Check check = Checks.atLeastOneOf("a", "b");
        assertThat(errors(check, values("a", "", "b", List.of())))
                .isEqualTo(Map.of("@entity", List.of("at least one of these fields must be non-empty: 'a', 'b'")));
        assertThat(errors(check, values("b", "x"))).isEmpty();
        assertThat(check.declaration()).isEqualTo(Map.of("at_least_one_of", List.of("a", "b")));
    }

    @Test
    void only_one_of_fails_when_none_or_several_are_set() {
        Check check = Checks.onlyOneOf("a", "b");
        String message = "only one of these fields must be non-empty: 'a', 'b'";
        assertThat(errors(check, values("a", "x", "b", "y"))).isEqualTo(Map.of("@entity", List.of(message)));
        assertThat(errors(check, values())).isEqualTo(Map.of("@entity", List.of(message)));
        assertThat(errors(check, values("a", "x"))).isEmpty();
    }

    @Test
    void mutually_exclusive_allows_none_but_not_two() {
        Check check = Checks.mutuallyExclusive("a", "b");
        assertThat(errors(check, values())).isEmpty();
        assertThat(errors(check, values("a", "x", "b", "y")))
                .isEqualTo(Map.of("@entity", List.of("only one or none of these fields must be set: 'a', 'b'")));
        assertThat(check.declaration()).isEqualTo(Map.of("mutually_exclusive", List.of("a", "b")));
    }

    @Test
    void distinct_ignores_unset_fields() {
        Check check = Checks.distinct("a", "b");
        assertThat(errors(check, values("a", "x"))).isEmpty();
        assertThat(errors(check, values("a", "x", "b", "x")))
                .isEqualTo(Map.of("@entity", List.of("values of these fields must be distinct: 'a', 'b'")));
    }

    @Test
    void conditional_reports_the_then_field_and_the_entity() {
        Check check = Checks.conditional("a", Match.oneOf(List.of("x")), "b", Match.required());
        assertThat(errors(check, values("a", "x")))
                .isEqualTo(Map.of(
                        "b",
                        "required field missing",
                        "@entity",
                        List.of("failed conditional validation given value of field 'a'")));
        assertThat(errors(check, values("a", "y"))).isEmpty();
        assertThat(errors(check, values())).isEmpty();
        assertThat(errors(
                        Checks.conditional("a", Match.oneOf(List.of("x")), "b", Match.oneOf(List.of("none"))),
                        values("a", "x", "b", null)))
                .as("an unset then_field satisfies every match but required (the fuzz test's all-null PUT)")
                .isEmpty();
        Map<String, @Nullable Object> eqNull = new HashMap<>();
        eqNull.put("eq", null);
        assertThat(Checks.conditional("a", Match.notOneOf(List.of("https")), "b", Match.isNull())
                        .declaration())
                .isEqualTo(Map.of(
                        "conditional",
                        Map.of(
                                "if_field",
                                "a",
                                "if_match",
                                Map.of("not_one_of", List.of("https")),
                                "then_field",
                                "b",
                                "then_match",
                                eqNull)));
    }

    @Test
    void dotted_paths_read_nested_records() {
        RecordSchema plugin =
                RecordSchema.of(record("config", AB)).withCheck(Checks.atLeastOneOf("config.a", "config.b"));
        assertThatThrownBy(() -> plugin.validate(Map.of("config", Map.of("c", "z"))))
                .isInstanceOf(SchemaViolation.class)
                .hasMessage(
                        "schema violation (at least one of these fields must be non-empty: 'config.a', 'config.b')");
        assertThatCode(() -> plugin.validate(Map.of("config", Map.of("b", "z"))))
                .doesNotThrowAnyException();
    }

    @Test
    void a_check_that_is_code_declares_itself_a_custom_entity_check() {
        Check code = (v, e) -> {};
        assertThat(code.declaration()).isEqualTo(Map.of("custom_entity_check", Map.of("field_sources", List.of())));
        assertThat(Checks.custom(List.of("a"), code).declaration())
                .isEqualTo(Map.of("custom_entity_check", Map.of("field_sources", List.of("a"))));
    }

    /**
     * Kong's run_entity_check: a custom_entity_check runs when none of its field_sources has an error, so its message
     * comes with another field's error; it does not run while one of its sources is invalid.
     */
    @Test
    void a_custom_check_runs_when_its_field_sources_are_valid_whatever_the_other_fields_hold() {
        RecordSchema schema = RecordSchema.of(string("a"), integer("n"))
                .withCheck(Checks.custom(List.of("a"), (v, errors) -> {
                    if ("x".equals(v.get("a"))) {
                        errors.entity("a must not be x");
                    }
                }));
        assertThatThrownBy(() -> schema.validate(Map.of("a", "x", "n", "many")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields())
                                .isEqualTo(Map.of("n", "expected an integer", "@entity", List.of("a must not be x"))));
        assertThatThrownBy(() -> schema.validate(Map.of("a", 1, "n", 2)))
                .isInstanceOfSatisfying(
                        SchemaViolation.class, e -> assertThat(e.fields()).isEqualTo(Map.of("a", "expected a string")));
    }

    /** Kong's custom_validator of a record: only on a valid record, its message the record's error, not shown. */
    @Test
    void a_record_validator_runs_once_every_field_is_valid_and_declares_nothing() {
        Check validator = Checks.recordValidator((v, errors) -> errors.record("never with n"));
        RecordSchema schema = RecordSchema.of(
                record("config", RecordSchema.of(string("a"), integer("n")).withCheck(validator)));
        assertThatThrownBy(() -> schema.validate(Map.of("config", Map.of("a", "x", "n", 1))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class, e -> assertThat(e.fields()).isEqualTo(Map.of("config", "never with n")));
        assertThatThrownBy(() -> schema.validate(Map.of("config", Map.of("a", "x", "n", "many"))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields()).isEqualTo(Map.of("config", Map.of("n", "expected an integer"))));
        assertThat(validator.declaration()).isEmpty();
    }

    /** Kong's consumers.lua and keys.lua declare these checks; the schemas declare the checks they run. */
    @Test
    void entity_schemas_declare_kongs_entity_checks() {
        assertThat(declarations(Consumers.SCHEMA))
                .containsExactly(Map.of("at_least_one_of", List.of("custom_id", "username")));
        assertThat(declarations(Keys.SCHEMA))
                .containsExactly(
                        Map.of("mutually_exclusive", List.of("jwk", "pem")),
                        Map.of("at_least_one_of", List.of("jwk", "pem")),
                        Map.of("custom_entity_check", Map.of("field_sources", List.of("jwk", "pem", "kid"))));
        assertThat(declarations(Services.SCHEMA))
                .hasSize(5)
                .allSatisfy(d -> assertThat(d).containsOnlyKeys("conditional"));
        assertThat(declarations(Upstreams.SCHEMA))
                .contains(Map.of("distinct", List.of("hash_on_header", "hash_fallback_header")));
    }

    private static List<Map<String, Object>> declarations(EntitySchema schema) {
        return schema.record().checks().stream().map(Check::declaration).toList();
    }
}
