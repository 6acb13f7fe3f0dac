package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.Json;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.net.QueryArgs;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.Services;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * request-termination's {@code echo} body, as Kong's handler builds it: {@code message} (when there is one),
 * {@code kong{worker_pid}}, {@code request{scheme, host, port, method, path, headers, query, raw_body}} and
 * the matched route and service as whole entities ({@code matched_route}, {@code matched_service}, as the Admin API
 * shows them; read through the node cache). Headers and query args with one value are strings, with several an
 * array; a query arg without {@code =} is {@code true} (Kong's {@code get_headers}, {@link QueryArgs}).
 *
 * <p>Not yet: Kong's {@code kong.node_id} and {@code kong.hostname} (the SPI exposes neither), and the request body: only a request
 * without one gets {@code raw_body: ""}; a request with a body gets neither {@code raw_body} nor {@code body} until
 * the plugin SPI can read bodies.
 */
final class RequestEcho {

    private RequestEcho() {}

    /** The echo body, once the route and service entities are read. */
    static CompletionStage<String> body(PluginEnvironment entities, PluginContext context, @Nullable String message) {
        Route route = context.route();
        Service service = context.service();
        CompletionStage<Optional<Entity>> routeEntity = route == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : entities.find(Routes.SCHEMA, route.id().value());
        CompletionStage<Optional<Entity>> serviceEntity = service == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : entities.find(Services.SCHEMA, service.id().value());
        return routeEntity.thenCombine(serviceEntity, (r, s) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            if (message != null) {
                body.put("message", message);
            }
            Map<String, Object> kong = new LinkedHashMap<>();
            kong.put("worker_pid", ProcessHandle.current().pid());
            body.put("kong", kong);
            body.put("request", request(context));
            r.ifPresent(entity -> body.put("matched_route", entity.fields()));
            s.ifPresent(entity -> body.put("matched_service", entity.fields()));
            return Json.write(body);
        });
    }

    private static Map<String, Object> request(PluginContext context) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("scheme", context.scheme());
        request.put("host", context.host());
        request.put("port", context.port());
        Map<String, Object> headers = new LinkedHashMap<>();
        context.headers().forEach((name, values) -> headers.put(name, values.size() == 1 ? values.get(0) : values));
        request.put("headers", headers);
        request.put("query", QueryArgs.parse(context.rawQuery()));
        String length = context.header("Content-Length");
        if (context.header("Transfer-Encoding") == null
                && (length == null || length.trim().equals("0"))) {
            request.put("raw_body", "");
        }
        request.put("method", context.method());
        request.put("path", context.path());
        return request;
    }
}
