package io.tollgate.adapter.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.tollgate.application.port.CacheKindStatistics;
import io.tollgate.application.port.CacheMemory;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Stream;

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
 *
 * <p>The miss budget: a finished miss moves from the loading cache into a cache of its own, bounded by
 * {@link CacheSettings#missBytes()} (1/{@value CacheSettings#MISS_SHARE} of {@code mem_cache_size}), so a flood of
 * lookups of keys that do not exist (random API keys) evicts other misses, never found entities.
 *
 * <p>Kong's {@code db_resurrect_ttl}: when an entry past its TTL is reloaded and the load fails with
 * {@link DatabaseUnavailable}, the stale value is served again for {@code db_resurrect_ttl} (then reloaded again),
 * and each request served so counts in the node's {@link DatabaseOutages}. A key never loaded has nothing to serve:
 * its load fails (the proxy answers 503) and nothing is cached.
 *
 * <p>{@link #statistics()}: hits, misses, loads, evictions and entries per entity kind, counted in
 * {@link CacheCounters} without a lock or an allocation on the lookup path. Entries are counted as they come and go:
 * +1 when a load completes (or a stale entry is served again, or a miss moves to its own cache), -1 when Caffeine's
 * removal listener reports one gone (explicitly, by size or by expiry; a replacement is no change). Caffeine reports
 * an async entry's removal only once its load succeeded, so a failed load is never counted either way.
 */
final class CaffeineNodeCache implements NodeCache {

    private final AsyncCache<CacheKey, Loaded> cache;
    private final Cache<CacheKey, Loaded> misses;
    private final TtlExpiry expiry;
    private final Ticker ticker;
    private final Executor loadExecutor;
    private final DatabaseOutages outages;
    private final CacheCounters counters = new CacheCounters();
    private final long capacity;

    /**
     * @param outages the node's record of database outages: each request served a resurrected entry counts there
     */
    CaffeineNodeCache(CacheSettings settings, Ticker ticker, Executor loadExecutor, DatabaseOutages outages) {
        this.expiry = new TtlExpiry(settings.ttl(), settings.negativeTtl(), settings.resurrectTtl());
        this.ticker = ticker;
        this.loadExecutor = loadExecutor;
        this.outages = Objects.requireNonNull(outages, "outages");
        this.capacity = settings.maxBytes();
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .maximumWeight(settings.entityBytes())
                .weigher((CacheKey key, Loaded loaded) -> EntitySize.estimate(key, loaded.entities()))
                .expireAfter(expiry)
                .removalListener((CacheKey key, Loaded loaded, RemovalCause cause) -> counters.removed(key, cause))
                .buildAsync();
        this.misses = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .maximumWeight(settings.missBytes())
                .weigher((CacheKey key, Loaded loaded) -> EntitySize.estimate(key, loaded.entities()))
                .expireAfter(expiry)
                .removalListener((CacheKey key, Loaded loaded, RemovalCause cause) -> counters.removed(key, cause))
                .build();
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
        long now = ticker.read();
        CacheCounters.Kind kind = counters.of(key);
        kind.lookups.increment();
        Loaded stale = misses.getIfPresent(key);
        if (stale != null && expiry.remaining(stale, now) > 0) {
            kind.negativeHits.increment();
            return served(stale);
        }
        boolean[] mapped = {false};
        CompletableFuture<Loaded> entry = load(key, loader, kind, mapped);
        if (entry.isCompletedExceptionally() || expiry.isStale(entry, now)) {
            // Caffeine drops a failed load, and times a finished one, in a callback on its completion; a caller
            // arriving in between must load again. Once: a value this very call loaded is the caller's answer.
            boolean expired = entry.state() == CompletableFuture.State.SUCCESS;
            if (expired) {
                stale = entry.resultNow();
            }
            if (cache.asMap().remove(key, entry) && expired) {
                kind.expired.increment(); // past its TTL before Caffeine's own expiry saw it
            }
            entry = load(key, loader, kind, mapped);
        }
        if (entry.state() == CompletableFuture.State.SUCCESS) {
            Loaded loaded = entry.resultNow();
            if (!mapped[0] && !loaded.found()) {
                // a finished miss its load's settle() has not moved to the misses' cache yet (that runs in a callback
                // on the load's completion, which may come after its caller was answered): a negative hit all the same
                kind.negativeHits.increment();
            }
            return served(loaded);
        }
        Loaded old = stale;
        if (old == null || !expiry.resurrects()) {
            return entry;
        }
        CompletableFuture<Loaded> loading = entry;
        return entry.exceptionallyCompose(error -> resurrect(key, loading, old, error));
    }

    private CompletableFuture<Loaded> served(Loaded loaded) {
        if (loaded.resurrected()) {
            outages.count(DatabaseOutages.Effect.SERVED_STALE);
        }
        return CompletableFuture.completedFuture(loaded);
    }

    /**
     * The loading cache's entry for {@code key}, loading it on a miss; sets {@code mapped[0]} when this call ran the
     * mapping function (loaded, or counted a negative hit itself).
     */
    private CompletableFuture<Loaded> load(
            CacheKey key, Supplier<Loaded> loader, CacheCounters.Kind kind, boolean[] mapped) {
        CompletableFuture<Loaded> entry = cache.get(key, (k, executor) -> {
            mapped[0] = true;
            Loaded moved = misses.getIfPresent(k);
            if (moved != null && expiry.remaining(moved, ticker.read()) > 0) {
                // The miss left this cache for its own after entry() looked there: served, not loaded again. It
                // is back here until the settle() below moves it once more (an entry added: counted as such).
                kind.negativeHits.increment();
                kind.entries.increment();
                return CompletableFuture.completedFuture(moved);
            }
            kind.misses.increment();
            CompletableFuture<Loaded> loading = CompletableFuture.supplyAsync(loader, loadExecutor);
            loading.whenComplete((loaded, error) -> {
                kind.loaded(loaded, error);
                if (error == null) {
                    kind.entries.increment(); // a failed load is dropped unreported: never counted
                    settle(k, loading);
                }
            });
            return loading;
        });
        settle(key, entry); // a load that finished before Caffeine stored it
        return entry;
    }

    /**
     * Moves a finished miss from the loading cache into the misses' own (the miss budget): into the misses' cache
     * first, then out of the loading one, so a reader that finds it in neither map cannot exist (a load's mapping
     * function, which runs after the removal, looks in the misses' cache). An invalidation in between removes it
     * from both, since it empties the loading cache before the misses' one.
     */
    private void settle(CacheKey key, CompletableFuture<Loaded> entry) {
        if (entry.state() != CompletableFuture.State.SUCCESS
                || entry.resultNow().found()) {
            return;
        }
        boolean[] copied = {false};
        misses.asMap().compute(key, (k, current) -> {
            if (cache.asMap().get(k) != entry) {
                return current; // invalidated, replaced or already moved
            }
            if (current == null) {
                counters.of(k).entries.increment(); // else a replacement: no entry more
            }
            copied[0] = true;
            return entry.resultNow();
        });
        if (copied[0]) {
            cache.asMap().remove(key, entry);
        }
    }

    /** Serves {@code old} again when {@code error} says the database is unavailable; else the failed load. */
    private CompletableFuture<Loaded> resurrect(
            CacheKey key, CompletableFuture<Loaded> loading, Loaded old, Throwable error) {
        DatabaseUnavailable outage = DatabaseOutages.cause(error);
        if (outage == null) {
            return loading;
        }
        Loaded revived = old.resurrect(ticker.read());
        if (revived.found()) {
            cache.asMap().compute(key, (k, current) -> {
                if (current == null || current == loading || current.isCompletedExceptionally()) {
                    counters.of(k).entries.increment(); // a failed load it replaces was never counted
                    return CompletableFuture.completedFuture(revived);
                }
                return current;
            });
        } else {
            misses.asMap().compute(key, (k, current) -> {
                if (current == null) {
                    counters.of(k).entries.increment();
                    return revived;
                }
                return expiry.remaining(current, ticker.read()) == 0 ? revived : current;
            });
        }
        outages.record(DatabaseOutages.Effect.SERVED_STALE, outage);
        return CompletableFuture.completedFuture(revived);
    }

    @Override
    public void expiryChanged(Duration ttl, Duration negativeTtl, Duration resurrectTtl) {
        expiry.reconfigure(ttl, negativeTtl, resurrectTtl);
    }

    @Override
    public Optional<Optional<Entity>> probe(CacheKey key) {
        Loaded miss = misses.getIfPresent(key);
        if (miss != null && expiry.remaining(miss, ticker.read()) > 0) {
            return Optional.of(Optional.empty());
        }
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
    public Optional<List<Entity>> probeAll(CacheKey key) {
        CompletableFuture<Loaded> entry = cache.getIfPresent(key);
        if (entry == null
                || entry.state() != CompletableFuture.State.SUCCESS
                || expiry.isStale(entry, ticker.read())
                || !entry.resultNow().many()) {
            return Optional.empty();
        }
        return Optional.of(entry.resultNow().entities());
    }

    @Override
    public List<CacheKey> keys(String prefix) {
        long now = ticker.read();
        Stream<CacheKey> found = cache.asMap().entrySet().stream()
                .filter(e -> e.getKey().value().startsWith(prefix) && !expiry.isStale(e.getValue(), now))
                .map(Map.Entry::getKey);
        Stream<CacheKey> missing = misses.asMap().entrySet().stream()
                .filter(e -> e.getKey().value().startsWith(prefix) && expiry.remaining(e.getValue(), now) > 0)
                .map(Map.Entry::getKey);
        return Stream.concat(found, missing)
                .distinct()
                .sorted((a, b) -> a.value().compareTo(b.value()))
                .toList();
    }

    @Override
    public void invalidate(CacheKey key) {
        cache.synchronous().invalidate(key);
        misses.invalidate(key);
    }

    @Override
    public void purge() {
        cache.synchronous().invalidateAll();
        misses.invalidateAll();
    }

    @Override
    public List<CacheKindStatistics> statistics() {
        cache.synchronous().cleanUp(); // pending evictions and expiries counted, off the lookup path
        misses.cleanUp();
        return counters.snapshot(); // entries counted as added and removed: linear in the kinds, not the entries
    }

    @Override
    public Optional<CacheMemory> memory() {
        long[] weights = weights();
        return Optional.of(new CacheMemory(weights[0] + weights[1], capacity));
    }

    /** Estimated bytes held by found entities and by misses (tests of the miss budget). */
    long[] weights() {
        cache.synchronous().cleanUp();
        misses.cleanUp();
        return new long[] {
            cache.synchronous().policy().eviction().orElseThrow().weightedSize().orElse(0),
            misses.policy().eviction().orElseThrow().weightedSize().orElse(0)
        };
    }
}
