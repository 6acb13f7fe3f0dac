package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.CachedResponse;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.ResponseCache;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.route.Route;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One exchange through the proxy-cache handler as the node drives it: {@code access}; unless the plugin answered, the
 * upstream (counted) with its status, headers and body in chunks, {@code header_filter} and {@code body_filter} per
 * chunk. Records what the client got.
 */
final class CacheExchange {

    String method = "GET";
    String path = "/";

    @Nullable
    String query;

    final Map<String, List<String>> headers = new LinkedHashMap<>();

    @Nullable
    Route route;

    @Nullable
    Consumer consumer;

    // what the client got
    int status;
    final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
    String body = "";
    boolean fromUpstream;

    private final Map<String, Object> shared = new HashMap<>();
    private byte @Nullable [] exitBody;
    private int exitStatus;
    private Map<String, List<String>> exitHeaders = Map.of();
    private boolean inHead;

    CacheExchange header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .add(value);
        return this;
    }

    /** What the upstream answers. */
    record Upstream(int status, Map<String, List<String>> headers, List<String> chunks) {
        static Upstream ok(String contentType, String... chunks) {
            return new Upstream(200, Map.of("Content-Type", List.of(contentType)), List.of(chunks));
        }
    }

    /** Runs the exchange; {@code calls} counts the upstream's answers. */
    CacheExchange run(PluginHandler handler, PluginConfig config, Upstream upstream, int[] calls) {
        PluginContext context = context();
        handler.access(context, config).toCompletableFuture().join();
        StringBuilder sent = new StringBuilder();
        if (exitBody != null) {
            status = exitStatus;
            responseHeaders.putAll(exitHeaders);
            inHead = true;
            handler.headerFilter(context, config);
            inHead = false;
            sent.append(new String(exitBody, StandardCharsets.UTF_8));
        } else {
            calls[0]++;
            fromUpstream = true;
            status = upstream.status();
            upstream.headers().forEach((name, values) -> responseHeaders.put(name, List.copyOf(values)));
            inHead = true;
            handler.headerFilter(context, config);
            inHead = false;
            List<String> chunks = upstream.chunks();
            for (int i = 0; i < chunks.size(); i++) {
                ByteBuffer chunk = ByteBuffer.wrap(chunks.get(i).getBytes(StandardCharsets.UTF_8));
                ByteBuffer out = handler.bodyFilter(context, config, chunk, i == chunks.size() - 1);
                sent.append(StandardCharsets.UTF_8.decode(out));
            }
        }
        body = sent.toString();
        return this;
    }

    /** The first value of a response header (case-insensitive), or {@code null}. */
    @Nullable
    String responseHeader(String name) {
        for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().getFirst();
            }
        }
        return null;
    }

    private List<String> requestHeader(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    private void setResponse(String name, @Nullable String value) {
        if (!inHead) {
            throw new IllegalStateException("outside header_filter");
        }
        responseHeaders.keySet().removeIf(n -> n.equalsIgnoreCase(name));
        if (value != null) {
            responseHeaders.put(name, List.of(value));
        }
    }

    private List<String> responseValues(String name) {
        List<String> values = new ArrayList<>();
        responseHeaders.forEach((n, v) -> {
            if (n.equalsIgnoreCase(name)) {
                values.addAll(v);
            }
        });
        return values;
    }

    @SuppressWarnings("unchecked")
    private PluginContext context() {
        return (PluginContext) Proxy.newProxyInstance(
                PluginContext.class.getClassLoader(),
                new Class<?>[] {PluginContext.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "method" -> method;
                    case "path" -> path;
                    case "rawQuery" -> query;
                    case "header" ->
                        requestHeader((String) args[0]).isEmpty()
                                ? null
                                : requestHeader((String) args[0]).getFirst();
                    case "headerValues" -> requestHeader((String) args[0]);
                    case "route" -> route;
                    case "consumer" -> consumer;
                    case "shared" -> shared;
                    case "exit", "exitAsProxied" -> {
                        exitStatus = (Integer) args[0];
                        if (args[1] instanceof String text) {
                            exitBody = text.getBytes(StandardCharsets.UTF_8);
                            Map<String, List<String>> h = new LinkedHashMap<>();
                            ((Map<String, String>) args[2]).forEach((k, v) -> h.put(k, List.of(v)));
                            exitHeaders = h;
                        } else {
                            exitBody = (byte[]) args[1];
                            exitHeaders = (Map<String, List<String>>) args[2];
                        }
                        yield null;
                    }
                    case "exited" -> exitBody != null;
                    case "responseStatus" -> status;
                    case "responseHeaderValues" -> responseValues((String) args[0]);
                    case "responseHeaders" -> new LinkedHashMap<>(responseHeaders);
                    case "setResponseHeader" -> {
                        setResponse((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "removeResponseHeader" -> {
                        setResponse((String) args[0], null);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "CacheExchange";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A map-backed store whose entries expire on the test's clock (epoch milliseconds). */
    static final class ClockedStore implements ResponseCache {
        private record Entry(CachedResponse response, long expiresAtMillis) {}

        private final Map<String, Entry> entries = new ConcurrentHashMap<>();
        private final LongSupplier clock;
        long lastTtl;

        ClockedStore(LongSupplier clock) {
            this.clock = clock;
        }

        @Override
        public @Nullable CachedResponse get(String key) {
            Entry entry = entries.get(key);
            if (entry == null || clock.getAsLong() >= entry.expiresAtMillis()) {
                return null;
            }
            return entry.response();
        }

        @Override
        public void put(String key, CachedResponse response, long ttlSeconds) {
            lastTtl = ttlSeconds;
            entries.put(key, new Entry(response, clock.getAsLong() + Math.max(1, ttlSeconds) * 1000));
        }

        @Override
        public boolean remove(String key) {
            return entries.remove(key) != null;
        }

        @Override
        public int removeAll(UUID pluginId) {
            int before = entries.size();
            entries.values().removeIf(e -> pluginId.equals(e.response().pluginId()));
            return before - entries.size();
        }

        @Override
        public void clear() {
            entries.clear();
        }

        @Override
        public long maxEntryBytes() {
            return 64 * 1024;
        }

        int size() {
            return entries.size();
        }
    }
}
