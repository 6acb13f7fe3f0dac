package io.tollgate.application.port.in;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One cached response as Kong's proxy-cache Admin API shows it.
 *
 * @param status the stored status code
 * @param headers the stored headers (names as received, values in order)
 * @param body the stored body; not copied, read-only
 * @param timestamp when it was stored, epoch seconds
 * @param ttl the resource's freshness, seconds
 * @param version the format version (1)
 */
public record ProxyCacheEntry(
        int status, Map<String, List<String>> headers, byte[] body, long timestamp, long ttl, int version) {

    public ProxyCacheEntry {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
