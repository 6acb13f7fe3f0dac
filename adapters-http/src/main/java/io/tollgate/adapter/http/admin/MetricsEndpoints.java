package io.tollgate.adapter.http.admin;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tollgate.application.port.in.DescribeNode;
import io.tollgate.application.port.in.InspectCache;
import io.tollgate.application.port.in.InspectTimers;
import io.tollgate.application.port.in.NodeInfo;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's prometheus exposition ({@code GET /metrics} of the Admin API and of {@code status_listen}): Prometheus' text
 * format 0.0.4 ({@link KongTextFormat#CONTENT_TYPE}, {@code text/plain; charset=UTF-8} as Kong sends it) with the
 * node-level families Kong always exports, then what the plugins recorded ({@link MetricsSource}).
 *
 * <p>Node-level families, as Kong 3.x names them: {@code kong_node_info{node_id,version}} (1),
 * {@code kong_datastore_reachable} (1 when a query succeeds now, else 0),
 * {@code kong_nginx_connections_total{node_id,subsystem,state}} (the server's counters of {@code GET /status}: states
 * {@code accepted}, {@code active}, {@code handled}, {@code reading}, {@code total}, {@code waiting},
 * {@code writing}; proxy and admin listeners together, as nginx counts), {@code kong_nginx_requests_total{node_id,
 * subsystem}}, {@code kong_memory_workers_lua_vms_bytes{node_id,pid,kong_subsystem}} (the JVM's used heap, bytes:
 * Tollgate's counterpart of the workers' Lua VMs), {@code kong_nginx_metric_errors_total} (Kong's count of its metric
 * library's failures to record; the Java client's registry does not fail that way, so always 0),
 * {@code kong_nginx_timers{state}} (the node's timers, read at the scrape: {@code running} tasks, and
 * {@code pending} ones, not started yet, due or waiting for their time, as {@code ngx.timer.pending_count} counts),
 * Kong's shared-dict gauges ({@link ResourceFamilies}; for {@code prometheus_metrics}, the bytes the
 * {@link MetricsSource}'s series take in this exposition's text, counted by writing them once more) and {@code kong_upstream_target_health} when a prometheus instance asks for it
 * ({@link UpstreamHealthFamily}); beyond Kong, the node cache's and database pools' families
 * ({@link ResourceFamilies}) and the cluster's ({@link ClusterFamilies}). Written as Kong writes its text
 * ({@link KongTextFormat}: lines sorted, Kong's label order, whole numbers without a fraction).
 */
final class MetricsEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoints.class);
    private static final Set<String> GET = Set.of("GET");
    private static final String SUBSYSTEM = "http";

    private final DescribeNode node;
    private final ServerStatistics statistics;
    private final MetricsSource plugins;
    private final UpstreamHealthFamily upstreamHealth;
    private final ResourceFamilies resources;
    private final ClusterFamilies cluster;
    private final @Nullable InspectTimers timers;

    MetricsEndpoints(
            DescribeNode node,
            ServerStatistics statistics,
            MetricsSource plugins,
            UpstreamHealthFamily upstreamHealth,
            InspectCache cache,
            ClusterFamilies cluster,
            @Nullable InspectTimers timers) {
        this.timers = timers;
        this.resources = new ResourceFamilies(cache, node);
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.upstreamHealth = Objects.requireNonNull(upstreamHealth, "upstreamHealth");
        this.node = Objects.requireNonNull(node, "node");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.plugins = Objects.requireNonNull(plugins, "source");
    }

    /** {@code GET /metrics}. */
    Endpoint metrics() {
        return new Endpoint(GET, (method, exchange) -> {
            byte[] body = render();
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, KongTextFormat.CONTENT_TYPE);
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        });
    }

    /** The whole exposition. */
    byte[] render() throws IOException {
        MetricSnapshots recorded = plugins.scrape();
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        nodeFamilies(all);
        upstreamHealth.snapshot().ifPresent(all::metricSnapshot);
        resources.addTo(all, seriesBytes(recorded));
        cluster.addTo(all);
        for (MetricSnapshot snapshot : recorded) {
            all.metricSnapshot(snapshot);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        KongTextFormat.write(out, all.build(), plugins::labelOrder);
        return out.toByteArray();
    }

    /**
     * The {@code prometheus_metrics} shared dict as {@code /metrics} reports it now (its series' bytes in the text and
     * its capacity), for {@code GET /status}'s {@code memory.lua_shared_dicts}.
     */
    ResourceFamilies.MetricsDict metricsDict() throws IOException {
        return ResourceFamilies.metricsDict(seriesBytes(plugins.scrape()));
    }

    /** The bytes {@code recorded}'s series take in the exposition's text, counted by writing them once. */
    private long seriesBytes(MetricSnapshots recorded) throws IOException {
        ByteCount bytes = new ByteCount();
        KongTextFormat.write(bytes, recorded, plugins::labelOrder);
        return bytes.count;
    }

    private void nodeFamilies(MetricSnapshots.Builder all) {
        NodeInfo info = node.info();
        String nodeId = info.nodeId().toString();
        all.metricSnapshot(gauge(
                "kong_node_info",
                "Kong Node metadata information",
                point(1, Labels.of("node_id", nodeId, "version", info.version()))));
        all.metricSnapshot(gauge(
                "kong_datastore_reachable",
                "Datastore reachable from Kong, 0 is unreachable",
                point(reachable() ? 1 : 0, Labels.EMPTY)));
        ServerStatistics.Counts counts = statistics.counts();
        all.metricSnapshot(gauge(
                "kong_nginx_connections_total",
                "Number of connections by subsystem",
                connections(nodeId, "accepted", counts.connectionsAccepted()),
                connections(nodeId, "active", counts.connectionsActive()),
                connections(nodeId, "handled", counts.connectionsHandled()),
                connections(nodeId, "reading", counts.connectionsReading()),
                connections(nodeId, "total", counts.totalRequests()),
                connections(nodeId, "waiting", counts.connectionsWaiting()),
                connections(nodeId, "writing", counts.connectionsWriting())));
        all.metricSnapshot(gauge(
                "kong_nginx_requests_total",
                "Number of requests total",
                point(counts.totalRequests(), Labels.of("node_id", nodeId, "subsystem", SUBSYSTEM))));
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        all.metricSnapshot(gauge(
                "kong_memory_workers_lua_vms_bytes",
                "Allocated bytes in worker Lua VM (Tollgate: the JVM's used heap)",
                point(
                        heapUsed,
                        Labels.of(
                                "node_id",
                                nodeId,
                                "pid",
                                Long.toString(ProcessHandle.current().pid()),
                                "kong_subsystem",
                                SUBSYSTEM))));
        if (timers != null) {
            InspectTimers.Timers now = timers.timers();
            all.metricSnapshot(gauge(
                    "kong_nginx_timers",
                    "Number of nginx timers",
                    point(now.running(), Labels.of("state", "running")),
                    point(now.pending() + now.waiting(), Labels.of("state", "pending"))));
        }
        all.metricSnapshot(CounterSnapshot.builder()
                .name("kong_nginx_metric_errors")
                .help("Number of nginx-lua-prometheus errors")
                .dataPoint(CounterDataPointSnapshot.builder().value(0).build())
                .build());
    }

    private boolean reachable() {
        try {
            return node.databaseReachable();
        } catch (RuntimeException e) {
            LOG.warn("prometheus: failed to reach database while processing /metrics endpoint: {}", e.toString());
            return false;
        }
    }

    private static GaugeDataPointSnapshot connections(String nodeId, String state, long value) {
        return point(value, Labels.of("node_id", nodeId, "subsystem", SUBSYSTEM, "state", state));
    }

    private static GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    private static GaugeSnapshot gauge(String name, String help, GaugeDataPointSnapshot... points) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (GaugeDataPointSnapshot p : points) {
            gauge.dataPoint(p);
        }
        return gauge.build();
    }

    /** Counts the bytes written to it and keeps none. */
    private static final class ByteCount extends OutputStream {

        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
