package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Kong's {@code request-termination} (kong-internals §9.3): ends the request with {@code status_code} and either
 * the raw {@code body} (with {@code content_type}) or {@code {"message": message or the status's default}};
 * with {@code trigger}, only when the request carries that header or query arg; with {@code echo}, Kong's JSON
 * description of the request and the matched route and service ({@link RequestEcho}).
 */
public final class RequestTermination implements TollgatePlugin {

    private static final String JSON = "application/json; charset=utf-8";

    private static final Map<Integer, String> DEFAULT_MESSAGES = Map.of(
            401,
            "Unauthorized",
            404,
            "Not found",
            405,
            "Method not allowed",
            500,
            "An unexpected error occurred",
            502,
            "Bad Gateway",
            503,
            "Service unavailable");

    @Override
    public PluginDefinition definition() {
        return PluginCatalog.REQUEST_TERMINATION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(environment);
    }

    private static final class Handler implements PluginHandler {

        private final PluginEnvironment entities;

        Handler(PluginEnvironment entities) {
            this.entities = entities;
        }

        /** Ends the request (when triggered) with the configured status and body, message or echo. */
        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            String trigger = config.string("trigger");
            if (trigger != null
                    && context.header(trigger) == null
                    && context.queryValues(trigger).isEmpty()) {
                return DONE;
            }
            int status = config.integer("status_code", 503);
            String message = config.string("message");
            if (message == null) {
                message = DEFAULT_MESSAGES.get(status);
            }
            if (config.bool("echo", false)) {
                return RequestEcho.body(entities, context, message)
                        .thenAccept(body -> context.exit(status, body, Map.of("Content-Type", JSON)));
            }
            if (config.string("body") != null) {
                context.exit(
                        status,
                        config.string("body", ""),
                        Map.of("Content-Type", config.string("content_type", "text/plain; charset=utf-8")));
            } else if (message != null) {
                context.exitWithMessage(status, message, Map.of());
            } else {
                context.exit(status, "", Map.of()); // no message for this status: Kong sends no body
            }
            return DONE;
        }
    }
}
