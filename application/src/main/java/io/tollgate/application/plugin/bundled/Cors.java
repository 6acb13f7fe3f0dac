package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code cors} (priority 2000, kong-internals §9.3). A preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) is answered by the gateway with 200 and an empty body carrying
 * {@code Access-Control-Allow-Origin} (see {@link CorsOrigins}), {@code -Allow-Credentials}, {@code -Allow-Headers}
 * ({@code headers}, else the request's {@code Access-Control-Request-Headers}), {@code -Allow-Methods}
 * ({@code methods}, default all nine), {@code -Max-Age} and, with {@code private_network} and
 * {@code Access-Control-Request-Private-Network: true}, {@code -Allow-Private-Network}; with
 * {@code preflight_continue} it goes upstream untouched. Every other response (upstream, gateway error or another
 * plugin's) gets {@code Access-Control-Allow-Origin}, {@code -Allow-Credentials} and {@code -Expose-Headers} in
 * {@code header_filter}, unless the request has no (or an empty) {@code Origin} and {@code allow_origin_absent} is off.
 * {@code Vary: Origin} accompanies every origin-dependent answer, on a line of its own after an upstream's
 * {@code Vary} (Kong's {@code add_header}).
 */
public final class Cors implements TollgatePlugin, PluginHandler {

    /** Kong's default {@code methods}, in Kong's order. */
    static final List<String> METHODS =
            List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private static final String PREFLIGHT_ANSWERED = "io.tollgate.cors.preflight";

    static final PluginDefinition DEFINITION = new PluginDefinition(
            "cors",
            2000,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    array("origins", string("origins").rule(asteriskOrRegex())),
                    array("headers", string("headers")),
                    array("exposed_headers", string("exposed_headers")),
                    array("methods", string("methods").rule(Rules.oneOf(METHODS.toArray())))
                            .defaultValue(METHODS),
                    number("max_age"),
                    bool("credentials").required().defaultValue(false),
                    bool("private_network").required().defaultValue(false),
                    bool("preflight_continue").required().defaultValue(false),
                    bool("allow_origin_absent").required().defaultValue(true)),
            true);

    private final PerConfig<CorsOrigins> origins = new PerConfig<>(4096, c -> CorsOrigins.of(list(c, "origins")));

    /** Kong's origins validator: {@code *} or a valid regex, else {@code '<value>' is not a valid regex}. */
    static Rule asteriskOrRegex() {
        return v -> {
            if (v.equals("*")) {
                return Optional.empty();
            }
            try {
                Pattern.compile((String) v);
                return Optional.empty();
            } catch (PatternSyntaxException e) {
                return Optional.of("'" + v + "' is not a valid regex");
            }
        };
    }

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return this;
    }

    /** Answers a preflight (unless {@code preflight_continue}); anything else goes on. */
    @Override
    public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
        String origin = context.header("Origin");
        if (!context.method().equals("OPTIONS")
                || origin == null
                || context.header("Access-Control-Request-Method") == null) {
            return DONE;
        }
        context.shared().put(PREFLIGHT_ANSWERED, Boolean.TRUE); // no header_filter headers: upstream's or ours
        if (config.bool("preflight_continue", false)) {
            return DONE;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Headers sink = new Headers() {
            @Override
            public void set(String name, String value) {
                headers.put(name, value);
            }

            @Override
            public void clear(String name) {
                headers.remove(name);
            }

            @Override
            public void varyOrigin() {
                headers.put("Vary", "Origin");
            }
        };
        boolean allowAll = configureOrigin(config, sink, origin);
        configureCredentials(config, sink, allowAll, origin);
        List<String> allowed = list(config, "headers");
        if (!allowed.isEmpty()) {
            headers.put("Access-Control-Allow-Headers", String.join(",", allowed));
        } else {
            String requested = context.header("Access-Control-Request-Headers");
            if (requested != null) {
                headers.put("Access-Control-Allow-Headers", requested);
            }
        }
        Object methods = config.values().get("methods");
        headers.put(
                "Access-Control-Allow-Methods",
                String.join(",", methods instanceof List<?> ? list(config, "methods") : METHODS));
        if (config.values().get("max_age") instanceof Number maxAge) {
            headers.put("Access-Control-Max-Age", luaNumber(maxAge.doubleValue()));
        }
        if (config.bool("private_network", false)
                && "true".equals(context.header("Access-Control-Request-Private-Network"))) {
            headers.put("Access-Control-Allow-Private-Network", "true");
        }
        context.exit(200, "", headers);
        return DONE;
    }

    /** Adds the CORS headers to every response but an answered (or continued) preflight. */
    @Override
    public void headerFilter(PluginContext context, PluginConfig config) {
        if (context.shared().containsKey(PREFLIGHT_ANSWERED)) {
            return;
        }
        String origin = context.header("Origin");
        if ((origin == null || origin.isEmpty()) && !config.bool("allow_origin_absent", true)) { // "" is absent too
            return;
        }
        Headers sink = new Headers() {
            @Override
            public void set(String name, String value) {
                context.setResponseHeader(name, value);
            }

            @Override
            public void clear(String name) {
                context.removeResponseHeader(name);
            }

            @Override
            public void varyOrigin() {
                context.addResponseHeader("Vary", "Origin"); // a line of its own after the upstream's, as Kong's
            }
        };
        boolean allowAll = configureOrigin(config, sink, origin);
        configureCredentials(config, sink, allowAll, origin);
        List<String> exposed = list(config, "exposed_headers");
        if (!exposed.isEmpty()) {
            context.setResponseHeader("Access-Control-Expose-Headers", String.join(",", exposed));
        }
    }

    /** Where the CORS headers go: the preflight answer or the response head. */
    private interface Headers {
        void set(String name, String value);

        void clear(String name);

        void varyOrigin();
    }

    /** Kong's {@code configure_origin}; returns whether every origin is allowed ({@code *}). */
    private boolean configureOrigin(PluginConfig config, Headers headers, @Nullable String origin) {
        CorsOrigins compiled = origins.get(config);
        if (!compiled.allowsAll()) {
            headers.varyOrigin();
        }
        return switch (compiled.match(origin)) {
            case CorsOrigins.AllowAll all -> {
                headers.set("Access-Control-Allow-Origin", "*");
                yield true;
            }
            case CorsOrigins.Allow allow -> {
                headers.set("Access-Control-Allow-Origin", allow.origin());
                yield false;
            }
            case CorsOrigins.Refuse refuse -> {
                headers.clear("Access-Control-Allow-Origin");
                yield false;
            }
        };
    }

    /** Kong's {@code configure_credentials}: with {@code *}, the request's origin replaces it. */
    private static void configureCredentials(
            PluginConfig config, Headers headers, boolean allowAll, @Nullable String origin) {
        if (!config.bool("credentials", false)) {
            return;
        }
        if (!allowAll) {
            headers.set("Access-Control-Allow-Credentials", "true");
        } else if (origin != null) {
            headers.varyOrigin();
            headers.set("Access-Control-Allow-Origin", origin);
            headers.set("Access-Control-Allow-Credentials", "true");
        }
    }

    /** The field's strings; empty when unset or empty. */
    private static List<String> list(PluginConfig config, String field) {
        return config.strings(field, List.of());
    }

    /** A number as Lua's {@code tostring} writes it: {@code 23}, {@code 1.5}. */
    static String luaNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format("%.14g", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
