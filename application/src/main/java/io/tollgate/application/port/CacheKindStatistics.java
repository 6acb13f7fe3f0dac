package io.tollgate.application.port;

import java.util.Objects;

/**
 * Counters of this node's cache (Kong's {@code kong.cache}) for one entity kind, the part of the cache key before
 * its first colon ({@code keyauth_credentials}, {@code routes}, {@code router} for {@code router:version}). Counts
 * are totals since the node started; {@code entries} is the number held now.
 *
 * @param kind the key's schema part
 * @param hits lookups answered without a load of their own: a cached entity, a cached miss (Kong's negative entry),
 *     or joining another lookup's load in flight
 * @param negativeHits the hits that found a cached miss (a key known not to exist)
 * @param misses lookups that started a load from the database
 * @param loadsFound loads that found the entity (or list)
 * @param loadsNotFound loads that found nothing (cached as a miss)
 * @param loadsFailed loads that failed (nothing cached; the caller answers 503 or is served a stale value)
 * @param evictedSize entries evicted to stay within {@code mem_cache_size} (or the misses' share of it)
 * @param expired entries dropped at the end of {@code db_cache_ttl} or {@code db_cache_neg_ttl}
 * @param entries entries held now, cached misses included
 */
public record CacheKindStatistics(
        String kind,
        long hits,
        long negativeHits,
        long misses,
        long loadsFound,
        long loadsNotFound,
        long loadsFailed,
        long evictedSize,
        long expired,
        long entries) {

    public CacheKindStatistics {
        Objects.requireNonNull(kind, "kind");
    }
}
