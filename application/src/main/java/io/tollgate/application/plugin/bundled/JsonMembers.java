package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.JsonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The transformer plugins' rules on the members of a JSON object (request-transformer's JSON body, response-
 * transformer's JSON response): remove, rename, replace (present members), add (absent members), append (to a list,
 * the old value first).
 */
final class JsonMembers {

    /** The JSON value a configured {@code name:value} entry writes. */
    @FunctionalInterface
    interface Values {
        /**
         * @param operation {@code replace}, {@code add} or {@code append}
         * @param index the entry's index within its operation's list
         * @param value the configured text
         */
        Object of(String operation, int index, String value);
    }

    private JsonMembers() {}

    /**
     * Parses {@code body} as a JSON object.
     *
     * @param emptyIsObject whether an empty body counts as {@code {}}
     * @return the mutable members, or {@code null} when the body is not a JSON object
     */
    @SuppressWarnings("unchecked")
    static @Nullable Map<String, @Nullable Object> object(byte[] body, JsonCodec json, boolean emptyIsObject) {
        if (body.length == 0 && emptyIsObject) {
            return new LinkedHashMap<>();
        }
        try {
            return json.read(body) instanceof Map<?, ?> map ? (Map<String, @Nullable Object>) map : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Applies the rules of {@code target} ({@code body} or {@code json}) to {@code doc} in place.
     *
     * @return whether any rule changed it
     */
    static boolean apply(Map<String, @Nullable Object> doc, TransformRules rules, String target, Values values) {
        boolean changed = false;
        for (String name : rules.remove(target)) {
            changed |= doc.containsKey(name);
            doc.remove(name);
        }
        for (TransformRules.Pair p : rules.pairs("rename", target)) {
            if (doc.containsKey(p.name())) {
                doc.put(p.value(), doc.remove(p.name()));
                changed = true;
            }
        }
        List<TransformRules.Pair> replace = rules.pairs("replace", target);
        for (int i = 0; i < replace.size(); i++) {
            TransformRules.Pair p = replace.get(i);
            if (doc.get(p.name()) != null) {
                doc.put(p.name(), values.of("replace", i, p.value()));
                changed = true;
            }
        }
        List<TransformRules.Pair> add = rules.pairs("add", target);
        for (int i = 0; i < add.size(); i++) {
            TransformRules.Pair p = add.get(i);
            if (doc.get(p.name()) == null) {
                doc.put(p.name(), values.of("add", i, p.value()));
                changed = true;
            }
        }
        List<TransformRules.Pair> append = rules.pairs("append", target);
        for (int i = 0; i < append.size(); i++) {
            TransformRules.Pair p = append.get(i);
            Object old = doc.get(p.name());
            List<Object> list = new ArrayList<>();
            if (old instanceof List<?> items) {
                list.addAll(items);
            } else if (old != null) {
                list.add(old);
            }
            list.add(values.of("append", i, p.value()));
            doc.put(p.name(), list);
            changed = true;
        }
        return changed;
    }

    /**
     * response-transformer's typed values: the {@code json_types} entry at the entry's index ({@code boolean}:
     * {@code true} or not; {@code number}: parsed, else kept as text; {@code string}, the default).
     */
    static Values typed(TransformRules rules) {
        return (operation, index, value) -> {
            List<String> types = rules.types(operation);
            String type = index < types.size() ? types.get(index) : "string";
            return switch (type) {
                case "boolean" -> Boolean.parseBoolean(value);
                case "number" -> number(value);
                default -> value;
            };
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
