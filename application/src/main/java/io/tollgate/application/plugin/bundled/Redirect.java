package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.net.LuaUrl;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Kong's {@code redirect} (priority 779): answers every request with {@code status_code} (301), the body
 * {@code redirecting} and {@code Location: location}; with {@code keep_incoming_path}, the location with the
 * request's own path and query ({@code https://example.com/x?a=1} for {@code GET /status/200?keep=this} gives
 * {@code https://example.com/status/200?keep=this}), serialised as a WHATWG URL as Kong does ({@link RedirectLocation}).
 */
public final class Redirect implements TollgatePlugin, PluginHandler {

    /** Kong's schema: {@code status_code} (100-599), {@code location} (a URL, required), {@code keep_incoming_path}. */
    static final PluginDefinition DEFINITION = new PluginDefinition(
            "redirect",
            779,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    integer("status_code").required().defaultValue(301L).rule(Rules.between(100, 599)),
                    string("location").required().rule(url()),
                    bool("keep_incoming_path").defaultValue(false)),
            false);

    /** Kong's {@code typedefs.url}: a URL with a host and a scheme. */
    static Rule url() {
        return v -> {
            LuaUrl url = LuaUrl.parse((String) v);
            if (url.host() == null) {
                return Optional.of("missing host in url");
            }
            if (url.scheme() == null) {
                return Optional.of("missing scheme in url");
            }
            return Optional.empty();
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

    /** Ends the request with the redirect. */
    @Override
    public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
        String location = config.string("location", "");
        if (config.bool("keep_incoming_path", false)) {
            location = RedirectLocation.keepIncomingPath(location, context.path(), context.rawQuery());
        }
        context.exit(config.integer("status_code", 301), "redirecting", Map.of("Location", location));
        return DONE;
    }
}
