package io.tollgate.domain.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's schema-driven type inference for form and query arguments ({@code kong/api/arguments.lua}): text values
 * become integers, numbers and booleans where the schema says so, a single value of an array field becomes a
 * one-element array, and an empty value becomes {@code null}. Values that do not parse are left as text, so the
 * validation that follows reports Kong's "expected an integer".
 */
public final class TextInference {

    private TextInference() {}

    /** @param decoded form fields already nested by the adapter ({@code service.id} → {@code {service: {id}}}) */
    public static Map<String, @Nullable Object> infer(
            RecordSchema schema, Map<String, ? extends @Nullable Object> decoded) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        decoded.forEach((key, value) -> {
            var spec = schema.field(key);
            out.put(key, spec.isPresent() ? infer(spec.get(), value) : value);
        });
        return out;
    }

    static @Nullable Object infer(FieldSpec spec, @Nullable Object value) {
        if (value == null || "".equals(value)) {
            return null;
        }
        return switch (spec.kind()) {
            case INTEGER -> value instanceof String s ? parseLong(s) : value;
            case NUMBER -> value instanceof String s ? parseDouble(s) : value;
            case BOOLEAN -> "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : value;
            case ARRAY, SET -> {
                List<?> items =
                        value instanceof List<?> l ? l : value instanceof Map<?, ?> m ? indexed(m) : List.of(value);
                List<@Nullable Object> out = new ArrayList<>();
                items.forEach(item -> out.add(spec.elements() == null ? item : infer(spec.elements(), item)));
                yield out;
            }
            case RECORD ->
                value instanceof Map<?, ?> m && spec.record() != null
                        ? infer(spec.record(), RecordSchema.strings(m))
                        : value;
            case MAP -> value instanceof Map<?, ?> m && spec.elements() != null ? mapValues(spec.elements(), m) : value;
            case STRING, FOREIGN -> value;
        };
    }

    private static Map<String, @Nullable Object> mapValues(FieldSpec element, Map<?, ?> map) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), infer(element, v)));
        return out;
    }

    /** {@code paths[1]=a&paths[2]=b} arrives as a map keyed by index. */
    private static List<?> indexed(Map<?, ?> map) {
        return map.entrySet().stream()
                .sorted((a, b) -> Long.compare(index(a.getKey()), index(b.getKey())))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static long index(Object key) {
        try {
            return Long.parseLong(String.valueOf(key));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Object parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            Object d = parseDouble(s);
            return d instanceof Double dd && dd == Math.rint(dd) ? (Object) dd.longValue() : s;
        }
    }

    private static Object parseDouble(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return s;
        }
    }
}
