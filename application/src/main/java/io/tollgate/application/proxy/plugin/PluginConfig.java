package io.tollgate.application.proxy.plugin;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Typed reads of a plugin instance's {@code config}, with the schema defaults as fallbacks. */
record PluginConfig(Map<String, @Nullable Object> values) {

    @Nullable
    String string(String key) {
        return values.get(key) instanceof String s ? s : null;
    }

    String string(String key, String fallback) {
        String value = string(key);
        return value == null ? fallback : value;
    }

    boolean bool(String key, boolean fallback) {
        return values.get(key) instanceof Boolean b ? b : fallback;
    }

    int integer(String key, int fallback) {
        return values.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    List<String> strings(String key, List<String> fallback) {
        if (values.get(key) instanceof List<?> list && !list.isEmpty()) {
            return list.stream().map(String::valueOf).toList();
        }
        return fallback;
    }
}
