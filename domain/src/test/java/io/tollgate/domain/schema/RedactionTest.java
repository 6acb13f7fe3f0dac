package io.tollgate.domain.schema;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@link RecordSchema#redacted}: secrets become {@code ******} wherever the schema puts them, nothing else changes. */
class RedactionTest {

    private static final RecordSchema SCHEMA = RecordSchema.of(
            string("name"),
            string("password").secret(),
            integer("pin").secret(),
            record(
                    "config",
                    RecordSchema.of(
                            string("client_id"),
                            string("client_secret").secret(),
                            record("inner", RecordSchema.of(string("token").secret(), string("plain"))))),
            array("keys", string("key").secret()),
            array(
                    "servers",
                    record(
                            "server",
                            RecordSchema.of(string("host"), string("password").secret()))),
            Fields.map("headers", string("value").secret()),
            array("names", string("name")));

    private static Map<String, @Nullable Object> obj(Object... pairs) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void secrets_are_redacted_at_the_top_level_and_in_nested_records_arrays_and_maps() {
        Map<String, @Nullable Object> stored = obj(
                "name", "svc",
                "password", "hash",
                "pin", 1234L,
                "config",
                        obj(
                                "client_id", "id-1",
                                "client_secret", "s3cret",
                                "inner", obj("token", "t0k3n", "plain", "visible")),
                "keys", List.of("k1", "k2"),
                "servers", List.of(obj("host", "a", "password", "pa"), obj("host", "b", "password", "pb")),
                "headers", obj("x-api-key", "v1"),
                "names", List.of("n1"));

        Map<String, @Nullable Object> shown = SCHEMA.redacted(stored);

        assertThat(shown)
                .isEqualTo(obj(
                        "name", "svc",
                        "password", "******",
                        "pin", "******",
                        "config",
                                obj(
                                        "client_id", "id-1",
                                        "client_secret", "******",
                                        "inner", obj("token", "******", "plain", "visible")),
                        "keys", List.of("******", "******"),
                        "servers",
                                List.of(obj("host", "a", "password", "******"), obj("host", "b", "password", "******")),
                        "headers", obj("x-api-key", "******"),
                        "names", List.of("n1")));
        assertThat(shown.keySet()).containsExactlyElementsOf(stored.keySet());
        assertThat(stored.get("password")).as("the input is not modified").isEqualTo("hash");
    }

    @Test
    void null_stays_null_and_unknown_keys_and_undescribed_records_are_kept() {
        Map<String, @Nullable Object> stored = new HashMap<>();
        stored.put("password", null);
        stored.put("config", obj("client_secret", null, "inner", null));
        stored.put("keys", Arrays.asList("k", null));
        stored.put("unknown", "as is");

        Map<String, @Nullable Object> shown = SCHEMA.redacted(stored);

        assertThat(shown).containsEntry("password", null).containsEntry("unknown", "as is");
        assertThat(shown.get("config")).isEqualTo(obj("client_secret", null, "inner", null));
        assertThat(shown.get("keys")).isEqualTo(Arrays.asList("******", null));
        Map<String, @Nullable Object> opaque = Map.of("config", Map.of("anything", "x"));
        assertThat(RecordSchema.of(record("config", RecordSchema.of())).redacted(opaque))
                .isEqualTo(opaque);
    }

    @Test
    void secret_survives_the_other_builders_and_is_off_by_default() {
        FieldSpec spec = string("key").secret().unique().auto().required().defaultValue("x");
        assertThat(spec.isSecret()).isTrue();
        assertThat(string("key").unique().isSecret()).isFalse();
    }
}
