package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.ManageProxyCache;
import io.tollgate.application.port.in.ProxyCacheEntry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kong's proxy-cache Admin endpoints: {@code DELETE /proxy-cache} (204), {@code GET|DELETE /proxy-cache/{cache_key}}
 * (200 with the entry, 204, or 404), {@code GET|DELETE /proxy-cache/{plugin_id}/caches/{cache_key}} (the same for one
 * plugin instance; 404 also when there is no such proxy-cache instance) and Tollgate's
 * {@code DELETE /proxy-cache/{plugin_id}} (every entry of the instance; 204 or 404). An entry is shown as Kong stores
 * it: {@code status}, {@code headers} (a string per header, or a list for several values), {@code body} (UTF-8 text),
 * {@code body_len}, {@code timestamp} (epoch seconds), {@code ttl} (seconds) and {@code version}.
 */
final class ProxyCacheEndpoints {

    static final List<AdminRoute> ROUTES = List.of(
            AdminRoute.other("/proxy-cache/{cache_key}", Set.of("GET", "DELETE")),
            AdminRoute.other("/proxy-cache/{plugin_id}/caches/{cache_key}", Set.of("GET", "DELETE")));

    private final ManageProxyCache cache;

    ProxyCacheEndpoints(ManageProxyCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** {@code /proxy-cache}. */
    Endpoint all() {
        return new Endpoint(Set.of("DELETE"), (method, exchange) -> {
            cache.purgeAll();
            Responses.empty(exchange, 204);
        });
    }

    /** {@code /proxy-cache/<rest>}: {@code <cache_key>}, {@code <plugin_id>} or {@code <plugin_id>/caches/<cache_key>}. */
    @Nullable
    Endpoint path(String rest) {
        String[] segments = rest.split("/", -1);
        if (segments.length == 1) {
            String key = segments[0];
            return new Endpoint(Set.of("GET", "DELETE"), (method, exchange) -> {
                if (method.equals("GET")) {
                    Responses.json(exchange, 200, entry(cache.find(key)));
                } else if (cache.purge(key) || purgeInstance(key)) {
                    Responses.empty(exchange, 204);
                } else {
                    throw ClientError.notFound();
                }
            });
        }
        if (segments.length != 3 || !segments[1].equals("caches") || segments[2].isEmpty()) {
            return null;
        }
        UUID pluginId = uuid(segments[0]);
        String key = segments[2];
        return new Endpoint(Set.of("GET", "DELETE"), (method, exchange) -> {
            if (pluginId == null) {
                throw ClientError.notFound();
            }
            if (method.equals("GET")) {
                Responses.json(exchange, 200, entry(cache.find(pluginId, key)));
            } else if (cache.purge(pluginId, key)) {
                Responses.empty(exchange, 204);
            } else {
                throw ClientError.notFound();
            }
        });
    }

    private boolean purgeInstance(String segment) {
        UUID pluginId = uuid(segment);
        return pluginId != null && cache.purgeInstance(pluginId);
    }

    private static Map<String, Object> entry(Optional<ProxyCacheEntry> found) {
        ProxyCacheEntry response = found.orElseThrow(ClientError::notFound);
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            List<String> values = header.getValue();
            headers.put(header.getKey(), values.size() == 1 ? values.getFirst() : values);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", response.status());
        body.put("headers", headers);
        body.put("body", new String(response.body(), StandardCharsets.UTF_8));
        body.put("body_len", response.body().length);
        body.put("timestamp", response.timestamp());
        body.put("ttl", response.ttl());
        body.put("version", response.version());
        return body;
    }

    private static @Nullable UUID uuid(String value) {
        try {
            return value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
