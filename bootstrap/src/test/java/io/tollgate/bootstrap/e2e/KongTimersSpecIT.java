package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/04-admin_api/20-timers_spec.lua}, 1 of its 1 case: {@code GET /timers} in
 * Kong's shape, the node's schedulers (its membership heartbeat among them) as the timers of Kong's one worker.
 */
class KongTimersSpecIT {

    @TempDir
    static Path dir;

    private static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-timers", dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** 20-timers_spec: "Admin API /timers". */
    @Test
    void timers() {
        Http.Response res = get(node.admin() + "/timers", "Content-Type", "application/json");

        assertThat(res.status()).isEqualTo(200);
        JsonNode json = res.json();
        assertThat(json.get("worker").get("id").isNumber()).isTrue();
        assertThat(json.get("worker").get("count").isNumber()).isTrue();
        JsonNode flamegraph = json.get("stats").get("flamegraph");
        for (String field : new String[] {"running", "pending", "elapsed_time"}) {
            assertThat(flamegraph.get(field).isTextual()).as(field).isTrue();
        }
        JsonNode sys = json.get("stats").get("sys");
        for (String field : new String[] {"total", "runs", "running", "pending", "waiting"}) {
            assertThat(sys.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(json.get("stats").get("timers").isObject()).isTrue();
        // beyond Kong's spec: the timers are the node's own, and they run
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode now = get(node.admin() + "/timers").json().get("stats");
            assertThat(now.get("timers")
                            .get("tollgate-membership")
                            .get("stats")
                            .get("runs")
                            .asLong())
                    .isPositive();
            assertThat(now.get("sys").get("total").asInt()).isPositive();
        });
    }
}
