package io.tollgate.application.port.out;

import io.tollgate.application.port.CacheKindStatistics;
import io.tollgate.application.port.CacheMemory;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * This node's cache of entities looked up on the proxy path (Kong's {@code kong.cache}): hits and misses are both
 * cached, hits for {@code db_cache_ttl} seconds and misses for {@code db_cache_neg_ttl} (0 = until invalidated),
 * bounded by {@code mem_cache_size}.
 */
public interface NodeCache {

    /**
     * The cached value, or the loader's result, loaded at most once at a time per key however many callers miss
     * together. A hit completes at once on the caller's thread; a miss runs {@code loader} (which may block on the
     * database) on the cache's own executor, never on the caller's.
     *
     * @return a future of the entity, or of {@link Optional#empty()} for a (cached) miss; it fails when the loader
     *         throws, and then nothing is cached
     */
    CompletableFuture<Optional<Entity>> get(CacheKey key, Supplier<Optional<Entity>> loader);

    /**
     * A list lookup's cached answer, or the loader's, with {@link #get}'s single flight, threads and failure rules.
     * The answer, even an empty list, is a hit (TTL {@code db_cache_ttl}), as Kong caches the per-consumer ACL list
     * under {@code acls:<consumer_id>:::::<ws>}. A key is used either for single or for list lookups, never both.
     *
     * @return a future of the entities, in the loader's order
     */
    CompletableFuture<List<Entity>> getAll(CacheKey key, Supplier<List<Entity>> loader);

    /**
     * What the cache holds for {@code key}: nothing, a cached miss ({@code Optional.empty()}) or an entity. A list
     * entry ({@link #getAll}) shows as nothing here; {@link #probeAll} shows it.
     */
    Optional<Optional<Entity>> probe(CacheKey key);

    /**
     * The list a {@link #getAll} cached under {@code key} (Kong's {@code /cache/acls:<consumer_id>:::::<ws>} answers
     * it as a JSON array), or nothing when the key holds no list. None for a cache that keeps no lists.
     */
    default Optional<List<Entity>> probeAll(CacheKey key) {
        return Optional.empty();
    }

    /** The keys this node holds that start with {@code prefix}, sorted. */
    List<CacheKey> keys(String prefix);

    /** Drops one key (hit or miss) from this node's cache. */
    void invalidate(CacheKey key);

    /** Drops everything from this node's cache. */
    void purge();

    /**
     * This node's cache counters by entity kind (hits, misses, loads, evictions, entries), sorted by kind; reading
     * them takes no lock on the lookup path. None for a cache that keeps no counters.
     */
    default List<CacheKindStatistics> statistics() {
        return List.of();
    }

    /**
     * Replaces Kong's {@code db_cache_ttl}, {@code db_cache_neg_ttl} and {@code db_resurrect_ttl} ({@code tollgate
     * reload}): each entry's time left is counted with the new values, from the moment it was loaded, at its next read
     * (an entry older than a shortened TTL is loaded again then; one not read before its old deadline is gone). Zero
     * TTLs mean no expiry, a zero {@code resurrectTtl} no resurrection. Nothing to do for a cache without expiry (the
     * default).
     *
     * @param ttl a found entity's lifetime, >= 0
     * @param negativeTtl a miss's lifetime, >= 0
     * @param resurrectTtl how long an entry past its TTL is served again while the database cannot answer, >= 0
     */
    default void expiryChanged(Duration ttl, Duration negativeTtl, Duration resurrectTtl) {}

    /** This node's cache memory, used and capacity, when the cache weighs its entries; empty otherwise. */
    default Optional<CacheMemory> memory() {
        return Optional.empty();
    }
}
