package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;

import io.tollgate.application.plugin.spi.ExchangeSummary;
import io.tollgate.application.plugin.spi.Metrics;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.service.Service;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code prometheus} (priority 13): in {@code log}, records each proxied request in the node's
 * {@linkplain PluginEnvironment#metrics() metrics registry} under Kong 3.x's names and labels, served on the Admin
 * API's {@code GET /metrics} (the node-level families, such as {@code kong_node_info}, are the node's own).
 *
 * <p>Config (all booleans, default {@code false}, as Kong): {@code status_code_metrics} counts
 * {@code kong_http_requests_total{service,route,code,source,workspace,consumer}} ({@code source} is {@code service}
 * when the upstream answered, else {@code kong}); {@code latency_metrics} observes the histograms
 * {@code kong_kong_latency_ms}, {@code kong_upstream_latency_ms} and {@code kong_request_latency_ms}
 * ({@code {service,route,workspace}}, ms, Kong's buckets); {@code bandwidth_metrics} counts
 * {@code kong_bandwidth_bytes{service,route,direction,workspace,consumer}} ({@code ingress}: request bytes,
 * {@code egress}: response bytes); {@code per_consumer} fills the {@code consumer} label with the consumer's username
 * (else it is empty); {@code upstream_health_metrics} asks the node to export {@code kong_upstream_target_health}.
 * {@code ai_metrics} and {@code wasm_metrics} are accepted and change nothing (Tollgate has neither). As in Kong, a
 * request without a service is not recorded; the service label is its name or else its host, the route label its name
 * or else its id.
 *
 * <p>It reads {@link PluginContext#exchangeSummary()}, not the whole log serializer object. Cost: each distinct label set's series are looked up once and kept, keyed by a small record of the request's ids
 * and names, so recording a request allocates only that key.
 */
public final class Prometheus implements TollgatePlugin {

    /** Kong's {@code KONG_LATENCY_BUCKETS} (ms). */
    static final List<Double> KONG_LATENCY_BUCKETS =
            List.of(1.0, 2.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0, 50.0, 75.0, 100.0, 200.0, 500.0, 750.0, 1000.0);

    /** Kong's {@code UPSTREAM_LATENCY_BUCKETS} (ms), also those of the request latency. */
    static final List<Double> UPSTREAM_LATENCY_BUCKETS =
            List.of(25.0, 50.0, 80.0, 100.0, 250.0, 400.0, 700.0, 1000.0, 2000.0, 5000.0, 10000.0, 30000.0, 60000.0);

    /** The workspace label: Kong's {@code default} workspace, the only one. */
    static final String WORKSPACE = "default";

    static final PluginDefinition DEFINITION = new PluginDefinition(
            "prometheus",
            13,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    bool("per_consumer").required().defaultValue(false),
                    bool("status_code_metrics").required().defaultValue(false),
                    bool("ai_metrics").required().defaultValue(false),
                    bool("latency_metrics").required().defaultValue(false),
                    bool("bandwidth_metrics").required().defaultValue(false),
                    bool("upstream_health_metrics").required().defaultValue(false),
                    bool("wasm_metrics").required().defaultValue(false)),
            false);

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(environment.metrics());
    }

    /** The label values of one request, as ids and names the request already holds (no string is built). */
    record SeriesKey(
            UUID service,
            @Nullable String serviceName,
            @Nullable UUID route,
            @Nullable String routeName,
            @Nullable String consumer,
            int code,
            boolean fromService) {}

    /** The node's handler: the families, and the series of each label set seen, made on first use. */
    static final class Handler implements PluginHandler {

        private final Metrics.Counter requests;
        private final Metrics.Histogram kongLatency;
        private final Metrics.Histogram upstreamLatency;
        private final Metrics.Histogram requestLatency;
        private final Metrics.Counter bandwidth;
        private final ConcurrentMap<SeriesKey, Series> series = new ConcurrentHashMap<>();

        Handler(Metrics metrics) {
            requests = metrics.counter(
                    "kong_http_requests_total",
                    "HTTP status codes per consumer/service/route in Kong",
                    List.of("service", "route", "code", "source", "workspace", "consumer"));
            kongLatency = metrics.histogram(
                    "kong_kong_latency_ms",
                    "Latency added by Kong and enabled plugins for each service/route in Kong",
                    List.of("service", "route", "workspace"),
                    KONG_LATENCY_BUCKETS);
            upstreamLatency = metrics.histogram(
                    "kong_upstream_latency_ms",
                    "Latency added by upstream response for each service/route in Kong",
                    List.of("service", "route", "workspace"),
                    UPSTREAM_LATENCY_BUCKETS);
            requestLatency = metrics.histogram(
                    "kong_request_latency_ms",
                    "Total latency incurred during requests for each service/route in Kong",
                    List.of("service", "route", "workspace"),
                    UPSTREAM_LATENCY_BUCKETS);
            bandwidth = metrics.counter(
                    "kong_bandwidth_bytes",
                    "Total bandwidth (ingress/egress) throughput in bytes",
                    List.of("service", "route", "direction", "workspace", "consumer"));
        }

        /** Recording is in memory and lock-free: the node may run it on the I/O thread that completed the exchange. */
        @Override
        public boolean logBlocks() {
            return false;
        }

        @Override
        public void log(PluginContext context, PluginConfig config) {
            Service service = context.service();
            if (service == null) {
                return;
            }
            boolean statusCodes = config.bool("status_code_metrics", false);
            boolean latencies = config.bool("latency_metrics", false);
            boolean bytes = config.bool("bandwidth_metrics", false);
            if (!statusCodes && !latencies && !bytes) {
                return;
            }
            ExchangeSummary exchange = context.exchangeSummary();
            Route route = context.route();
            Consumer consumer = config.bool("per_consumer", false) ? context.consumer() : null;
            SeriesKey key = new SeriesKey(
                    service.id().value(),
                    service.name(),
                    route == null ? null : route.id().value(),
                    route == null ? null : route.name(),
                    consumer == null ? null : consumer.username(),
                    exchange.status(),
                    exchange.source().equals("service"));
            Series s = series.computeIfAbsent(key, k -> new Series(k, service.host()));
            if (statusCodes) {
                s.requests(requests).inc();
            }
            if (latencies) {
                s.latencies(this).record(exchange);
            }
            if (bytes) {
                if (exchange.requestSize() > 0) {
                    s.ingress(bandwidth).inc(exchange.requestSize());
                }
                if (exchange.responseSize() > 0) {
                    s.egress(bandwidth).inc(exchange.responseSize());
                }
            }
        }

        /** How many label sets have series (for tests). */
        int seriesCount() {
            return series.size();
        }
    }

    /** The series of one label set, each made on first use (a family its flag leaves off gets no series). */
    static final class Series {
        private final String service;
        private final String route;
        private final String code;
        private final String source;
        private final String consumer;
        private volatile Metrics.@Nullable CounterChild requests;
        private volatile @Nullable Latencies latencies;
        private volatile Metrics.@Nullable CounterChild ingress;
        private volatile Metrics.@Nullable CounterChild egress;

        Series(SeriesKey key, String serviceHost) {
            this.service = key.serviceName() != null ? key.serviceName() : serviceHost;
            this.route = key.routeName() != null
                    ? key.routeName()
                    : key.route() == null ? "" : key.route().toString();
            this.code = Integer.toString(key.code());
            this.source = key.fromService() ? "service" : "kong";
            this.consumer = key.consumer() == null ? "" : key.consumer();
        }

        Metrics.CounterChild requests(Metrics.Counter family) {
            Metrics.CounterChild child = requests;
            if (child == null) {
                child = family.labels(service, route, code, source, WORKSPACE, consumer);
                requests = child;
            }
            return child;
        }

        Latencies latencies(Handler handler) {
            Latencies child = latencies;
            if (child == null) {
                child = new Latencies(
                        handler.kongLatency.labels(service, route, WORKSPACE),
                        handler.upstreamLatency.labels(service, route, WORKSPACE),
                        handler.requestLatency.labels(service, route, WORKSPACE));
                latencies = child;
            }
            return child;
        }

        Metrics.CounterChild ingress(Metrics.Counter family) {
            Metrics.CounterChild child = ingress;
            if (child == null) {
                child = family.labels(service, route, "ingress", WORKSPACE, consumer);
                ingress = child;
            }
            return child;
        }

        Metrics.CounterChild egress(Metrics.Counter family) {
            Metrics.CounterChild child = egress;
            if (child == null) {
                child = family.labels(service, route, "egress", WORKSPACE, consumer);
                egress = child;
            }
            return child;
        }
    }

    /** The three latency histograms of one service/route. */
    record Latencies(Metrics.HistogramChild kong, Metrics.HistogramChild upstream, Metrics.HistogramChild request) {

        /** Observes Kong's {@code latencies{kong, proxy, request}} (ms), each when not negative. */
        void record(ExchangeSummary exchange) {
            observe(request, exchange.requestLatencyMs());
            observe(upstream, exchange.proxyLatencyMs());
            observe(kong, exchange.kongLatencyMs());
        }

        private static void observe(Metrics.HistogramChild child, long ms) {
            if (ms >= 0) {
                child.observe(ms);
            }
        }
    }
}
