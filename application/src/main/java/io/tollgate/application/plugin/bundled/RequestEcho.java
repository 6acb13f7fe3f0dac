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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * request-termination's {@code echo} body, as Kong's handler builds it: {@code message} (when there is one),
 * {@code kong{worker_pid}}, {@code request{scheme, host, port, method, path, headers, query, body, raw_body}} and
 * the matched route and service as whole entities ({@code matched_route}, {@code matched_service}, as the Admin API
 * shows them; read through the node cache). Headers and query args with one value are strings, with several an
 * array; a query arg without {@code =} is {@code true} (Kong's {@code get_headers}, {@link QueryArgs}).
 *
 * <p>The body is read ({@link PluginContext#requestBody()}): {@code raw_body} is its text ({@code ""} for none) and
 * {@code body} its JSON, form or {@code multipart/form-data} content (Kong's {@code get_body}; a multipart field is
 * its part's text, a repeated one an array); a body past the node's buffering bound gets neither, as Kong's body in a
 * file. {@code kong.node_id} and {@code kong.hostname} are the node's ({@link PluginEnvironment#nodeId()},
 * {@link PluginEnvironment#hostname()}), left out where the environment has none.
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
        CompletionStage<Optional<byte[]>> requestBody = context.requestBody();
        return routeEntity.thenCombine(serviceEntity, Entities::new).thenCombine(requestBody, (found, raw) -> {
            Optional<Entity> r = found.route();
            Optional<Entity> s = found.service();
            Map<String, Object> body = new LinkedHashMap<>();
            if (message != null) {
                body.put("message", message);
            }
            Map<String, Object> kong = new LinkedHashMap<>();
            if (entities.nodeId() != null) {
                kong.put("node_id", String.valueOf(entities.nodeId()));
            }
            if (entities.hostname() != null) {
                kong.put("hostname", entities.hostname());
            }
            kong.put("worker_pid", ProcessHandle.current().pid());
            body.put("kong", kong);
            body.put("request", request(context, raw.orElse(null), entities));
            r.ifPresent(entity -> body.put("matched_route", entity.fields()));
            s.ifPresent(entity -> body.put("matched_service", entity.fields()));
            return Json.write(body);
        });
    }

    /**
     * Kong's {@code kong.request.get_body()}: a JSON body ({@code application/json}), a form
     * ({@code application/x-www-form-urlencoded}) or a multipart form ({@code multipart/form-data}) as a table;
     * {@code null} for other types or a body that does not parse (Kong then leaves {@code body} out).
     */
    private static @Nullable Object parsedBody(
            @Nullable String contentType, byte[] raw, String text, PluginEnvironment environment) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            try {
                return environment.json().read(raw);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return QueryArgs.parse(text);
        }
        if (type.startsWith("multipart/form-data")) {
            MultipartForm form = MultipartForm.parse(raw, contentType);
            return form == null ? Map.of() : fields(form); // Kong's lenient parser: no boundary, no fields
        }
        return null;
    }

    /** Kong's {@code get_all_with_arrays}: each name's text, an array when the name repeats. */
    private static Map<String, Object> fields(MultipartForm form) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (MultipartForm.Part part : form.parts()) {
            List<String> values = form.values(part.name());
            fields.putIfAbsent(part.name(), values.size() == 1 ? values.get(0) : values);
        }
        return fields;
    }

    private record Entities(Optional<Entity> route, Optional<Entity> service) {}

    private static Map<String, Object> request(
            PluginContext context, byte @Nullable [] raw, PluginEnvironment environment) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("scheme", context.scheme());
        request.put("host", context.host());
        request.put("port", context.port());
        Map<String, Object> headers = new LinkedHashMap<>();
        context.headers().forEach((name, values) -> headers.put(name, values.size() == 1 ? values.get(0) : values));
        request.put("headers", headers);
        request.put("query", QueryArgs.parse(context.rawQuery()));
        if (raw != null) {
            String text = new String(raw, StandardCharsets.UTF_8);
            Object parsed = parsedBody(context.header("Content-Type"), raw, text, environment);
            if (parsed != null) {
                request.put("body", parsed);
            }
            request.put("raw_body", text);
        }
        request.put("method", context.method());
        request.put("path", context.path());
        return request;
    }
}
