package io.tollgate.application.port.in;

import io.tollgate.application.port.CacheKindStatistics;
import io.tollgate.application.port.CacheMemory;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Optional;

/** Kong's {@code /cache} endpoints: this node's cache, inspected and purged (never broadcast to other nodes). */
public interface InspectCache {

    /** Nothing, a cached miss ({@code Optional.empty()}), or the cached entity. */
    Optional<Optional<Entity>> probe(String key);

    /** The list of entities cached under {@code key} by a list lookup (an ACL list), or nothing. */
    default Optional<List<Entity>> probeAll(String key) {
        return Optional.empty();
    }

    /** The keys this node holds that start with {@code prefix}, sorted. */
    List<String> keys(String prefix);

    void invalidate(String key);

    void purge();

    /** The cache's counters by entity kind, sorted by kind, for {@code GET /metrics}; none when it keeps none. */
    default List<CacheKindStatistics> statistics() {
        return List.of();
    }

    /** The cache's memory, used and capacity ({@code mem_cache_size}), for {@code GET /metrics}; empty when unknown. */
    default Optional<CacheMemory> memory() {
        return Optional.empty();
    }
}
