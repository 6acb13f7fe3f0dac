package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.DescribeNode;
import io.tollgate.application.port.in.InspectCache;
import io.tollgate.application.port.in.NodeInfo;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugins;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/** In-memory {@link DescribeNode} and {@link InspectCache} for Admin API tests. */
final class FakeNode implements DescribeNode, InspectCache {

    static final UUID NODE_ID = UUID.fromString("6f1d7c57-2c52-4d1c-9f0e-0b5b4f7a2c11");

    /** Cached entities; an empty Optional is a cached miss. */
    final Map<String, Optional<Entity>> cache = new ConcurrentSkipListMap<>();

    private final InMemoryEntities entities;

    FakeNode(InMemoryEntities entities) {
        this.entities = entities;
    }

    @Override
    public NodeInfo info() {
        Map<String, @Nullable Object> configuration = new LinkedHashMap<>();
        configuration.put("admin_listen", List.of("127.0.0.1:8001"));
        configuration.put("pg_password", "******");
        configuration.put("pg_user", null);
        return new NodeInfo("3.10.0", "test-host", NODE_ID, configuration);
    }

    @Override
    public boolean databaseReachable() {
        return !entities.down;
    }

    @Override
    public List<String> pluginsEnabledInCluster() {
        return entities.all(Plugins.SCHEMA).stream()
                .map(e -> e.string("name"))
                .distinct()
                .sorted()
                .toList();
    }

    @Override
    public Optional<Optional<Entity>> probe(String key) {
        return Optional.ofNullable(cache.get(key));
    }

    @Override
    public List<String> keys(String prefix) {
        return cache.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public void invalidate(String key) {
        cache.remove(key);
    }

    @Override
    public void purge() {
        cache.clear();
    }
}
