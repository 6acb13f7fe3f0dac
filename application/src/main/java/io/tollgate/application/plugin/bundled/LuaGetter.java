package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Lua code that is {@code return} of one Kong PDK getter, the other part of {@code custom_fields_by_lua} Tollgate
 * evaluates without a Lua runtime (Kong's documented example is {@code return kong.request.get_header('h1')}). The
 * getters, each read in the log phase as Kong's: {@code kong.request.get_header('name')} (the first value, {@code nil}
 * when absent; {@code _} read as {@code -}, as nginx's header table does), {@code kong.request.get_method()},
 * {@code kong.request.get_path()} (raw, not normalised), {@code kong.request.get_host()},
 * {@code kong.request.get_scheme()}, {@code kong.client.get_forwarded_ip()}, {@code kong.response.get_status()}
 * and {@code kong.response.get_header('name')}. A name is a quoted string without escapes.
 */
final class LuaGetter {

    private static final Pattern CALL = Pattern.compile(
            "return\\s+kong\\.(request|client|response)\\.(get_[a-z_]+)\\(\\s*(?:'([^'\\\\]*)'|\"([^\"\\\\]*)\")?\\s*\\)"
                    + "\\s*;?");

    private LuaGetter() {}

    /** What {@code code} reads from a request in the log phase, or empty when it is not one of the getters. */
    static Optional<Function<PluginContext, @Nullable Object>> of(String code) {
        Matcher call = CALL.matcher(code.strip());
        if (!call.matches()) {
            return Optional.empty();
        }
        String name = call.group(3) != null ? call.group(3) : call.group(4);
        Function<PluginContext, @Nullable Object> getter = name == null
                ? withoutName(call.group(1) + "." + call.group(2))
                : withName(call.group(1) + "." + call.group(2), name.replace('_', '-'));
        return Optional.ofNullable(getter);
    }

    private static @Nullable Function<PluginContext, @Nullable Object> withoutName(String function) {
        return switch (function) {
            case "request.get_method" -> PluginContext::method;
            case "request.get_path" -> PluginContext::path;
            case "request.get_host" -> PluginContext::host;
            case "request.get_scheme" -> PluginContext::scheme;
            case "client.get_forwarded_ip" -> PluginContext::clientIp;
            case "response.get_status" -> context -> (long) context.responseStatus();
            default -> null;
        };
    }

    private static @Nullable Function<PluginContext, @Nullable Object> withName(String function, String name) {
        return switch (function) {
            case "request.get_header" -> context -> context.header(name);
            case "response.get_header" -> context -> first(context.responseHeaderValues(name));
            default -> null;
        };
    }

    private static @Nullable String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
