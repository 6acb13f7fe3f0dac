package io.tollgate.domain.shared;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Kong's code 5, {@code unique constraint violation} (HTTP 409): another entity already holds a unique value.
 * Message as Kong's: {@code UNIQUE violation detected on '{name="foo"}'}, keys in alphabetical order as Kong's
 * serializer writes them ({@code '{consumer=null,name="key-auth",route=null,service={id="…"}}'} for a plugin).
 */
public final class UniqueViolation extends Rejection {

    /** @param fields the conflicting field(s) and value(s), in Kong's order */
    public UniqueViolation(Map<String, ? extends @Nullable Object> fields) {
        super(5, "unique constraint violation", "UNIQUE violation detected on '" + render(fields) + "'", fields);
    }

    static String render(Map<String, ? extends @Nullable Object> fields) {
        return new TreeMap<String, @Nullable Object>(fields)
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + renderValue(e.getValue()))
                        .collect(Collectors.joining(",", "{", "}"));
    }

    private static String renderValue(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return new TreeMap<>(map)
                    .entrySet().stream()
                            .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                            .collect(Collectors.joining(",", "{", "}"));
        }
        return value == null ? "null" : "\"" + value + "\"";
    }
}
