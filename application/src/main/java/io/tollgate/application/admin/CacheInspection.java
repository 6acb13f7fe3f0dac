package io.tollgate.application.admin;

import io.tollgate.application.port.CacheKindStatistics;
import io.tollgate.application.port.CacheMemory;
import io.tollgate.application.port.in.InspectCache;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Optional;

/** Kong's {@code /cache} endpoints over this node's {@link NodeCache}; nothing here reaches other nodes. */
public final class CacheInspection implements InspectCache {

    private final NodeCache cache;

    public CacheInspection(NodeCache cache) {
        this.cache = cache;
    }

    @Override
    public Optional<Optional<Entity>> probe(String key) {
        return key.isEmpty() ? Optional.empty() : cache.probe(new CacheKey(key));
    }

    @Override
    public Optional<List<Entity>> probeAll(String key) {
        return key.isEmpty() ? Optional.empty() : cache.probeAll(new CacheKey(key));
    }

    @Override
    public List<String> keys(String prefix) {
        return cache.keys(prefix).stream().map(CacheKey::value).toList();
    }

    @Override
    public void invalidate(String key) {
        if (!key.isEmpty()) {
            cache.invalidate(new CacheKey(key));
        }
    }

    @Override
    public List<CacheKindStatistics> statistics() {
        return cache.statistics();
    }

    @Override
    public Optional<CacheMemory> memory() {
        return cache.memory();
    }

    @Override
    public void purge() {
        cache.purge();
    }
}
