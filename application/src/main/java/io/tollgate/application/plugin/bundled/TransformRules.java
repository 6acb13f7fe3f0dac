package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a transformer plugin's config (Kong's request- and response-transformer): for each operation
 * ({@code remove}, {@code rename}, {@code replace}, {@code add}, {@code append}) and target ({@code headers},
 * {@code querystring}, {@code body}, {@code json}), the names or {@code name:value} pairs configured.
 *
 * @param config the validated config
 */
record TransformRules(PluginConfig config) {

    /**
     * A {@code name:value} entry, split as Kong's {@code ^([^:]+):*(.-)$}: the name up to the first colon, the value
     * after every colon that follows it ({@code h1::v} is {@code h1} and {@code v}).
     */
    record Pair(String name, String value) {

        /** Splits {@code entry}; without a colon, the whole entry is the name and the value is empty. */
        static Pair of(String entry) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                return new Pair(entry, "");
            }
            int value = colon + 1;
            while (value < entry.length() && entry.charAt(value) == ':') {
                value++;
            }
            return new Pair(entry.substring(0, colon), entry.substring(value));
        }

        /**
         * Whether Kong's pattern matches {@code entry} with a value part: a non-empty name followed by a colon. An
         * entry without a colon ({@code a}) has no value part, unlike {@code a:}, whose value part is empty.
         */
        static boolean hasValuePart(String entry) {
            return entry.indexOf(':') > 0;
        }
    }

    static TransformRules of(PluginConfig config) {
        return new TransformRules(config);
    }

    /** The names of {@code remove.<target>}. */
    List<String> remove(String target) {
        return entries("remove", target);
    }

    /** The pairs of {@code <operation>.<target>}. */
    List<Pair> pairs(String operation, String target) {
        List<String> entries = entries(operation, target);
        if (entries.isEmpty()) {
            return List.of();
        }
        return entries.stream().map(Pair::of).toList();
    }

    /** {@code <operation>.json_types} (response-transformer): the type of each JSON entry, by index. */
    List<String> types(String operation) {
        return entries(operation, "json_types");
    }

    /** {@code replace.uri}, or {@code null}. */
    @Nullable
    String uri() {
        return config.values().get("replace") instanceof Map<?, ?> replace && replace.get("uri") instanceof String s
                ? s
                : null;
    }

    /** Whether any operation has entries for {@code target}. */
    boolean touches(String target) {
        for (String operation : List.of("remove", "rename", "replace", "add", "append")) {
            if (!entries(operation, target).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    boolean touchesBody() {
        return touches("body");
    }

    private List<String> entries(String operation, String target) {
        if (config.values().get(operation) instanceof Map<?, ?> record
                && record.get(target) instanceof List<?> list
                && !list.isEmpty()) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
