package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.FieldAlias;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.Fields;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.TextInference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The cases of Kong's unit spec {@code spec/01-unit/01-db/03-arguments_spec.lua} ({@code kong.api.arguments}): how
 * the Admin API nests form and query arguments ({@link FormDecoder}, Kong's {@code decode_arg}/{@code decode}) and
 * types them from the schema ({@link TextInference}, Kong's {@code infer_value}/{@code infer}). Kong's
 * {@code infer_value(value, field)} is run as {@link TextInference} over a one-field schema ({@code v}).
 *
 * <p>Of Kong's 21 cases (and one {@code pending}, not counted): 11 ported; 4 differ and assert Tollgate's
 * behaviour: an empty value is already {@code null} after decoding (Kong keeps {@code ""} until inference, so a
 * field the schema does not know keeps {@code ""} there), and explicit indexes order an array without leaving
 * holes ({@code x[2]=a} is {@code ["a"]}, Kong's {@code [null,"a"]}); one more differs in part: an integer field
 * keeps {@code "2.5"} as text (Kong: 2.5), both then rejected as {@code expected an integer}. 1 differs and is left
 * out: "decodes different array representations" (mixing {@code a=}, {@code a[]=} and {@code a[1]=} for one name:
 * Kong merges the forms position by position, Tollgate keeps the last form). 5 have no counterpart: "returns nil
 * for nil args" and "does no inferring without schema" (Tollgate's inference always has a schema and never sees a
 * missing map), and "merges arguments together…", "decodes complex nested parameters" and "…combinations" (Kong's
 * answers are Lua tables that are an array and a map at once, which neither JSON nor Tollgate can hold).
 */
class KongArgumentsSpecTest {

    private static Map<String, @Nullable Object> decode(String body) {
        return FormDecoder.decode(FormDecoder.parseUrlEncoded(body));
    }

    /** Kong's {@code infer_value(value, field)}: {@code value} typed as the only field of a record. */
    private static @Nullable Object inferValue(@Nullable Object value, FieldSpec field) {
        Map<String, @Nullable Object> args = new HashMap<>();
        args.put(field.name(), value);
        return TextInference.infer(RecordSchema.of(field), args).get(field.name());
    }

    private static FieldSpec strings(String name) {
        return Fields.string(name);
    }

    /** Kong: "arguments.infer_value" "infers numbers" (an integer keeps {@code "2.5"} as text, Kong 2.5). */
    @Test
    void infers_numbers() {
        assertThat(inferValue("2", Fields.number("v"))).isEqualTo(2.0);
        assertThat(inferValue("2", Fields.integer("v"))).isEqualTo(2L);
        assertThat(inferValue("2.5", Fields.number("v"))).isEqualTo(2.5);
        assertThat(inferValue("2.5", Fields.integer("v"))).isEqualTo("2.5");
    }

    /** Kong: "arguments.infer_value" "infers booleans". */
    @Test
    void infers_booleans() {
        assertThat(inferValue("false", Fields.bool("v"))).isEqualTo(false);
        assertThat(inferValue("true", Fields.bool("v"))).isEqualTo(true);
    }

    /** Kong: "arguments.infer_value" "infers arrays and sets". */
    @Test
    void infers_arrays_and_sets() {
        assertThat(inferValue("a", Fields.array("v", strings("e")))).isEqualTo(List.of("a"));
        assertThat(inferValue("2", Fields.array("v", Fields.number("e")))).isEqualTo(List.of(2.0));
        assertThat(inferValue(List.of("a"), Fields.array("v", strings("e")))).isEqualTo(List.of("a"));
        assertThat(inferValue(List.of("2"), Fields.array("v", Fields.number("e"))))
                .isEqualTo(List.of(2.0));

        assertThat(inferValue("a", Fields.set("v", strings("e")))).isEqualTo(List.of("a"));
        assertThat(inferValue("2", Fields.set("v", Fields.number("e")))).isEqualTo(List.of(2.0));
        assertThat(inferValue(List.of("a"), Fields.set("v", strings("e")))).isEqualTo(List.of("a"));
        assertThat(inferValue(List.of("2"), Fields.set("v", Fields.number("e"))))
                .isEqualTo(List.of(2.0));
    }

    /** Kong: "arguments.infer_value" "infers nulls from empty strings". */
    @Test
    void infers_nulls_from_empty_strings() {
        List<FieldSpec> fields = List.of(
                strings("v"),
                Fields.array("v", strings("e")),
                Fields.set("v", strings("e")),
                Fields.number("v"),
                Fields.integer("v"),
                Fields.bool("v"),
                Fields.foreign("v", EntityKind.SERVICES),
                Fields.map("v", strings("e")),
                Fields.record("v", RecordSchema.of(strings("x"))));
        for (FieldSpec field : fields) {
            assertThat(inferValue("", field)).as(field.kind().toString()).isNull();
        }
    }

    /** Kong: "arguments.infer_value" "doesn't infer nulls from empty strings on unknown types". */
    @Test
    void doesnt_infer_nulls_from_empty_strings_on_unknown_types() {
        assertThat(TextInference.infer(RecordSchema.of(strings("known")), Map.of("unknown", "")))
                .isEqualTo(Map.of("unknown", ""));
    }

    /** Kong: "arguments.infer_value" "infers maps". */
    @Test
    void infers_maps() {
        assertThat(inferValue(Map.of("x", "1"), Fields.map("v", strings("e")))).isEqualTo(Map.of("x", "1"));
        assertThat(inferValue(Map.of("x", "1"), Fields.map("v", Fields.number("e"))))
                .isEqualTo(Map.of("x", 1.0));
    }

    /** Kong: "arguments.infer_value" "infers records". */
    @Test
    void infers_records() {
        assertThat(inferValue(Map.of("age", "1"), Fields.record("v", RecordSchema.of(strings("age")))))
                .isEqualTo(Map.of("age", "1"));
        assertThat(inferValue(Map.of("age", "1"), Fields.record("v", RecordSchema.of(Fields.number("age")))))
                .isEqualTo(Map.of("age", 1.0));
    }

    /** Kong: "arguments.infer_value" "returns the provided value when inferring is not possible". */
    @Test
    void returns_the_provided_value_when_inferring_is_not_possible() {
        assertThat(inferValue("not number", Fields.number("v"))).isEqualTo("not number");
        assertThat(inferValue("not integer", Fields.integer("v"))).isEqualTo("not integer");
        assertThat(inferValue("not boolean", Fields.bool("v"))).isEqualTo("not boolean");
    }

    private static RecordSchema person() {
        return RecordSchema.of(
                strings("name"),
                Fields.number("age"),
                Fields.bool("has_license"),
                Fields.set("aliases", strings("e")),
                strings("comments"));
    }

    private static Map<String, @Nullable Object> peter() {
        Map<String, @Nullable Object> expected = new HashMap<>();
        expected.put("name", "peter");
        expected.put("age", 45.0);
        expected.put("has_license", true);
        expected.put("aliases", List.of("peta"));
        expected.put("comments", null);
        return expected;
    }

    /** Kong: "arguments.infer" "infers every field using the schema". */
    @Test
    void infers_every_field_using_the_schema() {
        Map<String, @Nullable Object> args =
                Map.of("name", "peter", "age", "45", "has_license", "true", "aliases", "peta", "comments", "");
        assertThat(TextInference.infer(person(), args)).isEqualTo(peter());
    }

    /**
     * Kong: "arguments.infer" "infers shorthand_fields but does not run the func". Tollgate's shorthand is a
     * {@link FieldAlias} for a nested field; inference types it by its own spec and does not move it.
     */
    @Test
    void infers_shorthand_fields_but_does_not_run_the_func() {
        RecordSchema schema = RecordSchema.of(
                        strings("name"),
                        Fields.record("conf", RecordSchema.of(Fields.array("another_array", strings("e")))),
                        Fields.array("an_array", strings("e")))
                .withAliases(FieldAlias.of("an_array", "conf", "another_array"));
        assertThat(TextInference.infer(schema, Map.of("name", "peter", "an_array", "something")))
                .isEqualTo(Map.of("name", "peter", "an_array", List.of("something")));
    }

    /**
     * Kong: "arguments.decode_arg" "does not infer numbers, booleans or nulls from strings". Differs for the empty
     * value, which Tollgate's decoder already makes {@code null} (Kong: {@code ""} until inference).
     */
    @Test
    void does_not_infer_numbers_booleans_or_nulls_from_strings() {
        assertThat(decode("x=true")).isEqualTo(Map.of("x", "true"));
        assertThat(decode("x=false")).isEqualTo(Map.of("x", "false"));
        assertThat(decode("x=10")).isEqualTo(Map.of("x", "10"));
        Map<String, @Nullable Object> nullX = new HashMap<>();
        nullX.put("x", null);
        assertThat(decode("x=")).isEqualTo(nullX);
    }

    /** Kong: "arguments.decode_arg" "decodes arrays" ({@code x[2]=a} leaves no hole: Kong's {@code [null,"a"]}). */
    @Test
    void decodes_arrays() {
        assertThat(decode("x[]=a")).isEqualTo(Map.of("x", List.of("a")));
        assertThat(decode("x[1]=a")).isEqualTo(Map.of("x", List.of("a")));
        assertThat(decode("x[2]=a")).isEqualTo(Map.of("x", List.of("a")));
    }

    /** Kong: "arguments.decode_arg" "decodes nested arrays" ({@code x[2][1]=a} leaves no hole, as above). */
    @Test
    void decodes_nested_arrays() {
        assertThat(decode("x[1][1]=a")).isEqualTo(Map.of("x", List.of(List.of("a"))));
        assertThat(decode("x[2][1]=a")).isEqualTo(Map.of("x", List.of(List.of("a"))));
    }

    /**
     * Kong: "arguments.decode" "decodes multidimensional arrays". Explicit indexes leave no holes (Kong's
     * {@code key[5][4]} is sparse), and a key starting with {@code [} has no name and is ignored (Kong takes
     * {@code "[5]"} as the name).
     */
    @Test
    void decodes_multidimensional_arrays() {
        assertThat(decode("key[][]=value")).isEqualTo(Map.of("key", List.of(List.of("value"))));
        assertThat(decode("key[5][4]=value")).isEqualTo(Map.of("key", List.of(List.of("value"))));
        assertThat(decode("key[5][4].key=value")).isEqualTo(Map.of("key", List.of(List.of(Map.of("key", "value")))));
        assertThat(decode("[5][1][4].key=value")).isEmpty();
    }

    /** Kong: "arguments.decode" "infers values when provided with a schema". */
    @Test
    void infers_values_when_provided_with_a_schema() {
        Map<String, @Nullable Object> decoded = decode("name=peter&age=45&has_license=true&aliases[]=peta&comments=");
        assertThat(TextInference.infer(person(), decoded)).isEqualTo(peter());
    }
}
