package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tollgate.adapter.http.metrics.PrometheusMetrics;
import io.tollgate.application.plugin.spi.Metrics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kong's text: its label order, sorted lines, histogram buckets in numeric order and numbers as Lua prints them. */
class KongTextFormatTest {

    @Test
    void writesNumbersAsLuaPrintsThem() {
        assertThat(KongTextFormat.number(1.0)).isEqualTo("1");
        assertThat(KongTextFormat.number(28002592.0)).isEqualTo("28002592");
        assertThat(KongTextFormat.number(0.25)).isEqualTo("0.25");
        assertThat(KongTextFormat.number(-3.5)).isEqualTo("-3.5");
        assertThat(KongTextFormat.number(0)).isEqualTo("0");
        assertThat(KongTextFormat.number(1e15)).isEqualTo("1e+15");
        assertThat(KongTextFormat.number(1.7158931820287e38)).isEqualTo("1.7158931820287e+38");
        assertThat(KongTextFormat.number(0.00001)).isEqualTo("1e-05");
        assertThat(KongTextFormat.number(1.0 / 3)).isEqualTo("0.33333333333333");
        assertThat(KongTextFormat.number(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    @Test
    void writesKongsFamiliesInKongsLabelOrderWithSortedLines() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        Metrics.Counter requests = metrics.counter(
                "kong_http_requests_total",
                "HTTP status codes per consumer/service/route in Kong",
                List.of("service", "route", "code", "source", "workspace", "consumer"));
        requests.labels("echo", "r2", "200", "service", "default", "").inc();
        requests.labels("echo", "r1", "500", "kong", "default", "bob \"the\" \\ builder")
                .inc(3);
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        for (MetricSnapshot recorded : metrics.scrape()) {
            all.metricSnapshot(recorded);
        }
        MetricSnapshots snapshots = all.metricSnapshot(GaugeSnapshot.builder()
                        .name("kong_nginx_connections_total")
                        .help("Number of connections by subsystem")
                        .dataPoint(gauge(9, Labels.of("node_id", "n1", "subsystem", "http", "state", "active")))
                        .dataPoint(gauge(296, Labels.of("node_id", "n1", "subsystem", "http", "state", "accepted")))
                        .build())
                .build();

        assertThat(text(snapshots, metrics)).isEqualTo("""
                        # HELP kong_http_requests_total HTTP status codes per consumer/service/route in Kong
                        # TYPE kong_http_requests_total counter
                        kong_http_requests_total{service="echo",route="r1",code="500",source="kong",\
                        workspace="default",consumer="bob \\"the\\" \\\\ builder"} 3
                        kong_http_requests_total{service="echo",route="r2",code="200",source="service",\
                        workspace="default",consumer=""} 1
                        # HELP kong_nginx_connections_total Number of connections by subsystem
                        # TYPE kong_nginx_connections_total gauge
                        kong_nginx_connections_total{node_id="n1",subsystem="http",state="accepted"} 296
                        kong_nginx_connections_total{node_id="n1",subsystem="http",state="active"} 9
                        """);
    }

    @Test
    void writesHistogramBucketsInNumericOrderWithLuaBounds() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        Metrics.Histogram latency = metrics.histogram(
                "kong_request_latency_ms",
                "Total latency",
                List.of("service", "route", "workspace"),
                List.of(0.5, 2.0, 10.0, 100.0));
        latency.labels("echo", "r", "default").observe(0.25);
        latency.labels("echo", "r", "default").observe(7);
        latency.labels("echo", "r", "default").observe(250);

        assertThat(text(metrics.scrape(), metrics)).isEqualTo("""
                        # HELP kong_request_latency_ms Total latency
                        # TYPE kong_request_latency_ms histogram
                        kong_request_latency_ms_bucket{service="echo",route="r",workspace="default",le="0.5"} 1
                        kong_request_latency_ms_bucket{service="echo",route="r",workspace="default",le="2"} 1
                        kong_request_latency_ms_bucket{service="echo",route="r",workspace="default",le="10"} 2
                        kong_request_latency_ms_bucket{service="echo",route="r",workspace="default",le="100"} 2
                        kong_request_latency_ms_bucket{service="echo",route="r",workspace="default",le="+Inf"} 3
                        kong_request_latency_ms_count{service="echo",route="r",workspace="default"} 3
                        kong_request_latency_ms_sum{service="echo",route="r",workspace="default"} 257.25
                        """);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(double value, Labels labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .value(value)
                .labels(labels)
                .build();
    }

    private static String text(MetricSnapshots snapshots, PrometheusMetrics declared) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KongTextFormat.write(out, snapshots, declared::labelNames);
        return out.toString(StandardCharsets.UTF_8);
    }
}
