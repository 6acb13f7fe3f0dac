package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/26-prometheus/07-optional_fields_spec.lua}: the status API's {@code GET /metrics} of
 * a node without any prometheus instance has the node-local families and none of the families that a prometheus
 * instance records or that describe other nodes. Its 1 case is ported.
 */
class KongPrometheusOptionalFieldsSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(
                "kong-prometheus-optional", dir, Map.of("status_listen", "127.0.0.1:" + NodeProcess.FREE_PORT));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** 07-optional_fields_spec.lua: "local and non-local metrics". */
    @Test
    void local_and_non_local_metrics() {
        PrometheusExposition scrape = PrometheusExposition.scrape("http://" + node.settings.get("status_listen"));
        assertThat(scrape.body()).contains("kong_memory_lua_shared_dict_bytes");
        for (String state : List.of("accepted", "active", "handled", "reading", "total", "waiting", "writing")) {
            assertThat(scrape.has(
                            "kong_nginx_connections_total",
                            Map.of("node_id", PrometheusExposition.UUID, "subsystem", "http", "state", state)))
                    .as(state)
                    .isTrue();
        }
        for (String nonLocal : List.of(
                "http_requests_total",
                "stream_sessions_total",
                "kong_latency_ms",
                "upstream_latency_ms",
                "request_latency_ms",
                "session_duration_ms",
                "bandwidth_bytes",
                "upstream_target_health",
                "data_plane_last_seen",
                "data_plane_config_hash",
                "data_plane_version_compatible",
                "data_plane_cluster_cert_expiry_timestamp")) {
            assertThat(scrape.body()).doesNotContain("kong_" + nonLocal);
        }
    }
}
