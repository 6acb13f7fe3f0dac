package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A node cache that, like the real one, answers hits at once and runs misses' loaders on its own executor (so the
 * proxy's asynchronous path is exercised). Hits and misses are cached.
 */
final class MemoryNodeCache implements NodeCache {

    private final ConcurrentMap<CacheKey, CompletableFuture<Optional<Entity>>> values = new ConcurrentHashMap<>();
    private final Executor loaders;

    MemoryNodeCache(Executor loaders) {
        this.loaders = loaders;
    }

    @Override
    public CompletableFuture<Optional<Entity>> get(CacheKey key, Supplier<Optional<Entity>> loader) {
        return values.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(20); // a database round trip
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return loader.get();
        }, loaders));
    }

    @Override
    public Optional<Optional<Entity>> probe(CacheKey key) {
        CompletableFuture<Optional<Entity>> value = values.get(key);
        return value == null || !value.isDone() ? Optional.empty() : Optional.of(value.join());
    }

    @Override
    public List<CacheKey> keys(String prefix) {
        return values.keySet().stream().filter(k -> k.value().startsWith(prefix)).toList();
    }

    @Override
    public void invalidate(CacheKey key) {
        values.remove(key);
    }

    @Override
    public void purge() {
        values.clear();
    }
}
