package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.ExchangeSummary;
import io.tollgate.application.plugin.spi.Metrics;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The prometheus plugin's recording, against an in-memory {@link Metrics} and a stub request. */
class PrometheusTest {

    private final Recorder metrics = new Recorder();
    private final Prometheus.Handler handler = new Prometheus.Handler(metrics);
    private final Entity serviceEntity = Entities.service("http://upstream.test", Map.of("name", "orders"));
    private final Service service = Service.of(serviceEntity);
    private final Route route = Route.of(Entities.route(serviceEntity, Map.of("name", "list", "paths", List.of("/o"))));

    @Test
    void countsRequestsPerLabelSetAndKeepsTheSeries() {
        PluginConfig config = config("status_code_metrics", true);
        handler.log(request(service, route, null, 200, "service", Map.of()), config);
        handler.log(request(service, route, null, 200, "service", Map.of()), config);
        handler.log(request(service, route, null, 503, "exit", Map.of()), config);

        assertThat(metrics.value("kong_http_requests_total", "orders", "list", "200", "service", "default", ""))
                .isEqualTo(2.0);
        assertThat(metrics.value("kong_http_requests_total", "orders", "list", "503", "kong", "default", ""))
                .isEqualTo(1.0);
        assertThat(metrics.lookups)
                .as("one child lookup per label set, not per request")
                .isEqualTo(2);
        assertThat(handler.seriesCount()).isEqualTo(2);
    }

    @Test
    void recordsNothingWithTheDefaultFlagsNorWithoutAService() {
        handler.log(request(service, route, null, 200, "service", Map.of()), config("per_consumer", true));
        handler.log(request(null, null, null, 404, "kong", Map.of()), config("status_code_metrics", true));

        assertThat(metrics.values).isEmpty();
        assertThat(handler.seriesCount()).isZero();
    }

    @Test
    void observesLatenciesSkippingANegativeUpstreamLatency() {
        PluginConfig config = config("latency_metrics", true);
        handler.log(request(service, route, null, 200, "service", latencies(3, 40, 45)), config);
        handler.log(request(service, route, null, 502, "error", latencies(2, -1, 2)), config);

        assertThat(metrics.observations("kong_kong_latency_ms", "orders", "list", "default"))
                .containsExactly(3.0, 2.0);
        assertThat(metrics.observations("kong_upstream_latency_ms", "orders", "list", "default"))
                .containsExactly(40.0);
        assertThat(metrics.observations("kong_request_latency_ms", "orders", "list", "default"))
                .containsExactly(45.0, 2.0);
        assertThat(metrics.values)
                .as("no request counter without status_code_metrics")
                .isEmpty();
    }

    @Test
    void countsBandwidthPerConsumerWithTheServiceHostAndRouteIdWhenUnnamed() {
        Entity unnamed = Entities.service("http://backend.test", Map.of());
        Service anonymousService = Service.of(unnamed);
        Route anonymousRoute = Route.of(Entities.route(unnamed, Map.of("paths", List.of("/b"))));
        Consumer alice = Consumer.of(Entities.consumer("alice", null));
        Map<String, Object> message = new HashMap<>();
        message.put("request", Map.of("size", 120L));
        message.put("response", Map.of("size", 800L));
        PluginConfig config = new PluginConfig(Map.of("bandwidth_metrics", true, "per_consumer", true));

        handler.log(request(anonymousService, anonymousRoute, alice, 200, "service", message), config);

        String routeId = anonymousRoute.id().value().toString();
        assertThat(metrics.value("kong_bandwidth_bytes", "backend.test", routeId, "ingress", "default", "alice"))
                .isEqualTo(120.0);
        assertThat(metrics.value("kong_bandwidth_bytes", "backend.test", routeId, "egress", "default", "alice"))
                .isEqualTo(800.0);
    }

    @Test
    void declaresKongsFamiliesWithKongsBuckets() {
        assertThat(metrics.labels.get("kong_http_requests_total"))
                .containsExactly("service", "route", "code", "source", "workspace", "consumer");
        assertThat(metrics.labels.get("kong_bandwidth_bytes"))
                .containsExactly("service", "route", "direction", "workspace", "consumer");
        assertThat(metrics.labels.get("kong_kong_latency_ms")).containsExactly("service", "route", "workspace");
        assertThat(metrics.buckets.get("kong_kong_latency_ms"))
                .startsWith(1.0, 2.0, 5.0)
                .endsWith(750.0, 1000.0);
        assertThat(metrics.buckets.get("kong_upstream_latency_ms"))
                .startsWith(25.0)
                .endsWith(60000.0);
        assertThat(metrics.buckets.get("kong_request_latency_ms")).isEqualTo(Prometheus.UPSTREAM_LATENCY_BUCKETS);
        assertThat(Prometheus.DEFINITION.priority()).isEqualTo(13);
    }

    private static PluginConfig config(String flag, boolean on) {
        return new PluginConfig(Map.of(flag, on));
    }

    private static Map<String, Object> latencies(long kong, long proxy, long request) {
        return Map.of("latencies", Map.of("kong", kong, "proxy", proxy, "request", request));
    }

    /** A request as the log phase sees it: only what the plugin reads is answered. */
    private static PluginContext request(
            @Nullable Service service,
            @Nullable Route route,
            @Nullable Consumer consumer,
            int status,
            String source,
            Map<String, Object> message) {
        Map<String, Object> serializer = new HashMap<>(message);
        serializer.put("source", source);
        Map<String, Object> response = new HashMap<>();
        if (message.get("response") instanceof Map<?, ?> sent) {
            sent.forEach((k, v) -> response.put((String) k, v));
        }
        response.put("status", status);
        serializer.put("response", response);
        return (PluginContext) Proxy.newProxyInstance(
                PluginContext.class.getClassLoader(),
                new Class<?>[] {PluginContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "service" -> service;
                    case "route" -> route;
                    case "consumer" -> consumer;
                    case "exchangeSummary" -> ExchangeSummary.of(serializer);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Metrics kept in maps by family name and label values. */
    private static final class Recorder implements Metrics {
        final Map<String, List<String>> labels = new HashMap<>();
        final Map<String, List<Double>> buckets = new HashMap<>();
        final Map<List<String>, Double> values = new ConcurrentHashMap<>();
        final Map<List<String>, List<Double>> observed = new ConcurrentHashMap<>();
        int lookups;

        @Override
        public Counter counter(String name, String help, List<String> labelNames) {
            labels.put(name, labelNames);
            return values -> {
                List<String> key = key(name, values);
                return amount -> this.values.merge(key, amount, Double::sum);
            };
        }

        @Override
        public Histogram histogram(String name, String help, List<String> labelNames, List<Double> upperBounds) {
            labels.put(name, labelNames);
            buckets.put(name, upperBounds);
            return values -> {
                List<String> key = key(name, values);
                return value ->
                        observed.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            };
        }

        private List<String> key(String name, String... values) {
            if (name.equals("kong_http_requests_total")) {
                lookups++;
            }
            List<String> key = new ArrayList<>();
            key.add(name);
            key.addAll(List.of(values));
            return key;
        }

        double value(String name, String... labelValues) {
            List<String> key = new ArrayList<>();
            key.add(name);
            key.addAll(List.of(labelValues));
            return values.getOrDefault(key, 0.0);
        }

        List<Double> observations(String name, String... labelValues) {
            List<String> key = new ArrayList<>();
            key.add(name);
            key.addAll(List.of(labelValues));
            return observed.getOrDefault(key, List.of());
        }
    }
}
