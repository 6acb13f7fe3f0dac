package io.tollgate.bootstrap.wiring;

import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A node cache that keeps nothing: for command-line tools that write without serving ({@link ImportComponent}). */
final class NoNodeCache implements NodeCache {

    @Override
    public CompletableFuture<Optional<Entity>> get(CacheKey key, Supplier<Optional<Entity>> loader) {
        return CompletableFuture.completedFuture(loader.get());
    }

    @Override
    public CompletableFuture<List<Entity>> getAll(CacheKey key, Supplier<List<Entity>> loader) {
        return CompletableFuture.completedFuture(loader.get());
    }

    @Override
    public Optional<Optional<Entity>> probe(CacheKey key) {
        return Optional.empty();
    }

    @Override
    public List<CacheKey> keys(String prefix) {
        return List.of();
    }

    @Override
    public void invalidate(CacheKey key) {}

    @Override
    public void purge() {}
}
