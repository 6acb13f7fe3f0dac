package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.CachedResponse;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.ResponseCache;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginDefinition;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code proxy-cache} (priority 100), {@code memory} strategy: answers cacheable requests from the node's
 * {@link ResponseCache} without calling the upstream, and stores cacheable responses as they stream to the client.
 *
 * <ul>
 *   <li>{@code access}: a request whose method is not in {@code request_method} (or, with {@code cache_control}, one
 *       with {@code Cache-Control: no-store}/{@code no-cache} or an {@code Authorization} header) is a
 *       {@code Bypass}. Otherwise its {@linkplain ProxyCacheKey key} is looked up: absent, it is a {@code Miss}
 *       (with {@code cache_control} and {@code only-if-cached}: an empty 504); present but older than
 *       {@code cache_ttl} seconds (with {@code cache_control}: than the request's {@code max-age}, or outside its
 *       {@code max-stale}/{@code min-fresh}), a {@code Refresh}; otherwise a {@code Hit}, answered at once with the
 *       stored status, headers and body plus {@code Age} (seconds since stored), {@code X-Cache-Status: Hit} and
 *       {@code X-Cache-Key}.
 *   <li>{@code header_filter}: for a {@code Miss}/{@code Refresh}, the response is cacheable when its status is in
 *       {@code response_code}, its single {@code Content-Type} matches {@code content_type} and, with
 *       {@code cache_control}, it is not {@code private}/{@code no-store}/{@code no-cache} and has a positive
 *       {@code s-maxage}/{@code max-age}/{@code Expires}; otherwise it becomes a {@code Bypass}. Sets
 *       {@code X-Cache-Status} and {@code X-Cache-Key}.
 *   <li>{@code body_filter}: copies each chunk of a cacheable response (the chunk goes on unchanged, at once) and, at
 *       the end, stores status, headers (without hop-by-hop ones, {@code Content-Length}, {@code Age} and the
 *       gateway's {@code X-Kong-*}/{@code Via}; with the {@code X-Cache-Status} and {@code X-Cache-Key} the client
 *       got) and body for {@code storage_ttl}, else the resource's TTL
 *       ({@code cache_control}) or {@code cache_ttl}. A body larger than the store's
 *       {@linkplain ResponseCache#maxEntryBytes() entry bound}, or shorter than its {@code Content-Length} (cut
 *       short), is not kept. A response with a {@code Content-Length} is stored as soon as its last byte arrives,
 *       before that byte goes on, so the client's next request finds it; a {@code HEAD} response or an empty one
 *       in {@code header_filter}.
 * </ul>
 *
 * <p>{@code response_headers} turns each diagnostic header off; a request with a {@code Kong-Debug} header gets them
 * all. Every instance shares the node's one store, whatever its {@code memory.dictionary_name}.
 */
public final class ProxyCache implements TollgatePlugin {

    private static final String STATE = "tollgate.proxy-cache";

    private final LongSupplier clock;

