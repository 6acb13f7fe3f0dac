package io.tollgate.adapter.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The node cache on a Caffeine {@link AsyncCache}: one in-flight load per key (Caffeine's own single flight),
 * misses cached as {@code Optional.empty()} with their own TTL (Kong's {@code neg_ttl}), size bounded by an
 * estimate of each entry's bytes. Loads run on {@code loadExecutor}, never on the caller's thread.
 */
final class CaffeineNodeCache implements NodeCache {

    private final AsyncCache<CacheKey, Optional<Entity>> cache;
    private final Executor loadExecutor;

    CaffeineNodeCache(CacheSettings settings, Ticker ticker, Executor loadExecutor) {
        this.loadExecutor = loadExecutor;
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .maximumWeight(settings.maxBytes())
                .weigher((CacheKey key, Optional<Entity> value) -> EntitySize.estimate(key, value))
                .expireAfter(new TtlExpiry(settings.ttl(), settings.negativeTtl()))
                .buildAsync();
    }

    @Override
    public CompletableFuture<Optional<Entity>> get(CacheKey key, Supplier<Optional<Entity>> loader) {
        CompletableFuture<Optional<Entity>> value = load(key, loader);
        if (value.isCompletedExceptionally()) {
            // Caffeine drops a failed load in a completion callback; a caller arriving in between must load again.
            cache.asMap().remove(key, value);
            value = load(key, loader);
        }
        return value;
    }

    private CompletableFuture<Optional<Entity>> load(CacheKey key, Supplier<Optional<Entity>> loader) {
        return cache.get(key, (k, executor) -> CompletableFuture.supplyAsync(loader, loadExecutor));
    }

    @Override
    public Optional<Optional<Entity>> probe(CacheKey key) {
        CompletableFuture<Optional<Entity>> future = cache.getIfPresent(key);
        if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(future.join());
    }

    @Override
    public List<CacheKey> keys(String prefix) {
        return cache.asMap().keySet().stream()
                .filter(k -> k.value().startsWith(prefix))
                .sorted((a, b) -> a.value().compareTo(b.value()))
                .toList();
    }

    @Override
    public void invalidate(CacheKey key) {
        cache.synchronous().invalidate(key);
    }

    @Override
    public void purge() {
        cache.synchronous().invalidateAll();
    }

    /** Found entities live for {@code ttl}, misses for {@code negativeTtl}; zero means no expiry. */
    private record TtlExpiry(Duration ttl, Duration negativeTtl) implements Expiry<CacheKey, Optional<Entity>> {

        @Override
        public long expireAfterCreate(CacheKey key, Optional<Entity> value, long currentTime) {
            Duration d = value.isPresent() ? ttl : negativeTtl;
            return d.isZero() ? Long.MAX_VALUE : d.toNanos();
        }

        @Override
        public long expireAfterUpdate(CacheKey key, Optional<Entity> value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(CacheKey key, Optional<Entity> value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
