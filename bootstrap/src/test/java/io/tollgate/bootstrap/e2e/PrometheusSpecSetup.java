package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What Kong's prometheus access and status API specs ({@link KongPrometheusAccessSpecIT},
 * {@link KongPrometheusStatusApiSpecIT}) set up and wait for alike.
 */
final class PrometheusSpecSetup {

    private PrometheusSpecSetup() {}

    /**
     * The config of Kong's prometheus instances in these specs: status code, latency, bandwidth and upstream health
     * metrics on, plus {@code extra} fields.
     */
    static Map<String, Object> everyMetric(Object... extra) {
        Map<String, Object> config = body(extra);
        config.putAll(body(
                "status_code_metrics", true,
                "latency_metrics", true,
                "bandwidth_metrics", true,
                "upstream_health_metrics", true));
        return config;
    }

    /**
     * Kong's {@code mock-service} (to {@code url}) and {@code http-route} (GET only on {@code /<prefix>}), named
     * {@code <prefix>-service} and {@code <prefix>-route}; returns the route's path.
     */
    static String serviceAndRoute(KongSpecClient client, String url, String prefix) {
        String service = client.create("/services", body("name", prefix + "-service", "url", url))
                .get("id")
                .asText();
        client.create(
                "/routes",
                body(
                        "name",
                        prefix + "-route",
                        "paths",
                        List.of("/" + prefix),
                        "methods",
                        List.of("GET"),
                        "service",
                        Map.of("id", service)));
        return "/" + prefix;
    }

    /** Waits until a scrape of {@code base} has the series with that value (Kong's {@code wait_until}). */
    static PrometheusExposition awaitValue(String base, Duration atMost, String series, double value) {
        PrometheusExposition[] last = {null};
        await().atMost(atMost).untilAsserted(() -> {
            last[0] = PrometheusExposition.scrape(base);
            last[0].assertValue(series, value);
        });
        return last[0];
    }

    /** Kong's {@code assert.logfile().has.no.line("[error]")}: no error line from {@code mark} on, for a second. */
    static void noErrorLogged(NodeProcess node, int mark) {
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> node.log().substring(mark).lines().noneMatch(line -> line.contains(" ERROR ")));
    }

    /**
     * Kong's {@code kong_memory_lua_shared_dict_total_bytes{node_id=<uuid>,shared_dict="prometheus_metrics",
     * kong_subsystem="http"} %d+} (Tollgate: the JVM's maximum heap, bounding the plugin's registry).
     */
    static boolean hasMetricsDictTotal(PrometheusExposition scrape) {
        return scrape.hasWhole(
                "kong_memory_lua_shared_dict_total_bytes",
                Map.of(
                        "node_id",
                        PrometheusExposition.UUID,
                        "shared_dict",
                        "prometheus_metrics",
                        "kong_subsystem",
                        "http"));
    }
}
