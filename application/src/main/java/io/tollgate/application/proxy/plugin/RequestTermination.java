package io.tollgate.application.proxy.plugin;

import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Kong's {@code request-termination} (kong-internals §9.3): ends the request with {@code status_code} and either
 * the raw {@code body} (with {@code content_type}) or {@code {"message": message or the status's default}};
 * with {@code trigger}, only when the request carries that header or query arg; with {@code echo}, a JSON
 * description of the request and the matched route and service.
 */
final class RequestTermination implements AccessPlugin {

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
    public CompletionStage<Optional<Respond>> access(PluginContext context, PluginConfig config) {
        ProxyExchange exchange = context.exchange;
        String trigger = config.string("trigger");
        if (trigger != null
                && exchange.header(trigger) == null
                && exchange.queryValues(trigger).isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        int status = config.integer("status_code", 503);
        String message = config.string("message");
        if (message == null) {
            message = DEFAULT_MESSAGES.get(status);
        }
        Respond response;
        if (config.bool("echo", false)) {
            response = new Respond(status, Map.of("Content-Type", Respond.JSON), echo(context, message));
        } else if (config.string("body") != null) {
            response = new Respond(
                    status,
                    Map.of("Content-Type", config.string("content_type", "text/plain; charset=utf-8")),
                    config.string("body", ""));
        } else if (message != null) {
            response = Respond.message(status, message);
        } else {
            response = new Respond(status, Map.of("Content-Type", Respond.JSON), "{}");
        }
        return CompletableFuture.completedFuture(Optional.of(response));
    }

    private static String echo(PluginContext context, String message) {
        ProxyExchange exchange = context.exchange;
        StringBuilder json = new StringBuilder("{");
        if (message != null) {
            json.append("\"message\":").append(Respond.jsonString(message)).append(',');
        }
        String query = exchange.rawQuery();
        json.append("\"request\":{")
                .append("\"scheme\":")
                .append(Respond.jsonString(exchange.scheme()))
                .append(",\"host\":")
                .append(Respond.jsonString(exchange.host()))
                .append(",\"port\":")
                .append(exchange.port())
                .append(",\"method\":")
                .append(Respond.jsonString(exchange.method()))
                .append(",\"path\":")
                .append(Respond.jsonString(exchange.path()))
                .append(",\"raw_query\":")
                .append(query == null ? "null" : Respond.jsonString(query))
                .append("},\"matched_route\":{\"id\":")
                .append(Respond.jsonString(context.match.route().id().value().toString()))
                .append('}');
        if (context.match.service() != null) {
            json.append(",\"matched_service\":{\"id\":")
                    .append(Respond.jsonString(
                            context.match.service().id().value().toString()))
                    .append('}');
        }
        return json.append('}').toString();
    }
}
