package io.tollgate.application.plugin.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A plugin instance's {@code config}, validated by the plugin's schema (defaults filled in), with typed reads.
 * Integers are {@link Long}s, numbers {@link Double}s, arrays {@link List}s and records {@link Map}s, as the schema
 * language stores them. Immutable.
 *
 * <p>Like Kong's {@code conf.route_id}, {@code conf.service_id} and {@code conf.consumer_id}, it also says what the
 * instance is scoped to (not what the request matched: a service's instance serves all of its routes), e.g. for
 * counters shared by every request an instance serves.
 *
 * @param values the config fields by name
 * @param routeId the route the instance is scoped to, or {@code null}
 * @param serviceId the service the instance is scoped to, or {@code null}
 * @param consumerId the consumer the instance is scoped to, or {@code null}
 * @param instanceId the plugin instance's own id (Kong's {@code conf.__plugin_id}), or {@code null} when unknown
 */
public record PluginConfig(
        Map<String, @Nullable Object> values,
        @Nullable UUID routeId,
        @Nullable UUID serviceId,
        @Nullable UUID consumerId,
        @Nullable UUID instanceId) {

    public PluginConfig {
        Objects.requireNonNull(values, "values");
    }

    /** A config with its scope, of an instance whose id is not known. */
    public PluginConfig(
            Map<String, @Nullable Object> values,
            @Nullable UUID routeId,
            @Nullable UUID serviceId,
            @Nullable UUID consumerId) {
        this(values, routeId, serviceId, consumerId, null);
    }

    /** A config of a global instance (scoped to nothing). */
    public PluginConfig(Map<String, @Nullable Object> values) {
        this(values, null, null, null, null);
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