    /** The plugin on the system clock. */
    public ProxyCache() {
        this(System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds */
    ProxyCache(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public PluginDefinition definition() {
        return ProxyCacheSchema.DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(clock, environment.responseCache());
    }

    /** What {@code access} decided, for the later phases of a request that was not a hit. */
    private static final class State {
        final ProxyCacheSettings conf;
        final String key;
        final boolean debug;
        String status;
        boolean store;
        long resourceTtl;
        long expectedLength = -1;
        Map<String, List<String>> headers = Map.of();

        @Nullable
        ByteBufferSink body;

        State(ProxyCacheSettings conf, String key, boolean debug, String status, boolean store) {
            this.conf = conf;
            this.key = key;
            this.debug = debug;
            this.status = status;
            this.store = store;
        }
    }

    /** One node's response cache handler. */
    static final class Handler implements PluginHandler {

        private final LongSupplier clock;
        private final ResponseCache cache;
        private final PerConfig<ProxyCacheSettings> settings = new PerConfig<>(4096, ProxyCacheSettings::of);

        Handler(LongSupplier clock, ResponseCache cache) {
            this.clock = clock;
            this.cache = cache;
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            ProxyCacheSettings conf = settings.get(config);
            boolean debug = context.header("Kong-Debug") != null;
            CacheControl cc =
                    conf.cacheControl() ? CacheControl.parse(context.headerValues("Cache-Control")) : CacheControl.NONE;
            if (!CacheRules.cacheableRequest(context, conf, cc)) {
                context.shared().put(STATE, new State(conf, "", debug, "Bypass", false));
                return DONE;
            }
            String key = key(context, conf);
            State state = new State(conf, key, debug, "Miss", true);
            CachedResponse cached = cache.get(key);
            if (cached == null) {
                if (conf.cacheControl() && cc.has("only-if-cached")) {
                    context.exit(504, "", Map.of());
                    return DONE;
                }
                context.shared().put(STATE, state);
                return DONE;
            }
            if (cached.version() != CachedResponse.VERSION) {
                cache.remove(key);
                state.status = "Bypass";
                context.shared().put(STATE, state);
                return DONE;
            }
            long now = clock.getAsLong() / 1000;
            long age = now - cached.timestamp();
            if (CacheRules.stale(conf, cc, cached, age)) {
                state.status = "Refresh";
                context.shared().put(STATE, state);
                return DONE;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> header : cached.headers().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (CacheRules.replayable(name)) {
                    headers.put(header.getKey(), header.getValue());
                }
            }
            if (conf.age() || debug) {
                headers.put("Age", List.of(Long.toString(Math.max(age, 0))));
            }
            if (conf.status() || debug) {
                headers.put("X-Cache-Status", List.of("Hit"));
            }
            if (conf.key() || debug) {
                headers.put("X-Cache-Key", List.of(key));
            }
            context.exitAsProxied(cached.status(), cached.body(), headers);
            return DONE;
        }

        @Override
        public void headerFilter(PluginContext context, PluginConfig config) {
            if (!(context.shared().get(STATE) instanceof State state)) {
                return;
            }
            ProxyCacheSettings conf = state.conf;
            if (state.store) {
                CacheControl cc = conf.cacheControl()
                        ? CacheControl.parse(context.responseHeaderValues("Cache-Control"))
                        : CacheControl.NONE;
                long now = clock.getAsLong() / 1000;
                if (CacheRules.cacheableResponse(context, conf, cc, now)) {
                    state.resourceTtl = conf.cacheControl()
                            ? (long) cc.resourceTtl(context.responseHeaderValues("Expires"), now)
                            : conf.cacheTtl();
                    state.headers = CacheRules.storable(context.responseHeaders());
                    // as Kong, the entry keeps the diagnostic headers the client got (a hit sends its own)
                    if (conf.status() || state.debug) {
                        state.headers.put("X-Cache-Status", List.of(state.status));
                    }
                    if (conf.key() || state.debug) {
                        state.headers.put("X-Cache-Key", List.of(state.key));
                    }
                    state.expectedLength = CacheRules.contentLength(context.responseHeaderValues("Content-Length"));
                    state.body = new ByteBufferSink(cache.maxEntryBytes());
                    if ("HEAD".equals(context.method()) || state.expectedLength == 0) {
                        state.store = false; // no body will follow: complete now
                        store(context, config, state, new byte[0]);
                    }
                } else {
                    state.status = "Bypass";
                    state.store = false;
                }
            }
            if (conf.status() || state.debug) {
                context.setResponseHeader("X-Cache-Status", state.status);
            }
            if (!state.key.isEmpty() && (conf.key() || state.debug)) {
                context.setResponseHeader("X-Cache-Key", state.key);
            }
        }

        @Override
        public ByteBuffer bodyFilter(PluginContext context, PluginConfig config, ByteBuffer chunk, boolean last) {
            if (!(context.shared().get(STATE) instanceof State state) || !state.store) {
                return chunk;
            }
            ByteBufferSink body = state.body;
            if (body == null || !body.append(chunk)) {
                state.store = false; // larger than the store takes: stop copying
                state.body = null;
                return chunk;
            }
            boolean declared = state.expectedLength >= 0;
            if (!last && !(declared && body.size() >= state.expectedLength)) {
                return chunk;
            }
            // Complete: stored before its last bytes go on, so the client's next request finds it.
            state.store = false;
            state.body = null;
            if (declared && body.size() != state.expectedLength) {
                return chunk; // cut short (the upstream went away mid-body): never keep a partial body
            }
            store(context, config, state, body.bytes());
            return chunk;
        }

        private void store(PluginContext context, PluginConfig config, State state, byte[] body) {
            ProxyCacheSettings conf = state.conf;
            CachedResponse response = new CachedResponse(
                    context.responseStatus(),
                    state.headers,
                    body,
                    clock.getAsLong() / 1000,
                    state.resourceTtl,
                    CachedResponse.VERSION,
                    config.instanceId());
            Long storage = conf.storageTtl();
            long ttl = storage != null ? storage : conf.cacheControl() ? state.resourceTtl : conf.cacheTtl();
            cache.put(state.key, response, ttl);
        }

        private static String key(PluginContext context, ProxyCacheSettings conf) {
            String path = context.path();
            if (conf.ignoreUriCase()) {
                path = path.toLowerCase(Locale.ROOT);
            }
            return ProxyCacheKey.build(
                    ProxyCacheKey.prefix(
                            context.consumer() == null
                                    ? null
                                    : context.consumer().id().value(),
                            context.route() == null
                                    ? null
                                    : context.route().id().value()),
                    context.method(),
                    path,
                    ProxyCacheKey.params(context.rawQuery(), conf.varyQueryParams()),
                    ProxyCacheKey.headers(context::headerValues, conf.varyHeaders()));
        }
    }
}
