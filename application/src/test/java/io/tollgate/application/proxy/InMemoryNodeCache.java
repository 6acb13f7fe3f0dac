package io.tollgate.application.proxy;

import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A node cache in memory that caches hits and misses. Misses complete at once, or, when {@link #deferLoads} is set,
 * only when the test calls {@link #runPendingLoads()} (as a real cache completes them on its own executor).
 */
public final class InMemoryNodeCache implements NodeCache {

    private final Map<CacheKey, Optional<Entity>> values = new ConcurrentHashMap<>();
    private final List<Runnable> pending = new ArrayList<>();
    public volatile boolean deferLoads;

    @Override
    public CompletableFuture<Optional<Entity>> get(CacheKey key, Supplier<Optional<Entity>> loader) {
        Optional<Entity> cached = values.get(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        CompletableFuture<Optional<Entity>> future = new CompletableFuture<>();
        Runnable load = () -> {
            Optional<Entity> loaded = loader.get();
            values.put(key, loaded);
            future.complete(loaded);
        };
        if (deferLoads) {
            synchronized (pending) {
                pending.add(load);
            }
        } else {
            load.run();
        }
        return future;
    }

    /** Runs the loads deferred so far (and any they trigger). */
    public void runPendingLoads() {
        while (true) {
            List<Runnable> batch;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            batch.forEach(Runnable::run);
        }
    }

    @Override
    public Optional<Optional<Entity>> probe(CacheKey key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public List<CacheKey> keys(String prefix) {
        return values.keySet().stream().filter(k -> k.value().startsWith(prefix)).sorted(
                java.util.Comparator.comparing(CacheKey::value)).toList();
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
