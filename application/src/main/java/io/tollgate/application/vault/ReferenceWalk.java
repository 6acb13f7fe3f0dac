package io.tollgate.application.vault;

import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.VaultReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the vault references of a stored record's referenceable fields ({@link FieldSpec#isReferenceable()}) by
 * what {@code resolve} gives, walking nested records and the elements of arrays, sets and maps (Kong's
 * {@code referenceable} on a map's values, e.g. http-log's {@code headers}). Other values are kept as they are.
 */
public final class ReferenceWalk {

    private ReferenceWalk() {}

    /**
     * A copy of {@code values} with each reference resolved.
     *
     * @param schema the record's schema
     * @param values the stored record (as validated)
     * @param resolve from the field's dotted path and the reference to the secret, or {@code null} when it did not
     *     resolve (the field is then unset, as Kong leaves it {@code nil})
     */
    public static Map<String, @Nullable Object> resolve(
            RecordSchema schema,
            Map<String, @Nullable Object> values,
            BiFunction<String, String, @Nullable String> resolve) {
        return record(schema, values, "", resolve);
    }

    /** Whether {@code schema} has a referenceable field anywhere (nothing to walk otherwise). */
    public static boolean hasReferenceable(RecordSchema schema) {
        return schema.fields().stream().anyMatch(ReferenceWalk::hasReferenceable);
    }

    private static boolean hasReferenceable(FieldSpec spec) {
        return spec.isReferenceable()
                || (spec.record() != null && hasReferenceable(spec.record()))
                || (spec.elements() != null && hasReferenceable(spec.elements()));
    }

    private static Map<String, @Nullable Object> record(
            RecordSchema schema,
            Map<String, @Nullable Object> values,
            String path,
            BiFunction<String, String, @Nullable String> resolve) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>(values);
        for (FieldSpec spec : schema.fields()) {
            Object value = values.get(spec.name());
            if (value != null) {
                out.put(spec.name(), value(spec, value, path + spec.name(), resolve));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Object value(
            FieldSpec spec, Object value, String path, BiFunction<String, String, @Nullable String> resolve) {
        if (spec.isReferenceable() && VaultReference.isReference(value)) {
            return resolve.apply(path, (String) value);
        }
        if (spec.record() != null && value instanceof Map<?, ?> nested) {
            return record(spec.record(), (Map<String, @Nullable Object>) nested, path + ".", resolve);
        }
        FieldSpec element = spec.elements();
        if (element == null || !hasReferenceable(element)) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, @Nullable Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, v == null ? null : value(element, v, path + "." + k, resolve)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(item == null ? null : value(element, item, path + "[]", resolve));
            }
            return out;
        }
        return value;
    }
}
