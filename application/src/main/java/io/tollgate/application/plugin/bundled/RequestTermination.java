package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.Json;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code request-termination} (kong-internals §9.3): ends the request with {@code status_code} and either
 * the raw {@code body} (with {@code content_type}) or {@code {"message": message or the status's default}};
 * with {@code trigger}, only when the request carries that header or query arg; with {@code echo}, a JSON
 * description of the request and the matched route and service.
 */
public final class RequestTermination implements TollgatePlugin, PluginHandler {

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
        return this;
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
            context.exit(status, echo(context, message), Map.of("Content-Type", JSON));
        } else if (config.string("body") != null) {
            context.exit(
                    status,
                    config.string("body", ""),
                    Map.of("Content-Type", config.string("content_type", "text/plain; charset=utf-8")));
        } else if (message != null) {
            context.exitWithMessage(status, message, Map.of());
        } else {
            context.exit(status, "{}", Map.of("Content-Type", JSON));
        }
        return DONE;
    }

    private static String echo(PluginContext context, @Nullable String message) {
        StringBuilder json = new StringBuilder("{");
        if (message != null) {
            json.append("\"message\":").append(Json.quote(message)).append(',');
        }
        String query = context.rawQuery();
        json.append("\"request\":{")
                .append("\"scheme\":")
                .append(Json.quote(context.scheme()))
                .append(",\"host\":")
                .append(Json.quote(context.host()))
                .append(",\"port\":")
                .append(context.port())
                .append(",\"method\":")
                .append(Json.quote(context.method()))
                .append(",\"path\":")
                .append(Json.quote(context.path()))
                .append(",\"raw_query\":")
                .append(query == null ? "null" : Json.quote(query))
                .append('}');
        Route route = context.route();
        if (route != null) {
            json.append(",\"matched_route\":{\"id\":")
                    .append(Json.quote(route.id().value().toString()))
                    .append('}');
        }
        Service service = context.service();
        if (service != null) {
            json.append(",\"matched_service\":{\"id\":")
                    .append(Json.quote(service.id().value().toString()))
                    .append('}');
        }
        return json.append('}').toString();
    }
}
