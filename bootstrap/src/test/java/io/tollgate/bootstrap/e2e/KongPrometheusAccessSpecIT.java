package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static io.tollgate.bootstrap.e2e.PrometheusExposition.requests;
import static io.tollgate.bootstrap.e2e.PrometheusSpecSetup.everyMetric;
import static io.tollgate.bootstrap.e2e.PrometheusSpecSetup.hasMetricsDictTotal;
import static io.tollgate.bootstrap.e2e.PrometheusSpecSetup.noErrorLogged;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/26-prometheus/02-access_spec.lua} (its 3.x revision with the AI metrics block), the
 * Admin API's {@code GET /metrics} after traffic through one real node proxying to {@link KongMockUpstream}. Of its
 * 25 cases, 10 are ported here and 8 (the granular metrics switch, 4 switches × 2 cases) in
 * {@link KongPrometheusGranularSpecIT}; the rest have no counterpart (gRPC, TCP streams, the {@code stream}
 * subsystem's Lua VMs, AI metrics) or differ ("scrape response has metrics and comments only": Tollgate's own
 * {@code tollgate_*} families are in the same scrape). Series are compared by name, labels and value, not by the text's label
 * order or number notation ({@link PrometheusExposition}). Kong's global instance is global here too; its per-consumer describe's
 * instance is scoped to a route of its own, which overrides the global one as in Kong. Every case sends its traffic
 * to a route of its own, so the series it asserts are its own. Also the one case of {@code 01-api_spec.lua} (its
 * other is {@code pending} in Kong).
 */
class KongPrometheusAccessSpecIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-prometheus-access", dir, Map.of());
        client = new KongSpecClient(node.admin());
        client.create("/plugins", body("name", "prometheus", "config", everyMetric()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    /** {@link PrometheusSpecSetup#serviceAndRoute} to the mock upstream. */
    static String serviceAndRoute(String prefix) {
        return PrometheusSpecSetup.serviceAndRoute(client, mock.url(), prefix);
    }

    /** Waits until a scrape of the Admin API has the series with that value (Kong's {@code wait_until}). */
    static PrometheusExposition awaitValue(String series, double value) {
        return PrometheusSpecSetup.awaitValue(node.admin(), WAIT, series, value);
    }

    /** Kong's {@code kong_nginx_metric_errors_total 0}, asserted after each scrape. */
    static void noMetricErrors(PrometheusExposition scrape) {
        scrape.assertValue("kong_nginx_metric_errors_total", 0);
    }

    /** 02-access_spec.lua: "Plugin: prometheus (access)" / "increments the count for proxied requests". */
    @Test
    void increments_the_count_for_proxied_requests() {
        String prefix = unique("prom-count");
        String path = serviceAndRoute(prefix);
        assertThat(Http.get(node.proxy() + path + "/status/200").status()).isEqualTo(200);
        noMetricErrors(awaitValue(requests(prefix + "-service", prefix + "-route", 200, "service", ""), 1));

        assertThat(Http.get(node.proxy() + path + "/status/400").status()).isEqualTo(400);
        noMetricErrors(awaitValue(requests(prefix + "-service", prefix + "-route", 400, "service", ""), 1));
    }

    /**
     * 01-api_spec.lua: "with 'prometheus_metrics' defined" / "prometheus plugin can be configured" (Kong's body,
     * POSTed on a fresh service's plugins: this node already has the global instance, which Kong's fresh database
     * has not).
     */
    @Test
    void prometheus_plugin_can_be_configured() {
        String service = client.create("/services", body("name", unique("prom-api"), "url", mock.url()))
                .get("id")
                .asText();
        Http.Response response =
                Http.post(node.admin() + "/services/" + service + "/plugins", "{\"name\":\"prometheus\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** 02-access_spec.lua: "Plugin: prometheus (access)" / "does not log error if no service was matched". */
    @Test
    void does_not_log_error_if_no_service_was_matched() throws IOException {
        int mark = node.log().length();
        Http.Response response = Http.send("POST", node.proxy() + "/no-route-match-in-kong", "");
        assertThat(response.status()).isEqualTo(404);
        noErrorLogged(node, mark);
    }

    /** 02-access_spec.lua: "Plugin: prometheus (access)" / "does not log error during a scrape". */
    @Test
    void does_not_log_error_during_a_scrape() throws IOException {
        int mark = node.log().length();
        PrometheusExposition scrape = PrometheusExposition.scrape(node.admin());
        noErrorLogged(node, mark);
        noMetricErrors(scrape);
    }

    /** 02-access_spec.lua: "Plugin: prometheus (access)" / "exposes db reachability metrics". */
    @Test
    void exposes_db_reachability_metrics() {
        PrometheusExposition scrape = PrometheusExposition.scrape(node.admin());
        scrape.assertValue("kong_datastore_reachable", 1);
        noMetricErrors(scrape);
    }

    /** 02-access_spec.lua: "Plugin: prometheus (access)" / "does not expose per consumer metrics by default". */
    @Test
    void does_not_expose_per_consumer_metrics_by_default() {
        PrometheusExposition scrape = PrometheusExposition.scrape(node.admin());
        assertThat(scrape.body()).doesNotContain("http_consumer_status");
        noMetricErrors(scrape);
    }

    /**
     * 02-access_spec.lua: "Plugin: prometheus (access) no stream listeners" / "exposes Lua worker VM stats only for
     * http subsystem" (Tollgate has no stream subsystem at all).
     */
    @Test
    void exposes_lua_worker_vm_stats_only_for_http_subsystem() {
        PrometheusExposition scrape = PrometheusExposition.scrape(node.admin());
        String vms = "kong_memory_workers_lua_vms_bytes";
        String uuid = PrometheusExposition.UUID;
        assertThat(scrape.has(vms, Map.of("node_id", uuid, "pid", "\\d+", "kong_subsystem", "http")))
                .as(scrape.body())
                .isTrue();
        assertThat(scrape.has(vms, Map.of("node_id", uuid, "pid", "\\d+", "kong_subsystem", "stream")))
                .as(scrape.body())
                .isFalse();
        noMetricErrors(scrape);
    }

    /** 02-access_spec.lua: "Plugin: prometheus (access)" / "exposes lua_shared_dict metrics". */
    @Test
    void exposes_lua_shared_dict_metrics() {
        PrometheusExposition scrape = PrometheusExposition.scrape(node.admin());
        assertThat(hasMetricsDictTotal(scrape)).as(scrape.body()).isTrue();
        noMetricErrors(scrape);
    }

    /**
     * 02-access_spec.lua: "Plugin: prometheus (access) no stream listeners" / "exposes lua_shared_dict metrics only
     * for http subsystem" (Tollgate has no stream subsystem at all).
     */
    @Test
    void exposes_lua_shared_dict_metrics_only_for_http_subsystem() {
        PrometheusExposition scrape = PrometheusExposition.scrape(node.admin());
        assertThat(hasMetricsDictTotal(scrape)).as(scrape.body()).isTrue();
        assertThat(scrape.has(
                        "kong_memory_lua_shared_dict_bytes",
                        Map.of(
                                "node_id",
                                PrometheusExposition.UUID,
                                "shared_dict",
                                "stream_prometheus_metric",
                                "kong_subsystem",
                                "stream")))
                .as(scrape.body())
                .isFalse();
        noMetricErrors(scrape);
    }

    /** Kong's per-consumer describe: a route with key-auth, its own prometheus with {@code per_consumer}. */
    static String perConsumerRoute(String prefix, String consumer, String key) {
        String path = serviceAndRoute(prefix);
        String route =
                client.get("/routes/" + prefix + "-route").json().get("id").asText();
        client.create(
                "/plugins",
                body("name", "prometheus", "route", Map.of("id", route), "config", everyMetric("per_consumer", true)));
        client.create("/plugins", body("name", "key-auth", "route", Map.of("id", route)));
        client.create("/consumers", body("username", consumer));
        client.create("/consumers/" + consumer + "/key-auth", body("key", key));
        return path;
    }

    /** 02-access_spec.lua: "Plugin: prometheus (access) per-consumer metrics" / "increments the count for proxied requests". */
    @Test
    void per_consumer_increments_the_count_for_proxied_requests() {
        String prefix = unique("prom-alice");
        String alice = prefix + "-alice";
        String path = perConsumerRoute(prefix, alice, prefix + "-key");

        assertThat(Http.get(node.proxy() + path + "/status/200", "apikey", prefix + "-key")
                        .status())
                .isEqualTo(200);
        noMetricErrors(awaitValue(requests(prefix + "-service", prefix + "-route", 200, "service", alice), 1));

        assertThat(Http.get(node.proxy() + path + "/status/400", "apikey", prefix + "-key")
                        .status())
                .isEqualTo(400);
        noMetricErrors(awaitValue(requests(prefix + "-service", prefix + "-route", 400, "service", alice), 1));
    }

    /**
     * 02-access_spec.lua: "Plugin: prometheus (access) per-consumer metrics" / "behave correctly if consumer is not
     * found" (Kong's case relies on the previous case's request by alice; this one sends it itself).
     */
    @Test
    void behave_correctly_if_consumer_is_not_found() {
        String prefix = unique("prom-anon");
        String alice = prefix + "-alice";
        String path = perConsumerRoute(prefix, alice, prefix + "-key");
        assertThat(Http.get(node.proxy() + path + "/status/200", "apikey", prefix + "-key")
                        .status())
                .isEqualTo(200);

        assertThat(Http.get(node.proxy() + path + "/status/200").status()).isEqualTo(401);

        awaitValue(requests(prefix + "-service", prefix + "-route", 200, "service", alice), 1);
        PrometheusExposition scrape = awaitValue(requests(prefix + "-service", prefix + "-route", 401, "kong", ""), 1);
        noMetricErrors(scrape);
    }
}
