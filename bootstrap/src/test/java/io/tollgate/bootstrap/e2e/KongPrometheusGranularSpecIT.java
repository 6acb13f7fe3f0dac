package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The "granular metrics switch" describes of Kong's {@code spec/03-plugins/26-prometheus/02-access_spec.lua} (scraped on
 * the Admin API) and {@code 04-status_api_spec.lua} (scraped on {@code status_listen}): for each of the four switches,
 * a node whose only prometheus instance turns on that switch alone, one request, then the switch's family is in the
 * scrape and the other three are not. 16 cases (2 per switch per spec file), all ported. As in Kong, each switch
 * needs a node of its own (a family once recorded stays in the scrape): the four nodes start on first use.
 */
class KongPrometheusGranularSpecIT {

    static final Duration WAIT = Duration.ofSeconds(15);

    /** Kong's {@code granular_metrics_set}: a switch and the text its family puts in the scrape. */
    enum Switch {
        STATUS_CODE_METRICS("http_requests_total"),
        LATENCY_METRICS("kong_latency_ms"),
        BANDWIDTH_METRICS("bandwidth_bytes"),
        UPSTREAM_HEALTH_METRICS("upstream_target_health");

        final String pattern;

        Switch(String pattern) {
            this.pattern = pattern;
        }

        String config() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @TempDir
    static Path dir;

    static KongMockUpstream mock;
    static final Map<Switch, NodeProcess> NODES = new EnumMap<>(Switch.class);

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
    }

    @AfterAll
    static void stop() throws Exception {
        for (NodeProcess node : NODES.values()) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    /** Kong's setup of the describe: service and route, an upstream without health checks, the one switch. */
    static synchronized NodeProcess node(Switch on) throws Exception {
        NodeProcess node = NODES.get(on);
        if (node != null) {
            return node;
        }
        node = NodeProcess.start(
                "prom-" + on.config().replace('_', '-'),
                dir,
                Map.of("status_listen", "127.0.0.1:" + NodeProcess.FREE_PORT));
        NODES.put(on, node);
        KongSpecClient client = new KongSpecClient(node.admin());
        client.create("/services", body("name", "mock-service", "url", mock.url()));
        client.create(
                "/services/mock-service/routes",
                body("name", "http-route", "paths", List.of("/"), "methods", List.of("GET")));
        client.create("/upstreams", body("name", "mock-upstream-healthchecksoff"));
        client.create(
                "/upstreams/mock-upstream-healthchecksoff/targets",
                body("target", "127.0.0.1:" + mock.port(), "weight", 1000));
        client.create("/plugins", body("name", "prometheus", "config", body(on.config(), true)));
        return node;
    }

    /** The case's request, then the first scrape (of {@code base}) that has the switch's family. */
    static PrometheusExposition successScrape(Switch on, Function<NodeProcess, String> base) throws Exception {
        NodeProcess node = node(on);
        Http.Response response = Http.get(node.proxy() + "/status/200", "apikey", "alice-key");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        PrometheusExposition[] last = {null};
        await().atMost(WAIT).untilAsserted(() -> {
            last[0] = PrometheusExposition.scrape(base.apply(node));
            last[0].assertValue("kong_nginx_metric_errors_total", 0);
            assertThat(last[0].body()).contains(on.pattern);
        });
        return last[0];
    }

    static void assertOthersAbsent(Switch on, PrometheusExposition scrape) {
        for (Switch other : Switch.values()) {
            if (other != on) {
                assertThat(scrape.body()).as(other.config()).doesNotContain(other.pattern);
            }
        }
    }

    static String status(NodeProcess node) {
        return "http://" + node.settings.get("status_listen");
    }

    /** 02-access_spec.lua: "granular metrics switch" / "expected metrics <pattern> is found". */
    @ParameterizedTest
    @EnumSource(Switch.class)
    void expected_metrics_is_found(Switch on) throws Exception {
        successScrape(on, NodeProcess::admin);
    }

    /**
     * 02-access_spec.lua: "granular metrics switch" / "unexpected metrics is not found" (on the scrape the previous
     * case waited for, which this one waits for itself).
     */
    @ParameterizedTest
    @EnumSource(Switch.class)
    void unexpected_metrics_is_not_found(Switch on) throws Exception {
        assertOthersAbsent(on, successScrape(on, NodeProcess::admin));
    }

    /** 04-status_api_spec.lua: "granular metrics switch" / "expected metrics <pattern> is found". */
    @ParameterizedTest
    @EnumSource(Switch.class)
    void status_api_expected_metrics_is_found(Switch on) throws Exception {
        successScrape(on, KongPrometheusGranularSpecIT::status);
    }

    /** 04-status_api_spec.lua: "granular metrics switch" / "unexpected metrics is not found". */
    @ParameterizedTest
    @EnumSource(Switch.class)
    void status_api_unexpected_metrics_is_not_found(Switch on) throws Exception {
        assertOthersAbsent(on, successScrape(on, KongPrometheusGranularSpecIT::status));
    }
}
