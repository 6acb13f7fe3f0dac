package io.tollgate.application.admin;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether two entities' fields are the same for an import: deep equality of JSON-shaped values, numbers compared by
 * value ({@code 5}, {@code 5L} and {@code 5.0} are equal), the timestamps ({@code created_at}, {@code updated_at})
 * ignored.
 */
final class SameFields {

    private static final Set<String> TIMESTAMPS = Set.of("created_at", "updated_at");

    private SameFields() {}

    static boolean ignoringTimestamps(Map<String, @Nullable Object> a, Map<String, @Nullable Object> b) {
        for (String key : union(a, b)) {
            if (!TIMESTAMPS.contains(key) && !same(a.get(key), b.get(key))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> union(Map<String, ?> a, Map<String, ?> b) {
        Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static boolean same(@Nullable Object a, @Nullable Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> mx = (Map<String, @Nullable Object>) x;
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> my = (Map<String, @Nullable Object>) y;
            for (String key : union(mx, my)) {
                if (!same(mx.get(key), my.get(key))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
