package io.tollgate.application.plugin.spi;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The node's store of cached responses (the {@code proxy-cache} plugin's {@code memory} strategy: Kong's shared dict
 * {@code memory.dictionary_name}), bounded by its own memory budget ({@code proxy_cache_memory_size}): beyond it the
 * least recently used entries are evicted. Each entry expires after its own time to live. Keys are Kong's cache keys
 * (64 hex digits). Thread-safe; never blocks (no I/O, no lock held across calls): callable from a request's phases.
 */
public interface ResponseCache {

    /** A store that keeps nothing (an environment without one: every lookup misses). */
    ResponseCache NONE = new ResponseCache() {
        @Override
        public @Nullable CachedResponse get(String key) {
            return null;
        }

        @Override
        public void put(String key, CachedResponse response, long ttlSeconds) {}

        @Override
        public boolean remove(String key) {
            return false;
        }

        @Override
        public int removeAll(UUID pluginId) {
            return 0;
        }

        @Override
        public void clear() {}

        @Override
        public long maxEntryBytes() {
            return 0;
        }
    };

    /** The entry stored under {@code key} and not expired, or {@code null}. */
    @Nullable
    CachedResponse get(String key);

    /**
     * Stores (or replaces) an entry for {@code ttlSeconds} (Kong's {@code storage_ttl}, else the resource's TTL). An
     * entry heavier than {@link #maxEntryBytes()} is not stored.
     *
     * @param ttlSeconds seconds, at least 1 (smaller values are treated as 1)
     */
    void put(String key, CachedResponse response, long ttlSeconds);

    /** Removes the entry; {@code true} when there was one. */
    boolean remove(String key);

    /**
     * Removes every entry the plugin instance stored.
     *
     * @return how many were removed
     */
    int removeAll(UUID pluginId);

    /** Removes every entry (Kong's {@code strategy:flush}). */
    void clear();

    /** The largest entry the store accepts, in bytes ({@link CachedResponse#weight()}); 0 when it stores nothing. */
    long maxEntryBytes();
}
