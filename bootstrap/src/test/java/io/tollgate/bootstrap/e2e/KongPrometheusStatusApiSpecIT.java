package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static io.tollgate.bootstrap.e2e.PrometheusExposition.requests;
import static io.tollgate.bootstrap.e2e.PrometheusExposition.series;
import static io.tollgate.bootstrap.e2e.PrometheusSpecSetup.everyMetric;
import static io.tollgate.bootstrap.e2e.PrometheusSpecSetup.hasMetricsDictTotal;
import static io.tollgate.bootstrap.e2e.PrometheusSpecSetup.noErrorLogged;
import static io.tollgate.bootstrap.e2e.PrometheusSpecSetup.serviceAndRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/26-prometheus/04-status_api_spec.lua}: the status API's ({@code status_listen})
 * {@code GET /metrics} of one real node proxying to {@link KongMockUpstream}, with a global prometheus instance
 * with every flag. Of its 25 cases, 12 are ported here and 8 (the granular metrics switch, 4 switches × 2 cases) in
 * {@link KongPrometheusGranularSpecIT}; the rest have no counterpart (gRPC, the {@code stream} subsystem's target
 * health and Lua VMs, hybrid mode's {@code kong_control_plane_connected}) or differ ("scrape response has metrics
 * and comments only": Tollgate's own {@code tollgate_*} families are in the same scrape).
 *
 * <p>Kong's {@code mock-upstream} (active and passive health checks; a healthy target, one on the Admin API's port
 * that answers its probe 404, one whose name does not resolve) is created once, as Kong's; the cases that delete an
 * upstream or a target own theirs.
 */
class KongPrometheusStatusApiSpecIT {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final String UNRESOLVABLE = "some-random-dns:80";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static String status;
    static String mockTarget;
    static String adminTarget;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start(
                "kong-prometheus-status", dir, Map.of("status_listen", "127.0.0.1:" + NodeProcess.FREE_PORT));
        status = "http://" + node.settings.get("status_listen");
        client = new KongSpecClient(node.admin());
        mockTarget = "127.0.0.1:" + mock.port();
        adminTarget = "127.0.0.1:" + node.adminPort;

        upstreamOnMock("mock-upstream", "healthchecks", healthchecks());
        target("mock-upstream", adminTarget, 1);
        target("mock-upstream", UNRESOLVABLE, 1);

