package io.tollgate.adapter.http.admin;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tollgate.application.port.CacheKindStatistics;
import io.tollgate.application.port.CacheMemory;
import io.tollgate.application.port.PoolUsage;
import io.tollgate.application.port.in.DescribeNode;
import io.tollgate.application.port.in.InspectCache;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Tollgate's families about this node's own resources for {@code GET /metrics} (Kong has none), read at each scrape
 * from counters the cache and the pools keep anyway (nothing is recorded for the scrape's sake):
 * <ul>
 * <li>the node cache (Kong's {@code kong.cache}), by entity kind (the cache key's schema part):
 *     {@code tollgate_cache_entries{kind}} (held now, cached misses included), {@code tollgate_cache_hits_total{kind}}
 *     (lookups answered without a load of their own), {@code tollgate_cache_negative_hits_total{kind}} (the hits on a
 *     cached miss), {@code tollgate_cache_misses_total{kind}} (lookups that loaded from the database),
 *     {@code tollgate_cache_loads_total{kind,result}} ({@code found}, {@code not_found}, {@code failed}) and
 *     {@code tollgate_cache_evictions_total{kind,cause}} ({@code size}: over {@code mem_cache_size};
 *     {@code expired}: past {@code db_cache_ttl}/{@code db_cache_neg_ttl});</li>
 * <li>the database pools ({@code pool} {@code primary}, and {@code replica} with {@code pg_ro_host}):
 *     {@code tollgate_db_pool_active_connections}, {@code tollgate_db_pool_idle_connections},
 *     {@code tollgate_db_pool_pending_threads} (waiting for a connection) and
 *     {@code tollgate_db_pool_max_connections};</li>
 * <li>Kong's shared-dict gauges {@code kong_memory_lua_shared_dict_bytes} and
 *     {@code kong_memory_lua_shared_dict_total_bytes} ({@code {node_id,shared_dict,kong_subsystem}}, bytes) for the
 *     node cache (Kong's {@code kong_db_cache} dict: its estimated bytes and {@code mem_cache_size}) and for the
 *     node's metrics registry (Kong's {@code prometheus_metrics} dict, which holds the prometheus plugin's series;
 *     Tollgate's registry holds those and its change-application families): the bytes its series take in the
 *     exposition's text, an estimate, and the JVM's maximum heap as the bound (the registry lives on the heap and
 *     has no capacity of its own).</li>
 * </ul>
 */
final class ResourceFamilies {

    private final InspectCache cache;
    private final DescribeNode node;

    ResourceFamilies(InspectCache cache, DescribeNode node) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.node = Objects.requireNonNull(node, "node");
    }

    /**
     * Adds the cache, shared-dict and pool families to {@code all}.
     *
     * @param metricsBytes the bytes the metrics registry's series take in this exposition's text
     */
    void addTo(MetricSnapshots.Builder all, long metricsBytes) {
        List<CacheKindStatistics> kinds = cache.statistics();
        GaugeSnapshot.Builder entries = GaugeSnapshot.builder()
                .name("tollgate_cache_entries")
                .help("Entries of this node's cache (Kong's kong.cache) by entity kind, cached misses included");
        CounterSnapshot.Builder hits = counter("tollgate_cache_hits", "Node cache lookups answered without a load");
        CounterSnapshot.Builder negative =
                counter("tollgate_cache_negative_hits", "Node cache lookups answered by a cached miss");
        CounterSnapshot.Builder misses =
                counter("tollgate_cache_misses", "Node cache lookups that loaded from the database");
        CounterSnapshot.Builder loads = counter("tollgate_cache_loads", "Node cache loads from the database by result");
        CounterSnapshot.Builder evictions =
                counter("tollgate_cache_evictions", "Node cache entries evicted by size or expired");
        for (CacheKindStatistics k : kinds) {
            Labels kind = Labels.of("kind", k.kind());
            entries.dataPoint(GaugeDataPointSnapshot.builder()
                    .value(k.entries())
                    .labels(kind)
                    .build());
            hits.dataPoint(count(k.hits(), kind));
            negative.dataPoint(count(k.negativeHits(), kind));
            misses.dataPoint(count(k.misses(), kind));
            loads.dataPoint(count(k.loadsFound(), kind.add("result", "found")));
            loads.dataPoint(count(k.loadsNotFound(), kind.add("result", "not_found")));
            loads.dataPoint(count(k.loadsFailed(), kind.add("result", "failed")));
            evictions.dataPoint(count(k.evictedSize(), kind.add("cause", "size")));
            evictions.dataPoint(count(k.expired(), kind.add("cause", "expired")));
        }
        all.metricSnapshot(entries.build());
        all.metricSnapshot(hits.build());
        all.metricSnapshot(negative.build());
        all.metricSnapshot(misses.build());
        all.metricSnapshot(loads.build());
        all.metricSnapshot(evictions.build());
        sharedDicts(all, cache.memory().orElse(null), metricsBytes);
        List<PoolUsage> pools = node.databasePools();
        if (pools.isEmpty()) {
            return;
        }
        all.metricSnapshot(
                pool(pools, "tollgate_db_pool_active_connections", "Database connections in use", PoolUsage::active));
        all.metricSnapshot(
                pool(pools, "tollgate_db_pool_idle_connections", "Open database connections idle", PoolUsage::idle));
        all.metricSnapshot(pool(
                pools,
                "tollgate_db_pool_pending_threads",
                "Threads waiting for a database connection",
                PoolUsage::pending));
        all.metricSnapshot(pool(
                pools, "tollgate_db_pool_max_connections", "Most database connections the pool opens", PoolUsage::max));
    }

    /**
     * Kong's shared-dict gauges: {@code kong_db_cache} (the node cache's weighed bytes and its capacity) when the cache
     * weighs its entries, and {@code prometheus_metrics} (the registry's series' bytes in the text, the maximum heap).
     */
    private void sharedDicts(MetricSnapshots.Builder all, @Nullable CacheMemory memory, long metricsBytes) {
        String nodeId = node.info().nodeId().toString();
        GaugeSnapshot.Builder used = GaugeSnapshot.builder()
                .name("kong_memory_lua_shared_dict_bytes")
                .help("Allocated slabs in bytes in a shared_dict (Tollgate: kong_db_cache, the node cache's estimated"
                        + " bytes; prometheus_metrics, the metrics registry's series' bytes in this text)");
        GaugeSnapshot.Builder total = GaugeSnapshot.builder()
                .name("kong_memory_lua_shared_dict_total_bytes")
                .help("Total capacity in bytes of a shared_dict (Tollgate: kong_db_cache, mem_cache_size;"
                        + " prometheus_metrics, the JVM's maximum heap)");
        if (memory != null) {
            Labels cacheDict = dict(nodeId, "kong_db_cache");
            used.dataPoint(point(memory.usedBytes(), cacheDict));
            total.dataPoint(point(memory.capacityBytes(), cacheDict));
        }
        MetricsDict metrics = metricsDict(metricsBytes);
        Labels metricsDict = dict(nodeId, MetricsDict.NAME);
        used.dataPoint(point(metrics.allocatedBytes(), metricsDict));
        total.dataPoint(point(metrics.capacityBytes(), metricsDict));
        all.metricSnapshot(used.build());
        all.metricSnapshot(total.build());
    }

    /**
     * Kong's {@code prometheus_metrics} shared dict as Tollgate reports it, in {@code /metrics}' gauges and
     * {@code GET /status}: the metrics registry's series' bytes in the exposition's text, and the JVM's maximum heap.
     */
    record MetricsDict(long allocatedBytes, long capacityBytes) {

        /** The dict's name, Kong's. */
        static final String NAME = "prometheus_metrics";
    }

    /** The {@code prometheus_metrics} dict, its series taking {@code metricsBytes} in the exposition's text. */
    static MetricsDict metricsDict(long metricsBytes) {
        return new MetricsDict(metricsBytes, Runtime.getRuntime().maxMemory());
    }

    private static Labels dict(String nodeId, String name) {
        return Labels.of("node_id", nodeId, "shared_dict", name, "kong_subsystem", "http");
    }

    private static GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    private static GaugeSnapshot pool(
            List<PoolUsage> pools, String name, String help, ToDoubleFunction<PoolUsage> value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (PoolUsage p : pools) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder()
                    .value(value.applyAsDouble(p))
                    .labels(Labels.of("pool", p.pool()))
                    .build());
        }
        return gauge.build();
    }

    private static CounterSnapshot.Builder counter(String name, String help) {
        return CounterSnapshot.builder().name(name).help(help);
    }

    private static CounterDataPointSnapshot count(long value, Labels labels) {
        return CounterDataPointSnapshot.builder().value(value).labels(labels).build();
    }
}
