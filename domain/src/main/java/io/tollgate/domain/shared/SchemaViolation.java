package io.tollgate.domain.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kong's code 2, {@code schema violation}: the input does not satisfy the entity's schema.
 *
 * <p>{@code fields} mirrors the entity's shape: a field's message under its name, nested records as nested
 * maps, entity-level messages as a list under {@code "@entity"}. The message follows Kong:
 * {@code "schema violation (host: required field missing)"} for one error, or
 * {@code "2 schema violations (...; ...)"}, entity-level messages first, then fields in name order.
 */
public final class SchemaViolation extends Rejection {

    public SchemaViolation(Map<String, Object> fields) {
        super(2, "schema violation", messageOf(fields), fields);
    }

    /** A violation of one field, e.g. {@code SchemaViolation.of("host", "required field missing")}. */
    public static SchemaViolation of(String field, String message) {
        return new SchemaViolation(Map.of(field, message));
    }

    static String messageOf(Map<String, Object> fields) {
        List<String> parts = violations(fields);
        return parts.size() == 1
                ? "schema violation (" + parts.get(0) + ")"
                : parts.size() + " schema violations (" + String.join("; ", parts) + ")";
    }

    /**
     * Kong's flattened violations of an error tree: the {@code "@entity"} messages first, then one
     * {@code "path: message"} per leaf in name order ({@code "a.b: …"} for nested maps, {@code "a.2: …"} for the
     * second element of a list).
     */
    static List<String> violations(Map<String, Object> fields) {
        List<String> parts = new ArrayList<>();
        Object entity = fields.get("@entity");
        if (entity instanceof List<?> list) {
            list.forEach(e -> parts.add(String.valueOf(e)));
        }
        flatten("", new TreeMap<>(fields), parts);
        return parts;
    }

    private static void flatten(String prefix, Map<String, Object> fields, List<String> out) {
        fields.forEach((name, value) -> {
            if (name.equals("@entity") && prefix.isEmpty()) {
                return;
            }
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) nested;
                flatten(prefix + name + ".", new TreeMap<>(typed), out);
            } else if (value instanceof List<?> list && name.equals("@entity")) {
                list.forEach(v -> out.add(prefix + name + ": " + v));
            } else if (value instanceof List<?> list) {
                // Kong names an array element's error by its 1-based position: "paths.2: …"
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) != null) {
                        out.add(prefix + name + "." + (i + 1) + ": " + list.get(i));
                    }
                }
            } else {
                out.add(prefix + name + ": " + value);
            }
        });
    }
}
