package io.tollgate.application.plugin.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A plugin instance's {@code config}, validated by the plugin's schema (defaults filled in), with typed reads.
 * Integers are {@link Long}s, numbers {@link Double}s, arrays {@link List}s and records {@link Map}s, as the schema
 * language stores them. Immutable.
 *
 * @param values the config fields by name
 */
public record PluginConfig(Map<String, @Nullable Object> values) {

    public PluginConfig {
        Objects.requireNonNull(values, "values");
    }

    /** The field's value when it is a string, else {@code null}. */
    public @Nullable String string(String key) {
        return values.get(key) instanceof String s ? s : null;
    }

    /** The field's value when it is a string, else {@code fallback}. */
    public String string(String key, String fallback) {
        String value = string(key);
        return value == null ? fallback : value;
    }

    /** The field's value when it is a boolean, else {@code fallback}. */
    public boolean bool(String key, boolean fallback) {
        return values.get(key) instanceof Boolean b ? b : fallback;
    }

    /** The field's value when it is a number (truncated to an int), else {@code fallback}. */
    public int integer(String key, int fallback) {
        return values.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    /** The field's value when it is a number (integer or not), else {@code fallback}. */
    public double number(String key, double fallback) {
        return values.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    /** The field's values as strings when it is a non-empty array, else {@code fallback}. */
    public List<String> strings(String key, List<String> fallback) {
        if (values.get(key) instanceof List<?> list && !list.isEmpty()) {
            return list.stream().map(String::valueOf).toList();
        }
        return fallback;
    }
}
