package io.tollgate.adapter.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The node cache's configuration, from Kong's properties.
 *
 * @param ttl {@code db_cache_ttl}: how long a found entity stays cached; zero = until invalidated
 * @param negativeTtl {@code db_cache_neg_ttl} (falling back to {@code db_cache_ttl}): how long a miss stays cached;
 *        zero = until invalidated
 * @param maxBytes {@code mem_cache_size} in bytes: the cache evicts least-recently-used entries beyond it
 */
public record CacheSettings(Duration ttl, Duration negativeTtl, long maxBytes) {
    public CacheSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
        if (ttl.isNegative() || negativeTtl.isNegative()) {
            throw new IllegalArgumentException("cache TTLs must not be negative");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("mem_cache_size must be greater than 0");
        }
    }
}
