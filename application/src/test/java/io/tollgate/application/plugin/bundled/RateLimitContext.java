package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A request as rate-limiting reads it (client IP, path, headers, route, service, consumer, credential), recording
 * what the plugin answers: the exit (status, message, headers) or the response headers it adds.
 */
final class RateLimitContext {

    String clientIp = "127.0.0.1";
    String path = "/";
    final Map<String, String> headers = new HashMap<>();

    @Nullable
    Route route;

    @Nullable
    Service service;

    @Nullable
    Consumer consumer;

    @Nullable
    UUID credential;

    int exitStatus;

    @Nullable
    String exitMessage;

    final Map<String, String> responseHeaders = new LinkedHashMap<>();

    /** Headers set on the request to the upstream. */
    final Map<String, String> upstreamHeaders = new LinkedHashMap<>();

    /** The upstream's response headers (lower-case names) as the {@code response} phase sees them. */
    final Map<String, List<String>> upstreamResponse = new HashMap<>();

    final Map<String, Object> shared = new HashMap<>();

    int responseStatus;

    byte @Nullable [] responseBody;

    /** The context; its answers are recorded in this object. */
    PluginContext context() {
        return (PluginContext) Proxy.newProxyInstance(
                PluginContext.class.getClassLoader(),
                new Class<?>[] {PluginContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "clientIp" -> clientIp;
                    case "path" -> path;
                    case "header" -> headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                    case "route" -> route;
                    case "service" -> service;
                    case "consumer" -> consumer;
                    case "credential" -> credential;
                    case "exited" -> exitStatus != 0;
                    case "exitWithMessage" -> {
                        exitStatus = (Integer) args[0];
                        exitMessage = (String) args[1];
                        @SuppressWarnings("unchecked")
                        Map<String, String> exitHeaders = (Map<String, String>) args[2];
                        responseHeaders.putAll(exitHeaders);
                        yield null;
                    }
                    case "addResponseHeader" -> {
                        responseHeaders.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "setHeader" -> {
                        upstreamHeaders.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "shared" -> shared;
                    case "responseHeaderValues" ->
                        upstreamResponse.getOrDefault(((String) args[0]).toLowerCase(java.util.Locale.ROOT), List.of());
                    case "setResponseHeader" -> {
                        responseHeaders.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "removeResponseHeader" -> {
                        upstreamResponse.remove(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                        yield null;
                    }
                    case "setResponseStatus" -> {
                        responseStatus = (Integer) args[0];
                        yield null;
                    }
                    case "setResponseBody" -> {
                        responseBody = (byte[]) args[0];
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RateLimitContext";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Forgets the previous answer (for the next request with the same identity). */
    RateLimitContext reset() {
        exitStatus = 0;
        exitMessage = null;
        responseHeaders.clear();
        upstreamHeaders.clear();
        upstreamResponse.clear();
        shared.clear();
        responseStatus = 0;
        responseBody = null;
        return this;
    }
}
