package io.tollgate.adapter.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapter.http.admin.KongTextFormat;
import io.tollgate.application.plugin.spi.Metrics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's families in Prometheus' text format, as Kong names and writes them ({@link KongTextFormat}). */
class PrometheusMetricsTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @Test
    void writesCountersHistogramsAndKongsBandwidthCounterUnderTheirNames() throws Exception {
        Metrics.CounterChild ok = metrics.counter("kong_http_requests_total", "requests", List.of("service", "code"))
                .labels("echo", "200");
        ok.inc();
        ok.inc();
        metrics.counter("kong_bandwidth_bytes", "bytes", List.of("direction"))
                .labels("egress")
                .inc(512);
        metrics.histogram("kong_kong_latency_ms", "latency", List.of("service"), List.of(1.0, 5.0))
                .labels("echo")
                .observe(3);

        assertThat(text())
                .contains("# TYPE kong_http_requests_total counter")
                .contains("kong_http_requests_total{service=\"echo\",code=\"200\"} 2\n")
                .contains("# TYPE kong_bandwidth_bytes counter")
                .contains("kong_bandwidth_bytes{direction=\"egress\"} 512\n")
                .doesNotContain("kong_bandwidth_bytes_total")
                .contains("# TYPE kong_kong_latency_ms histogram")
                .contains("kong_kong_latency_ms_bucket{service=\"echo\",le=\"1\"} 0")
                .contains("kong_kong_latency_ms_bucket{service=\"echo\",le=\"5\"} 1")
                .contains("kong_kong_latency_ms_bucket{service=\"echo\",le=\"+Inf\"} 1")
                .contains("kong_kong_latency_ms_count{service=\"echo\"} 1\n")
                .contains("kong_kong_latency_ms_sum{service=\"echo\"} 3\n");
    }

    @Test
    void writesACustomFamilysLabelsInTheOrderTheyWereDeclared() throws Exception {
        metrics.counter("plugin_calls_total", "calls", List.of("zone", "app", "code"))
                .labels("eu", "shop", "200")
                .inc();
        metrics.histogram("plugin_wait_ms", "wait", List.of("tier", "api"), List.of(1.0))
                .labels("gold", "orders")
                .observe(0.5);

        assertThat(text())
                .contains("plugin_calls_total{zone=\"eu\",app=\"shop\",code=\"200\"} 1\n")
                .contains("plugin_wait_ms_bucket{tier=\"gold\",api=\"orders\",le=\"1\"} 1\n")
                .contains("plugin_wait_ms_count{tier=\"gold\",api=\"orders\"} 1\n");
        assertThat(metrics.labelNames("plugin_calls_total")).containsExactly("zone", "app", "code");
        assertThat(metrics.labelNames("never_declared")).isEmpty();
    }

    @Test
    void aSecondDeclarationSharesTheFamilyAndAConflictingOneIsRefused() throws Exception {
        metrics.counter("plugin_hits_total", "hits", List.of("route"))
                .labels("a")
                .inc();
        metrics.counter("plugin_hits_total", "hits", List.of("route"))
                .labels("a")
                .inc();

        assertThat(text()).contains("plugin_hits_total{route=\"a\"} 2\n");
        assertThatThrownBy(() -> metrics.counter("plugin_hits_total", "hits", List.of("service")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already declared");
        assertThatThrownBy(() -> metrics.histogram("plugin_hits_total", "hits", List.of("route"), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> metrics.counter("plugin_bytes", "b", List.of("x")).labels("a", "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("plugin_bytes", "b", List.of("x"))
                        .labels("a")
                        .inc(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String text() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KongTextFormat.write(out, metrics.scrape(), metrics::labelNames);
        return out.toString(StandardCharsets.UTF_8);
    }
}
