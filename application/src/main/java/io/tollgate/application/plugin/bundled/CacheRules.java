package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.CachedResponse;
import io.tollgate.application.plugin.spi.PluginContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Kong's proxy-cache rules ({@code cacheable_request}, {@code cacheable_response}, the freshness checks of
 * {@code access}) and which stored headers a hit replays.
 */
final class CacheRules {

    /** Kong's hop-by-hop list (plus {@code Content-Length}): never replayed from the cache. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailers",
            "transfer-encoding",
            "upgrade",
            "content-length");

    private CacheRules() {}

    /**
     * Kong's {@code cacheable_request}: the method is configured and, with {@code cache_control}, the request has no
     * {@code no-store}/{@code no-cache} directive and no {@code Authorization} header.
     */
    static boolean cacheableRequest(PluginContext context, ProxyCacheSettings conf, CacheControl cc) {
        if (!conf.methods().contains(context.method())) {
            return false;
        }
        return !(conf.cacheControl()
                && (cc.has("no-store") || cc.has("no-cache") || context.header("Authorization") != null));
    }

    /**
     * Kong's {@code cacheable_response}: configured status and content type and, with {@code cache_control}, neither
     * {@code private}, {@code no-store} nor {@code no-cache} and a positive freshness.
     *
     * @param now epoch seconds
     */
    static boolean cacheableResponse(PluginContext context, ProxyCacheSettings conf, CacheControl cc, long now) {
        if (!conf.statuses().contains(context.responseStatus())) {
            return false;
        }
        if (!conf.cacheableType(context.responseHeaderValues("Content-Type"))) {
            return false;
        }
        if (!conf.cacheControl()) {
            return true;
        }
        if (cc.has("private") || cc.has("no-store") || cc.has("no-cache")) {
            return false;
        }
        return cc.resourceTtl(context.responseHeaderValues("Expires"), now) > 0;
    }

    /** Whether the client refuses the entry (Kong's {@code Refresh}): too old for {@code cache_ttl} or its own rules. */
    static boolean stale(ProxyCacheSettings conf, CacheControl cc, CachedResponse cached, long age) {
        if (!conf.cacheControl()) {
            return age > conf.cacheTtl();
        }
        Double maxAge = cc.seconds("max-age");
        if (maxAge != null && age > maxAge) {
            return true;
        }
        Double maxStale = cc.seconds("max-stale");
        if (maxStale != null && age - cached.ttl() > maxStale) {
            return true;
        }
        Double minFresh = cc.seconds("min-fresh");
        return minFresh != null && cached.ttl() - age < minFresh;
    }

    /** The response headers worth replaying: not hop-by-hop, not the cache's own, not the gateway's. */
    static Map<String, List<String>> storable(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !ownHeader(name)) {
                kept.put(header.getKey(), header.getValue());
            }
        }
        return kept;
    }

    /** The declared {@code Content-Length}, or -1 when absent or unreadable. */
    static long contentLength(List<String> values) {
        if (values.size() != 1) {
            return -1;
        }
        try {
            return Long.parseLong(values.getFirst().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean ownHeader(String lowerName) {
        return lowerName.equals("age")
                || lowerName.equals("x-cache-status")
                || lowerName.equals("x-cache-key")
                || lowerName.equals("via")
                || lowerName.startsWith("x-kong-");
    }

    /** Whether a stored header (lower-case name) goes back to the client on a hit (Kong's {@code overwritable_header}). */
    static boolean replayable(String lowerName) {
        return !HOP_BY_HOP.contains(lowerName) && !lowerName.contains("ratelimit-remaining") && !ownHeader(lowerName);
    }
}