        client.create("/plugins", body("name", "prometheus", "config", everyMetric()));
    }

    /** An upstream named {@code name} (with {@code fields}) and {@link #mockTarget} on it, of weight 1000. */
    static void upstreamOnMock(String name, Object... fields) {
        Map<String, Object> upstream = body("name", name);
        upstream.putAll(body(fields));
        client.create("/upstreams", upstream);
        target(name, mockTarget, 1000);
    }

    static void target(String upstream, String target, int weight) {
        client.create("/upstreams/" + upstream + "/targets", body("target", target, "weight", weight));
    }

    /** Kong's health checks of {@code mock-upstream}. */
    static Map<String, Object> healthchecks() {
        return body(
                "active",
                body(
                        "concurrency",
                        10,
                        "healthy",
                        body("http_statuses", List.of(200, 302), "interval", 0.1, "successes", 2),
                        "http_path",
                        "/status/200",
                        "https_verify_certificate",
                        true,
                        "timeout",
                        1,
                        "type",
                        "http",
                        "unhealthy",
                        body(
                                "http_failures", 1,
                                "http_statuses", List.of(429, 404, 500, 501, 502, 503, 504, 505),
                                "interval", 0.1,
                                "tcp_failures", 1,
                                "timeouts", 1)),
                "passive",
                body(
                        "healthy",
                                body(
                                        "http_statuses",
                                        List.of(
                                                200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303,
                                                304, 305, 306, 307, 308),
                                        "successes",
                                        1),
                        "type", "http",
                        "unhealthy",
                                body(
                                        "http_failures", 1,
                                        "http_statuses", List.of(429, 500, 503),
                                        "tcp_failures", 1,
                                        "timeouts", 1)));
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

    /** Waits until a scrape of the status API has the series with that value (Kong's {@code wait_until}). */
    static PrometheusExposition awaitValue(String series, double value) {
        return PrometheusSpecSetup.awaitValue(status, WAIT, series, value);
    }

    /**
     * Waits until a scrape of the status API has no {@code kong_upstream_target_health} sample of the upstream (and,
     * unless null, the target): Kong's {@code not body:find('kong_upstream_target_health{upstream="…"')}.
     */
    static void awaitGone(String upstream, @Nullable String target) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                PrometheusExposition.scrape(status).samples())
                        .noneMatch(s -> s.name().equals("kong_upstream_target_health")
                                && upstream.equals(s.labels().get("upstream"))
                                && (target == null || target.equals(s.labels().get("target")))));
    }

    static String health(String upstream, String target, String address, String state) {
        return series(
                "kong_upstream_target_health",
                "upstream",
                upstream,
                "target",
                target,
                "address",
                address,
                "state",
                state,
                "subsystem",
                "http");
    }

    /** Waits for {@code state} at 1, then asserts the other three states at 0 in the same scrape. */
    static void assertHealth(String upstream, String target, String address, String state) {
        PrometheusExposition scrape = awaitValue(health(upstream, target, address, state), 1);
        for (String other : List.of("healthchecks_off", "healthy", "unhealthy", "dns_error")) {
            if (!other.equals(state)) {
                scrape.assertValue(health(upstream, target, address, other), 0);
            }
        }
    }

    /**
     * 04-status_api_spec.lua: "increments the count for proxied requests" (the service points at the mock upstream
     * itself rather than through {@code mock-upstream}, whose balancing is not what the case asserts).
     */
    @Test
    void increments_the_count_for_proxied_requests() {
        String prefix = unique("prom-status");
        serviceAndRoute(client, mock.url(), prefix);
        String serviceName = prefix + "-service";
        String routeName = prefix + "-route";

        assertThat(Http.get(node.proxy() + "/" + prefix + "/status/200").status())
                .isEqualTo(200);
        awaitValue(requests(serviceName, routeName, 200, "service", ""), 1);

        assertThat(Http.get(node.proxy() + "/" + prefix + "/status/400").status())
                .isEqualTo(400);
        PrometheusExposition scrape = awaitValue(requests(serviceName, routeName, 400, "service", ""), 1);
        for (String histogram :
                List.of("kong_kong_latency_ms", "kong_upstream_latency_ms", "kong_request_latency_ms")) {
            assertThat(scrape.value(series(
                            histogram + "_bucket",
                            "service",
                            serviceName,
                            "route",
                            routeName,
                            "workspace",
                            "default",
                            "le",
                            "+Inf")))
                    .as(histogram)
                    .isPresent();
        }
        for (String direction : List.of("ingress", "egress")) {
            assertThat(scrape.value(series(
                            "kong_bandwidth_bytes",
                            "service",
                            serviceName,
                            "route",
                            routeName,
                            "direction",
                            direction,
                            "workspace",
                            "default",
                            "consumer",
                            "")))
                    .as(direction)
                    .isPresent();
        }
    }

    /** 04-status_api_spec.lua: "does not log error if no service was matched". */
    @Test
    void does_not_log_error_if_no_service_was_matched() throws IOException {
        int mark = node.log().length();
        assertThat(Http.send("POST", node.proxy() + "/no-route-match-in-kong", "")
                        .status())
                .isEqualTo(404);
        noErrorLogged(node, mark);
    }

    /** 04-status_api_spec.lua: "does not log error during a scrape". */
    @Test
    void does_not_log_error_during_a_scrape() throws IOException {
        int mark = node.log().length();
        PrometheusExposition.scrape(status);
        noErrorLogged(node, mark);
    }

    /** 04-status_api_spec.lua: "exposes db reachability metrics". */
    @Test
    void exposes_db_reachability_metrics() {
        PrometheusExposition.scrape(status).assertValue("kong_datastore_reachable", 1);
    }

    /** 04-status_api_spec.lua: "exposes nginx timer metrics". */
    @Test
    void exposes_nginx_timer_metrics() {
        PrometheusExposition scrape = PrometheusExposition.scrape(status);
        for (String state : List.of("running", "pending")) {
            assertThat(scrape.hasWhole("kong_nginx_timers", Map.of("state", state)))
                    .as("%s in%n%s", state, scrape.body())
                    .isTrue();
        }
    }

    /** 04-status_api_spec.lua: "exposes lua_shared_dict metrics". */
    @Test
    void exposes_lua_shared_dict_metrics() {
        PrometheusExposition scrape = PrometheusExposition.scrape(status);
        assertThat(hasMetricsDictTotal(scrape)).as(scrape.body()).isTrue();
        scrape.assertValue("kong_nginx_metric_errors_total", 0);
    }

    /** 04-status_api_spec.lua: "exposes upstream's target health metrics - healthchecks-off". */
    @Test
    void exposes_upstreams_target_health_metrics_healthchecks_off() {
        String upstream = unique("mock-upstream-healthchecksoff");
        upstreamOnMock(upstream);
        assertHealth(upstream, mockTarget, mockTarget, "healthchecks_off");
    }

    /** 04-status_api_spec.lua: "exposes upstream's target health metrics - healthy". */
    @Test
    void exposes_upstreams_target_health_metrics_healthy() {
        assertHealth("mock-upstream", mockTarget, mockTarget, "healthy");
    }

    /**
     * 04-status_api_spec.lua: "exposes upstream's target health metrics - unhealthy" (Kong's target is its Admin API's
     * port, which answers the probe's {@code /status/200} with 404; so is this one).
     */
    @Test
    void exposes_upstreams_target_health_metrics_unhealthy() {
        assertHealth("mock-upstream", adminTarget, adminTarget, "unhealthy");
    }

    /**
     * 04-status_api_spec.lua: "exposes upstream's target health metrics - dns_error" (a target whose name does not
     * resolve: no address).
     */
    @Test
    void exposes_upstreams_target_health_metrics_dns_error() {
        assertHealth("mock-upstream", UNRESOLVABLE, "", "dns_error");
    }

    /** 04-status_api_spec.lua: "remove metrics from deleted upstreams". */
    @Test
    void remove_metrics_from_deleted_upstreams() {
        String upstream = unique("mock-upstream-healthchecksoff");
        upstreamOnMock(upstream);
        awaitValue(health(upstream, mockTarget, mockTarget, "healthchecks_off"), 1);

        assertThat(client.delete("/upstreams/" + upstream).status()).isEqualTo(204);
        awaitGone(upstream, null);
    }

    /**
     * 04-status_api_spec.lua: "remove metrics from deleted targets" (Kong deletes its unresolvable target; Tollgate
     * does not resolve a target's name for its health, so the deleted target here is a second address on loopback).
     */
    @Test
    void remove_metrics_from_deleted_targets() {
        String upstream = unique("mock-upstream");
        String other = "127.0.0.1:" + node.proxyPort;
        upstreamOnMock(upstream);
        target(upstream, other, 1);
        awaitValue(health(upstream, other, other, "healthchecks_off"), 1);

        assertThat(client.delete("/upstreams/" + upstream + "/targets/" + other).status())
                .isEqualTo(204);
        awaitGone(upstream, other);
    }
}
