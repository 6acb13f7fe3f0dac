package io.tollgate.adapter.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.tollgate.application.plugin.spi.CachedResponse;
import io.tollgate.application.plugin.spi.ResponseCache;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The proxy-cache store on a Caffeine {@link Cache}: weighted by each entry's {@link CachedResponse#weight()} and
 * bounded by {@link ResponseCacheSettings#maxBytes()} (Caffeine's size-based eviction, a near-LRU policy that keeps
 * frequently used entries), each entry expiring after its own TTL. Maintenance runs on the calling thread in small
 * amortised steps under a try-lock, so no call blocks or waits for another; a single entry may weigh at most a
 * sixteenth of the budget (larger ones are not stored).
 */
final class CaffeineResponseCache implements ResponseCache {

    private final Cache<String, Stored> cache;
    private final long maxEntryBytes;

    /** An entry with the time it lives, in nanoseconds. */
    private record Stored(CachedResponse response, long ttlNanos) {}

    CaffeineResponseCache(ResponseCacheSettings settings, Ticker ticker) {
        this.maxEntryBytes = Math.max(1, Math.min(settings.maxBytes() / 16, Integer.MAX_VALUE));
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .maximumWeight(settings.maxBytes())
                .weigher((String key, Stored stored) ->
                        (int) Math.min(Integer.MAX_VALUE, stored.response().weight() + 2L * key.length()))
                .expireAfter(new Expiry<String, Stored>() {
                    @Override
                    public long expireAfterCreate(String key, Stored value, long currentTime) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Stored value, long currentTime, long currentDuration) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Stored value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public @Nullable CachedResponse get(String key) {
        Stored stored = cache.getIfPresent(key);
        return stored == null ? null : stored.response();
    }

    @Override
    public void put(String key, CachedResponse response, long ttlSeconds) {
        Objects.requireNonNull(response, "response");
        if (response.weight() > maxEntryBytes) {
            cache.invalidate(key);
            return;
        }
        cache.put(key, new Stored(response, TimeUnit.SECONDS.toNanos(Math.max(1, ttlSeconds))));
    }

    @Override
    public boolean remove(String key) {
        return cache.asMap().remove(key) != null;
    }

    @Override
    public int removeAll(UUID pluginId) {
        int[] removed = {0};
        cache.asMap().values().removeIf(stored -> {
            boolean match = pluginId.equals(stored.response().pluginId());
            if (match) {
                removed[0]++;
            }
            return match;
        });
        return removed[0];
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    public long maxEntryBytes() {
        return maxEntryBytes;
    }

    /** The bytes the entries weigh now (after pending maintenance), for tests. */
    long weightedBytes() {
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** How many entries are held now (after pending maintenance), for tests. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
