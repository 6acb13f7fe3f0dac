package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.TrafficSample;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The point shape the console reads from {@code GET /clustering/traffic}, key by key. */
class TrafficEndpointsTest {

    @Test
    void a_point_carries_the_contracts_fields_in_order() {
        TrafficSample sample = new TrafficSample(
                UUID.randomUUID(),
                null,
                Instant.ofEpochMilli(1_767_225_600_123L),
                10_000,
                120,
                3,
                3.25,
                11.5,
                40.1,
                14.0);

        Map<String, Object> point = TrafficEndpoints.point(sample);

        assertThat(point)
                .containsOnlyKeys(
                        "at",
                        "requests",
                        "requests_per_second",
                        "errors",
                        "error_rate",
                        "latency_ms",
                        "propagation_lag_ms");
        assertThat(point.keySet())
                .containsExactly(
                        "at",
                        "requests",
                        "requests_per_second",
                        "errors",
                        "error_rate",
                        "latency_ms",
                        "propagation_lag_ms");
        assertThat(point.get("at")).isEqualTo(new BigDecimal("1767225600.123"));
        assertThat(point.get("requests")).isEqualTo(120L);
        assertThat(point.get("requests_per_second")).isEqualTo(12.0);
        assertThat(point.get("errors")).isEqualTo(3L);
        assertThat(point.get("error_rate")).isEqualTo(0.025);
        assertThat(point.get("latency_ms")).isEqualTo(Map.of("p50", 3.25, "p95", 11.5, "p99", 40.1));
        assertThat(point.get("propagation_lag_ms")).isEqualTo(14.0);
    }

    @Test
    void a_quiet_interval_has_no_error_rate_to_divide_and_no_lag() {
        TrafficSample quiet = new TrafficSample(UUID.randomUUID(), null, Instant.EPOCH, 1_000, 0, 0, 0, 0, 0, null);

        Map<String, Object> point = TrafficEndpoints.point(quiet);

        assertThat(point.get("requests_per_second")).isEqualTo(0.0);
        assertThat(point.get("error_rate")).isEqualTo(0.0);
        assertThat(point).containsEntry("propagation_lag_ms", null);
    }
}
