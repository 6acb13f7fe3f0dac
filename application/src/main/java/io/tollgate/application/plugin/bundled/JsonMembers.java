package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * response-transformer's JSON rules on a JSON object body: remove, rename, replace (present members), add (absent
 * members), append (to a list); a value's type is the {@code json_types} entry at the same index of its operation
 * ({@code boolean}: {@code true} or not; {@code number}: parsed, else kept as a string; {@code string}, the default).
 */
final class JsonMembers {

    private JsonMembers() {}

    /** The rewritten body, or {@code null} to keep it (not a JSON object, or no rule changed it). */
    @SuppressWarnings("unchecked")
    static byte @Nullable [] transform(byte[] body, TransformRules rules, JsonCodec json) {
        Object parsed;
        try {
            parsed = json.read(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!(parsed instanceof Map<?, ?>)) {
            return null;
        }
        Map<String, @Nullable Object> doc = (Map<String, @Nullable Object>) parsed;
        boolean changed = false;
        for (String name : rules.remove("json")) {
            changed |= doc.containsKey(name);
            doc.remove(name);
        }
        for (TransformRules.Pair p : rules.pairs("rename", "json")) {
            if (doc.containsKey(p.name())) {
                doc.put(p.value(), doc.remove(p.name()));
                changed = true;
            }
        }
        List<TransformRules.Pair> replace = rules.pairs("replace", "json");
        for (int i = 0; i < replace.size(); i++) {
            TransformRules.Pair p = replace.get(i);
            if (doc.containsKey(p.name())) {
                doc.put(p.name(), typed(p.value(), rules, "replace", i));
                changed = true;
            }
        }
        List<TransformRules.Pair> add = rules.pairs("add", "json");
        for (int i = 0; i < add.size(); i++) {
            TransformRules.Pair p = add.get(i);
            if (!doc.containsKey(p.name())) {
                doc.put(p.name(), typed(p.value(), rules, "add", i));
                changed = true;
            }
        }
        List<TransformRules.Pair> append = rules.pairs("append", "json");
        for (int i = 0; i < append.size(); i++) {
            TransformRules.Pair p = append.get(i);
            Object old = doc.get(p.name());
            List<Object> values = new ArrayList<>();
            if (old instanceof List<?> list) {
                values.addAll(list);
            } else if (old != null) {
                values.add(old);
            }
            values.add(typed(p.value(), rules, "append", i));
            doc.put(p.name(), values);
            changed = true;
        }
        return changed ? json.write(doc) : null;
    }

    private static Object typed(String value, TransformRules rules, String operation, int index) {
        List<String> types = rules.types(operation);
        String type = index < types.size() ? types.get(index) : "string";
        return switch (type) {
            case "boolean" -> Boolean.parseBoolean(value);
            case "number" -> number(value);
            default -> value;
        };
    }

    private static Object number(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException again) {
                return value;
            }
        }
    }
}
