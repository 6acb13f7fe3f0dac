package io.tollgate.application.testing;

import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A {@link NodeCache} in memory that caches hits and misses and shares in-flight loads. Loads run at once by
 * default; on an {@link Executor} when given one (as the real cache runs them off the caller's thread); or, when
 * {@link #deferLoads} is set, only when the test calls {@link #runPendingLoads()}.
 */
public final class InMemoryNodeCache implements NodeCache {

    private final Map<CacheKey, CompletableFuture<Optional<Entity>>> values = new ConcurrentHashMap<>();
    private final List<Runnable> pending = new ArrayList<>();
    private final Executor loads;
    public volatile boolean deferLoads;

    public InMemoryNodeCache() {
        this(Runnable::run);
    }

    public InMemoryNodeCache(Executor loads) {
        this.loads = loads;
    }

    @Override
    public CompletableFuture<Optional<Entity>> get(CacheKey key, Supplier<Optional<Entity>> loader) {
        return values.computeIfAbsent(key, k -> {
            CompletableFuture<Optional<Entity>> future = new CompletableFuture<>();
            Runnable load = () -> {
                try {
                    future.complete(loader.get());
                } catch (RuntimeException e) {
                    values.remove(k, future);
                    future.completeExceptionally(e);
                }
            };
            if (deferLoads) {
                synchronized (pending) {
                    pending.add(load);
                }
            } else {
                loads.execute(load);
            }
            return future;
        });
    }

    /** List entries, in their own map (a key is used for one kind of lookup only). */
    private final Map<CacheKey, CompletableFuture<List<Entity>>> lists = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<List<Entity>> getAll(CacheKey key, Supplier<List<Entity>> loader) {
        return lists.computeIfAbsent(key, k -> {
            CompletableFuture<List<Entity>> future = new CompletableFuture<>();
            loads.execute(() -> {
                try {
                    future.complete(List.copyOf(loader.get()));
                } catch (RuntimeException e) {
                    lists.remove(k, future);
                    future.completeExceptionally(e);
                }
            });
            return future;
        });
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
        CompletableFuture<Optional<Entity>> value = values.get(key);
        return value == null || !value.isDone() || value.isCompletedExceptionally()
                ? Optional.empty()
                : Optional.of(value.join());
    }

    @Override
    public List<CacheKey> keys(String prefix) {
        return java.util.stream.Stream.concat(values.keySet().stream(), lists.keySet().stream())
                .filter(k -> k.value().startsWith(prefix))
                .sorted(Comparator.comparing(CacheKey::value))
                .toList();
    }

    @Override
    public void invalidate(CacheKey key) {
        values.remove(key);
        lists.remove(key);
    }

    @Override
    public void purge() {
        values.clear();
        lists.clear();
    }
}
