package io.tollgate.adapter.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The node cache's configuration, from Kong's properties.
 *
 * @param ttl {@code db_cache_ttl}: how long a found entity stays cached; zero = until invalidated
 * @param negativeTtl {@code db_cache_neg_ttl} (falling back to {@code db_cache_ttl}): how long a miss stays cached;
 *        zero = until invalidated
 * @param maxBytes {@code mem_cache_size} in bytes: the cache evicts least-recently-used entries beyond it; cached
 *        misses have their own share of it ({@link #missBytes()})
 * @param resurrectTtl {@code db_resurrect_ttl}: how long an entry past its TTL is served again when the database
 *        cannot answer its reload (then the reload is retried); zero = never served stale
 */
public record CacheSettings(Duration ttl, Duration negativeTtl, long maxBytes, Duration resurrectTtl) {

    /** Kong's default {@code db_resurrect_ttl}. */
    public static final Duration DEFAULT_RESURRECT_TTL = Duration.ofSeconds(30);

    /** Cached misses may use at most 1/{@value} of {@code mem_cache_size}; found entities the rest. */
    public static final int MISS_SHARE = 8;

    public CacheSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
        Objects.requireNonNull(resurrectTtl, "resurrectTtl");
        if (ttl.isNegative() || negativeTtl.isNegative() || resurrectTtl.isNegative()) {
            throw new IllegalArgumentException("cache TTLs must not be negative");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("mem_cache_size must be greater than 0");
        }
    }

    /** The settings with Kong's default {@code db_resurrect_ttl} (30 s). */
    public CacheSettings(Duration ttl, Duration negativeTtl, long maxBytes) {
        this(ttl, negativeTtl, maxBytes, DEFAULT_RESURRECT_TTL);
    }

    /** The bytes cached misses may use: 1/{@value #MISS_SHARE} of {@code mem_cache_size}, at least 1. */
    public long missBytes() {
        return Math.max(1, maxBytes / MISS_SHARE);
    }

    /** The bytes found entities may use: {@code mem_cache_size} less {@link #missBytes()}, at least 1. */
    public long entityBytes() {
        return Math.max(1, maxBytes - missBytes());
    }
}
