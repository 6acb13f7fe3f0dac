package io.tollgate.application.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {

    @Test
    void kong_defaults_enable_nothing() {
        CheckSettings d = CheckSettings.DEFAULTS;
        assertThat(d.inUse()).isFalse();
        assertThat(d.active().type()).isEqualTo("http");
        assertThat(d.active().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.active().concurrency()).isEqualTo(10);
        assertThat(d.active().httpPath()).isEqualTo("/");
        assertThat(d.active().httpsVerifyCertificate()).isTrue();
        assertThat(d.active().counters().healthyStatuses()).containsExactlyInAnyOrder(200, 302);
        assertThat(d.active().counters().unhealthyStatuses())
                .containsExactlyInAnyOrder(429, 404, 500, 501, 502, 503, 504, 505);
        assertThat(d.passive().unhealthyStatuses()).containsExactlyInAnyOrder(429, 500, 503);
        assertThat(d.passive().healthyStatuses()).contains(200, 226, 308).hasSize(19);
        assertThat(d.threshold()).isZero();
    }

    @Test
    void an_active_interval_or_a_passive_failure_counter_puts_checks_in_use_but_passive_successes_do_not() {
        assertThat(CheckSettings.of(Map.of("active", Map.of("unhealthy", Map.of("interval", 0.5))))
                        .inUse())
                .isTrue();
        assertThat(CheckSettings.of(Map.of("passive", Map.of("unhealthy", Map.of("timeouts", 1))))
                        .inUse())
                .isTrue();
        assertThat(CheckSettings.of(Map.of("passive", Map.of("healthy", Map.of("successes", 5))))
                        .inUse())
                .isFalse();
    }

    @Test
    void reads_fractional_seconds_headers_and_statuses() {
        CheckSettings s = CheckSettings.of(Map.of(
                "threshold",
                25.0,
                "active",
                Map.of(
                        "timeout",
                        0.25,
                        "headers",
                        Map.of("x-probe", List.of("a", "b")),
                        "https_sni",
                        "example.test",
                        "https_verify_certificate",
                        false,
                        "healthy",
                        Map.of("interval", 1.5, "http_statuses", List.of(204L)))));
        assertThat(s.active().timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.active().healthyInterval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.active().headers()).containsEntry("x-probe", List.of("a", "b"));
        assertThat(s.active().httpsSni()).isEqualTo("example.test");
        assertThat(s.active().httpsVerifyCertificate()).isFalse();
        assertThat(s.active().counters().healthyStatuses()).isEqualTo(Set.of(204));
        assertThat(s.threshold()).isEqualTo(25.0);
    }
}
