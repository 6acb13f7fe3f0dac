package io.tollgate.adapter.cache;

import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Map;

/** A rough estimate of a cache entry's heap size in bytes, so {@code mem_cache_size} bounds the cache. */
final class EntitySize {

    private static final int ENTRY_OVERHEAD = 96;

    private EntitySize() {}

    static int estimate(CacheKey key, List<Entity> entities) {
        long bytes = ENTRY_OVERHEAD + 2L * key.value().length();
        for (Entity entity : entities) {
            bytes += 8 + of(entity.fields());
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long of(Object value) {
        if (value instanceof String s) {
            return 40 + 2L * s.length();
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = 64;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                bytes += 32 + of(e.getKey()) + (e.getValue() == null ? 0 : of(e.getValue()));
            }
            return bytes;
        }
        if (value instanceof List<?> list) {
            long bytes = 48;
            for (Object item : list) {
                bytes += 8 + (item == null ? 0 : of(item));
            }
            return bytes;
        }
        return 24;
    }
}
