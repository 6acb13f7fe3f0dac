package io.tollgate.adapter.cache;

import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Map;

/**
 * An estimate of the heap bytes one node-cache entry retains, so that {@code mem_cache_size} bounds the cache in real
 * bytes (Kong's {@code mem_cache_size} bounds its shared dictionary the same way). The model is HotSpot's layout with
 * compressed references (heaps under 32 GiB): 12-byte object headers, 4-byte references, sizes rounded up to 8, and
 * compact strings (one byte per character when every character is Latin-1). Field names are not counted: the JSON
 * decoder shares them between entities. {@code bench/cache-memory-bench} measures the estimate against the heap the
 * cache really holds (within about 10 % per kind).
 */
final class EntitySize {

    /**
     * What every entry costs besides its key's text and its entities, measured by {@code bench/cache-memory-bench}:
     * Caffeine's node for an expiring, weighed entry and its hash table slot, the completed future holding the value,
     * the {@link Loaded} record and its list, the {@code Optional}, and the {@link CacheKey} record.
     */
    private static final int ENTRY_OVERHEAD = 350;

    private EntitySize() {}

    /** The bytes {@code key} and its {@code entities} retain in the cache, at most {@link Integer#MAX_VALUE}. */
    static int estimate(CacheKey key, List<Entity> entities) {
        long bytes = ENTRY_OVERHEAD + string(key.value());
        for (Entity entity : entities) {
            bytes += 16 + 16 + of(entity.fields()); // the record and its unmodifiable view of the map
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long of(Object value) {
        return switch (value) {
            case String s -> string(s);
            case Map<?, ?> map -> map(map);
            case List<?> list -> list(list);
            case Long l -> l >= -128 && l <= 127 ? 0 : 24; // the boxes of small values are shared
            case Boolean b -> 0; // shared
            default -> 24;
        };
    }

    /** A {@code LinkedHashMap}: the map, its table (a power of two at load factor 0.75) and one entry per pair. */
    private static long map(Map<?, ?> map) {
        int table = Integer.highestOneBit(Math.max(1, (int) (map.size() / 0.75f)) * 2 - 1);
        long bytes = 56 + align(16 + 4L * table);
        for (Object value : map.values()) {
            bytes += 40 + (value == null ? 0 : of(value));
        }
        return bytes;
    }

    /** An {@code ArrayList} with its backing array sized to its elements. */
    private static long list(List<?> list) {
        long bytes = 24 + align(16 + 4L * list.size());
        for (Object item : list) {
            bytes += item == null ? 0 : of(item);
        }
        return bytes;
    }

    /** A {@code String}: the object and its byte array, one byte per character when all are Latin-1, else two. */
    static long string(String s) {
        boolean latin1 = true;
        for (int i = 0; i < s.length() && latin1; i++) {
            latin1 = s.charAt(i) < 256;
        }
        return 24 + align(16 + (long) s.length() * (latin1 ? 1 : 2));
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
