package io.tollgate.domain.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Replaces secret values ({@link FieldSpec#isSecret()}) by {@link FieldSpec#REDACTED}, walking records, array and
 * set elements and map values with their specs. {@code null} stays {@code null}; values the spec does not describe
 * (unknown keys, a record schema without fields) are left as they are.
 */
final class Redaction {

    private Redaction() {}

    static Map<String, @Nullable Object> record(RecordSchema schema, Map<?, ?> values) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String name = String.valueOf(key);
            out.put(name, schema.field(name).map(spec -> value(spec, value)).orElse(value));
        });
        return out;
    }

    static @Nullable Object value(FieldSpec spec, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (spec.isSecret()) {
            return FieldSpec.REDACTED;
        }
        return switch (spec.kind()) {
            case RECORD ->
                spec.record() != null && value instanceof Map<?, ?> nested
                        ? record(Objects.requireNonNull(spec.record()), nested)
                        : value;
            case ARRAY, SET ->
                spec.elements() != null && value instanceof List<?> items
                        ? elements(Objects.requireNonNull(spec.elements()), items)
                        : value;
            case MAP ->
                spec.elements() != null && value instanceof Map<?, ?> entries
                        ? mapValues(Objects.requireNonNull(spec.elements()), entries)
                        : value;
            case STRING, INTEGER, NUMBER, BOOLEAN, FOREIGN -> value;
        };
    }

    private static List<@Nullable Object> elements(FieldSpec spec, List<?> items) {
        List<@Nullable Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(value(spec, item));
        }
        return out;
    }

    private static Map<String, @Nullable Object> mapValues(FieldSpec spec, Map<?, ?> entries) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        entries.forEach((key, value) -> out.put(String.valueOf(key), value(spec, value)));
        return out;
    }
}
