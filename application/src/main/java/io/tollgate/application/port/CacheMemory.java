package io.tollgate.application.port;

/**
 * The node cache's memory (Kong's {@code kong_db_cache} shared dict), estimated by the cache's own weigher.
 *
 * @param usedBytes bytes the entries held now weigh, cached misses included
 * @param capacityBytes {@code mem_cache_size} in bytes
 */
public record CacheMemory(long usedBytes, long capacityBytes) {}
