package io.tollgate.adapter.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The node cache on a Caffeine {@link AsyncCache}: one in-flight load per key (Caffeine's own single flight),
 * misses cached as {@code Optional.empty()} with their own TTL (Kong's {@code neg_ttl}), size bounded by an
 * estimate of each entry's bytes. Loads run on {@code loadExecutor}, never on the caller's thread.
 *
 * <p>An entry's TTL counts from the moment its loader returned ({@link Loaded#loadedAt()}), read from the same
 * ticker Caffeine uses. Caffeine computes an async entry's expiry in a callback on the load's completion, which may
 * run after readers already see the value and after the clock has moved on; {@link TtlExpiry} therefore answers
 * with the time left until the value's own deadline, and {@link #get}/{@link #probe} treat a finished value past
 * that deadline as absent even before Caffeine's callback has run.
 */
final class CaffeineNodeCache implements NodeCache {

    private final AsyncCache<CacheKey, Loaded> cache;
    private final TtlExpiry expiry;
    private final Ticker ticker;
    private final Executor loadExecutor;

    CaffeineNodeCache(CacheSettings settings, Ticker ticker, Executor loadExecutor) {
        this.expiry = new TtlExpiry(settings.ttl(), settings.negativeTtl());
        this.ticker = ticker;
        this.loadExecutor = loadExecutor;
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .maximumWeight(settings.maxBytes())
                .weigher((CacheKey key, Loaded loaded) -> EntitySize.estimate(key, loaded.entities()))
                .expireAfter(expiry)
                .buildAsync();
    }

    @Override
    public CompletableFuture<Optional<Entity>> get(CacheKey key, Supplier<Optional<Entity>> loader) {
        return entry(key, () -> Loaded.one(loader.get(), ticker.read())).thenApply(Loaded::value);
    }

    @Override
    public CompletableFuture<List<Entity>> getAll(CacheKey key, Supplier<List<Entity>> loader) {
        return entry(key, () -> new Loaded(loader.get(), true, ticker.read())).thenApply(Loaded::entities);
    }

    private CompletableFuture<Loaded> entry(CacheKey key, Supplier<Loaded> loader) {
        CompletableFuture<Loaded> entry = load(key, loader);
        if (entry.isCompletedExceptionally() || expiry.isStale(entry, ticker.read())) {
            // Caffeine drops a failed load, and times a finished one, in a callback on its completion; a caller
            // arriving in between must load again. Once: a value this very call loaded is the caller's answer.
            cache.asMap().remove(key, entry);
            entry = load(key, loader);
        }
        return entry;
    }

    private CompletableFuture<Loaded> load(CacheKey key, Supplier<Loaded> loader) {
        return cache.get(key, (k, executor) -> CompletableFuture.supplyAsync(loader, loadExecutor));
    }

    @Override
    public Optional<Optional<Entity>> probe(CacheKey key) {
        CompletableFuture<Loaded> entry = cache.getIfPresent(key);
        if (entry == null
                || entry.state() != CompletableFuture.State.SUCCESS
                || expiry.isStale(entry, ticker.read())
                || entry.resultNow().many()) {
            return Optional.empty(); // a list entry has no single-entity view (see NodeCache#probe)
        }
        return Optional.of(entry.resultNow().value());
    }

    @Override
    public List<CacheKey> keys(String prefix) {
        long now = ticker.read();
        return cache.asMap().entrySet().stream()
                .filter(e -> e.getKey().value().startsWith(prefix) && !expiry.isStale(e.getValue(), now))
                .map(Map.Entry::getKey)
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
}
