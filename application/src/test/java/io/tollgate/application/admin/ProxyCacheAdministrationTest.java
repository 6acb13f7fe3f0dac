package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.bundled.BundledPlugins;
import io.tollgate.application.plugin.spi.CachedResponse;
import io.tollgate.application.plugin.spi.ResponseCache;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ProxyCachePurged;
import io.tollgate.domain.plugin.PluginCatalog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy-cache Admin API's use cases: entries found and purged by key, by plugin instance (404 for an id that is
 * not a proxy-cache instance) or all, each purge appended to the event log for the other nodes, and a purge read
 * from the log applied to a node's store.
 */
class ProxyCacheAdministrationTest {

    final RecordingPorts ports = new RecordingPorts();
    final MapStore store = new MapStore();
    Entity instance;
    Entity otherPlugin;
    ProxyCacheAdministration admin;

    @BeforeEach
    void setUp() {
        PluginCatalog.enable(
                BundledPlugins.all().stream().map(TollgatePlugin::definition).toList());
        instance = Entities.plugin("proxy-cache", Map.of("strategy", "memory"), Map.of());
        otherPlugin = Entities.plugin("correlation-id", Map.of(), Map.of());
        ports.store.add(instance, otherPlugin);
        admin = new ProxyCacheAdministration(ports.store, store, ports.log, ports.transactions, UUID.randomUUID());
    }

    @AfterEach
    void restore() {
        PluginCatalog.enable(PluginCatalog.bundled());
    }

    CachedResponse response(@Nullable UUID owner) {
        return new CachedResponse(
                200,
                Map.of("Content-Type", List.of("text/plain")),
                "hello".getBytes(StandardCharsets.UTF_8),
                1_700_000_000L,
                300,
                1,
                owner);
    }

    @Test
    void finds_and_purges_one_entry_and_tells_the_other_nodes() {
        store.put("k1", response(instance.id()), 300);
        assertThat(admin.find("k1")).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo(200);
            assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(e.ttl()).isEqualTo(300);
        });
        assertThat(admin.purge("k1")).isTrue();
        assertThat(admin.find("k1")).isEmpty();
        assertThat(admin.purge("k1")).isFalse();
        assertThat(ports.purges).containsExactly(new ProxyCachePurged(instance.id(), "k1"));
    }

    @Test
    void the_instance_forms_answer_only_for_a_proxy_cache_instance() {
        store.put("k1", response(instance.id()), 300);
        store.put("k2", response(instance.id()), 300);
        store.put("k3", response(UUID.randomUUID()), 300);
        assertThat(admin.find(otherPlugin.id(), "k1")).isEmpty();
        assertThat(admin.find(UUID.randomUUID(), "k1")).isEmpty();
        assertThat(admin.find(instance.id(), "k1")).isPresent();
        assertThat(admin.purge(otherPlugin.id(), "k1")).isFalse();
        assertThat(admin.purge(instance.id(), "k1")).isTrue();
        assertThat(admin.purgeInstance(otherPlugin.id())).isFalse();
        assertThat(admin.purgeInstance(instance.id())).isTrue();
        assertThat(store.get("k2")).isNull();
        assertThat(store.get("k3")).isNotNull();
        admin.purgeAll();
        assertThat(store.get("k3")).isNull();
        assertThat(ports.purges)
                .containsExactly(
                        new ProxyCachePurged(instance.id(), "k1"),
                        new ProxyCachePurged(instance.id(), null),
                        new ProxyCachePurged(null, null));
    }

    @Test
    void a_purge_from_another_node_drops_the_entry_the_instances_entries_or_all() {
        UUID other = UUID.randomUUID();
        store.put("k1", response(instance.id()), 300);
        store.put("k2", response(instance.id()), 300);
        store.put("k3", response(other), 300);
        store.put("k4", response(other), 300);
        ProxyCacheAdministration.apply(store, new ProxyCachePurged(other, "k3"));
        assertThat(store.get("k3")).isNull();
        assertThat(store.get("k4")).isNotNull();
        ProxyCacheAdministration.apply(store, new ProxyCachePurged(instance.id(), null));
        assertThat(store.get("k1")).isNull();
        assertThat(store.get("k2")).isNull();
        assertThat(store.get("k4")).isNotNull();
        ProxyCacheAdministration.apply(store, new ProxyCachePurged(null, null));
        assertThat(store.get("k4")).isNull();
    }

    /** A store without expiry. */
    static final class MapStore implements ResponseCache {
        final Map<String, CachedResponse> entries = new ConcurrentHashMap<>();

        @Override
        public @Nullable CachedResponse get(String key) {
            return entries.get(key);
        }

        @Override
        public void put(String key, CachedResponse response, long ttlSeconds) {
            entries.put(key, response);
        }

        @Override
        public boolean remove(String key) {
            return entries.remove(key) != null;
        }

        @Override
        public int removeAll(UUID pluginId) {
            int before = entries.size();
            entries.values().removeIf(r -> pluginId.equals(r.pluginId()));
            return before - entries.size();
        }

        @Override
        public void clear() {
            entries.clear();
        }

        @Override
        public long maxEntryBytes() {
            return Long.MAX_VALUE;
        }
    }
}
