package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.CacheMemory;
import io.tollgate.application.port.in.DescribeNode;
import io.tollgate.application.port.in.InspectCache;
import io.tollgate.application.port.in.NodeInfo;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's node endpoints (kong-internals §7.7): {@code GET /} (node facts, {@code lua_version} naming the JVM,
 * plugins, configuration),
 * {@code GET /status} (database reachability, server counters, memory) and {@code GET /plugins/enabled}.
 */
final class NodeEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(NodeEndpoints.class);
    private static final Set<String> GET = Set.of("GET");

    private final DescribeNode node;
    private final ServerStatistics statistics;
    private final InspectCache cache;
    private final MetricsEndpoints metrics;

    /** With {@code metrics} reporting the {@code prometheus_metrics} dict as {@code /metrics} does. */
    NodeEndpoints(DescribeNode node, ServerStatistics statistics, InspectCache cache, MetricsEndpoints metrics) {
        this.node = Objects.requireNonNull(node, "node");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    Endpoint root() {
        return new Endpoint(GET, (method, exchange) -> {
            NodeInfo info = node.info();
            Map<String, @Nullable Object> available = new LinkedHashMap<>();
            for (PluginDefinition plugin : PluginCatalog.all()) {
                available.put(plugin.name(), Map.of("version", plugin.version(), "priority", plugin.priority()));
            }
            Map<String, @Nullable Object> body = new LinkedHashMap<>();
            body.put("tagline", "Welcome to kong");
            body.put("version", info.version());
            body.put("edition", "community");
            body.put("hostname", info.hostname());
            body.put("node_id", info.nodeId().toString());
            // Kong reports its LuaJIT; Tollgate runs on the JVM and says which (Kong Manager only displays it)
            body.put("lua_version", "Java " + Runtime.version());
            body.put(
                    EntityKind.PLUGINS.kongName(),
                    Map.of(
                            "available_on_server",
                            available,
                            "enabled_in_cluster",
                            List.copyOf(node.pluginsEnabledInCluster())));
            body.put("configuration", info.configuration());
            long pid = ProcessHandle.current().pid();
            body.put("pids", Map.of("master", pid, "workers", List.of(pid)));
            Responses.json(exchange, 200, body);
        });
    }

    Endpoint status() {
        return new Endpoint(GET, (method, exchange) -> {
            String unit = Pagination.first(exchange.getQueryParameters(), "unit");
            String scale = Pagination.first(exchange.getQueryParameters(), "scale");
            Map<String, @Nullable Object> body = new LinkedHashMap<>();
            body.put("memory", memory(unit == null ? "m" : unit, scale(scale), cache.memory(), metrics.metricsDict()));
            body.put("server", server(statistics.counts()));
            body.put("database", Map.of("reachable", reachable()));
            Responses.json(exchange, 200, body);
        });
    }

    /**
     * Kong's {@code GET|POST /config}, DB-less mode's declarative configuration: in database mode, Tollgate's only
     * one, Kong answers 400 {@code {"message": "this endpoint is only available when Kong is configured to not use a
     * database"}} (Tollgate's declarative files go through {@code tollgate config db_import}).
     */
    static Endpoint declarativeConfig() {
        return new Endpoint(
                Set.of("GET", "POST"),
                (method, exchange) -> Responses.message(
                        exchange,
                        400,
                        "this endpoint is only available when Kong is configured to not use a database"));
    }

    Endpoint enabledPlugins() {
        return new Endpoint(
                GET,
                (method, exchange) -> Responses.json(
                        exchange,
                        200,
                        Map.of(
                                "enabled_plugins",
                                PluginCatalog.all().stream()
                                        .map(PluginDefinition::name)
                                        .sorted()
                                        .toList())));
    }

    /** Whether the database answers now; never throws (a failure is {@code false}). */
    boolean reachable() {
        try {
            return node.databaseReachable();
        } catch (RuntimeException e) {
            LOG.debug("database reachability check failed", e);
            return false;
        }
    }

    private static Map<String, Object> server(ServerStatistics.Counts counts) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("connections_active", counts.connectionsActive());
        server.put("connections_reading", counts.connectionsReading());
        server.put("connections_writing", counts.connectionsWriting());
        server.put("connections_waiting", counts.connectionsWaiting());
        server.put("connections_accepted", counts.connectionsAccepted());
        server.put("connections_handled", counts.connectionsHandled());
        server.put("total_requests", counts.totalRequests());
        return server;
    }

    /**
     * Kong's {@code memory} object with the JVM in place of nginx: the heap in use as the one worker's
     * {@code http_allocated_gc}; as Kong's shared dictionaries, the memory the node's threads share, the heap, as
     * {@code kong} (capacity = maximum, allocated = committed) and the node cache as {@code kong_db_cache} (capacity
     * = {@code mem_cache_size}, allocated = its estimated bytes) and the metrics registry as
     * {@code prometheus_metrics}, as {@code /metrics} shows them.
     */
    private static Map<String, Object> memory(
            String unit, int scale, Optional<CacheMemory> cache, ResourceFamilies.MetricsDict metrics) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() < 0 ? heap.getCommitted() : heap.getMax();
        Map<String, Object> worker = new LinkedHashMap<>();
        worker.put("pid", ProcessHandle.current().pid());
        worker.put("http_allocated_gc", bytes(heap.getUsed(), unit, scale));
        Map<String, Object> dicts = new LinkedHashMap<>();
        dicts.put("kong", dict(max, heap.getCommitted(), unit, scale));
        cache.ifPresent(c -> dicts.put("kong_db_cache", dict(c.capacityBytes(), c.usedBytes(), unit, scale)));
        dicts.put(
                ResourceFamilies.MetricsDict.NAME,
                dict(metrics.capacityBytes(), metrics.allocatedBytes(), unit, scale));
        return Map.of("workers_lua_vms", List.of(worker), "lua_shared_dicts", dicts);
    }

    private static Map<String, Object> dict(long capacity, long allocated, String unit, int scale) {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("capacity", bytes(capacity, unit, scale));
        dict.put("allocated_slabs", bytes(allocated, unit, scale));
        return dict;
    }

    private static int scale(@Nullable String raw) {
        if (raw == null) {
            return 2;
        }
        try {
            int scale = Integer.parseInt(raw.trim());
            if (scale >= 0 && scale <= 20) {
                return scale;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ClientError.badRequest("scale must be equal or greater than 0");
    }

    /**
     * Kong's {@code bytes_to_str}: the number of bytes for {@code b} (a JSON number), else
     * {@code "<n> KiB|MiB|GiB"} with {@code scale} decimals.
     */
    static Object bytes(long bytes, String unit, int scale) {
        String format = "%." + scale + "f";
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "b" -> bytes;
            case "k" -> String.format(Locale.ROOT, format + " KiB", bytes / 1024.0);
            case "m" -> String.format(Locale.ROOT, format + " MiB", bytes / (1024.0 * 1024));
            case "g" -> String.format(Locale.ROOT, format + " GiB", bytes / (1024.0 * 1024 * 1024));
            default -> throw ClientError.badRequest("invalid unit '" + unit + "' (expected 'k/K', 'm/M', or 'g/G')");
        };
    }
}
