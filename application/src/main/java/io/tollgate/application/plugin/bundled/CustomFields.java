package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code custom_fields_by_lua} of the log plugins (http-log, file-log, tcp-log, udp-log, syslog): each entry
 * names a field of the log serializer object, by a dotted path ({@code consumer.id}), and the Lua code whose result
 * is set there, as Kong's {@code kong.log.set_serialize_value} sets it: missing records on the path are created, and
 * {@code nil} removes the field. Tollgate has no Lua runtime: code that is {@code return} of a constant
 * ({@link LuaConstant}: {@code return 123}, {@code return 'prod'}, {@code return nil}) or of a PDK getter
 * ({@link LuaGetter}: {@code return kong.request.get_header('h1')}) is applied; any other code is skipped, with one
 * warning per plugin configuration. As in Kong, the values stay set for the plugins that log after this one in the
 * same request.
 */
final class CustomFields {

    private static final System.Logger LOG = System.getLogger(CustomFields.class.getName());
    private static final String FIELD = "custom_fields_by_lua";
    private static final PerConfig<List<Field>> COMPILED = new PerConfig<>(1024, CustomFields::compile);

    /** One field to set: its path and how to read its value from the request ({@code null} to remove it). */
    private record Field(String[] path, Function<PluginContext, @Nullable Object> value) {}

    private CustomFields() {}

    /** {@code context}'s log serializer object with {@code config}'s custom fields applied (the same map). */
    static Map<String, Object> logEntry(PluginContext context, PluginConfig config) {
        Map<String, Object> entry = context.logSerializer();
        if (config.values().get(FIELD) != null) {
            for (Field field : COMPILED.get(config)) {
                set(entry, field.path(), field.value().apply(context));
            }
        }
        return entry;
    }

    private static List<Field> compile(PluginConfig config) {
        List<Field> fields = new ArrayList<>();
        if (!(config.values().get(FIELD) instanceof Map<?, ?> entries)) {
            return fields;
        }
        List<String> skipped = new ArrayList<>();
        entries.forEach((name, code) -> {
            Optional<Function<PluginContext, @Nullable Object>> value = LuaConstant.of(String.valueOf(code))
                    .map(CustomFields::always)
                    .or(() -> LuaGetter.of(String.valueOf(code)));
            value.ifPresentOrElse(
                    read -> fields.add(new Field(String.valueOf(name).split("\\.", -1), read)),
                    () -> skipped.add(String.valueOf(name)));
        });
        if (!skipped.isEmpty()) {
            LOG.log(
                    Level.WARNING,
                    "custom_fields_by_lua: {0} not set: Tollgate runs no Lua, only code that returns a constant or a"
                            + " PDK getter",
                    skipped);
        }
        return List.copyOf(fields);
    }

    private static Function<PluginContext, @Nullable Object> always(LuaConstant.Value constant) {
        return context -> constant.value();
    }

    /** Kong's {@code set_serialize_value} in mode {@code set}; a path through a non-record value is left alone. */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> root, String[] path, @Nullable Object value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = node.get(path[i]);
            if (child != null && !(child instanceof Map<?, ?>)) {
                return;
            }
            Map<String, Object> copy =
                    child == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) child);
            node.put(path[i], copy); // a copy: the serializer's records may be shared or immutable
            node = copy;
        }
        if (value == null) {
            node.remove(path[path.length - 1]);
        } else {
            node.put(path[path.length - 1], value);
        }
    }
}
