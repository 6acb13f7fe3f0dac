package io.tollgate.application.plugin.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One response kept by the {@code proxy-cache} plugin (Kong's stored {@code res} table: {@code status},
 * {@code headers}, {@code body}, {@code body_len}, {@code timestamp}, {@code ttl}, {@code version}).
 *
 * @param status the upstream's status code
 * @param headers the upstream's response headers (names as sent, values in order), hop-by-hop ones excluded
 * @param body the whole body as sent to the client; the array is not copied, treat it as read-only
 * @param timestamp when it was stored, epoch seconds (Kong's {@code ngx.time()})
 * @param ttl the resource's freshness in seconds ({@code cache_ttl}, or the response's {@code s-maxage}/{@code
 *     max-age}/{@code Expires} with {@code cache_control})
 * @param version the format version (Kong's {@code CACHE_VERSION}, 1)
 * @param pluginId the id of the plugin instance that stored it, or {@code null} when unknown
 */
public record CachedResponse(
        int status,
        Map<String, List<String>> headers,
        byte[] body,
        long timestamp,
        long ttl,
        int version,
        @Nullable UUID pluginId) {

    /** Kong's {@code CACHE_VERSION}. */
    public static final int VERSION = 1;

    public CachedResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /**
     * An estimate of the memory this entry holds, in bytes: the body, the header names and values, and a fixed
     * overhead for the objects around them. What the store's budget counts.
     */
    public long weight() {
        long size = 96L + body.length;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            size += 48L + 2L * header.getKey().length();
            for (String value : header.getValue()) {
                size += 40L + 2L * value.length();
            }
        }
        return size;
    }
}
