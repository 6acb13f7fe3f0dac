package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health checks through a real node and three real upstream servers on loopback (issue 4, done-when 2): a killed
 * target is taken out by passive checks while retries keep every request successful, and put back by active probes
 * once it answers again.
 */
class HealthChecksNodeIT {

    private static final String HEALTHCHECKS = """
            {"active":{"http_path":"/health","timeout":1,
                       "healthy":{"interval":0,"successes":1},
                       "unhealthy":{"interval":1,"tcp_failures":1,"http_failures":1,"timeouts":1}},
             "passive":{"unhealthy":{"tcp_failures":1,"timeouts":1}}}""";

    @TempDir
    Path dir;

    @Test
    void a_killed_target_is_taken_out_by_passive_checks_and_put_back_by_active_ones() throws Exception {
        try (NamedUpstream a = new NamedUpstream("a");
                NamedUpstream b = new NamedUpstream("b");
                NamedUpstream c = new NamedUpstream("c");
                NodeProcess node = NodeProcess.start("health", dir, Map.of())) {
            String admin = node.admin();
            assertThat(post(admin + "/upstreams", "{\"name\":\"pool\",\"healthchecks\":" + HEALTHCHECKS + "}")
                            .status())
                    .isEqualTo(201);
            for (NamedUpstream upstream : List.of(a, b, c)) {
                assertThat(post(admin + "/upstreams/pool/targets", "{\"target\":\"" + upstream.target() + "\"}")
                                .status())
                        .isEqualTo(201);
            }
            assertThat(post(admin + "/services", "{\"name\":\"pooled\",\"host\":\"pool\",\"retries\":5}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(admin + "/services/pooled/routes", "{\"paths\":[\"/pool\"]}")
                            .status())
                    .isEqualTo(201);
            String url = node.proxy() + "/pool/x";
            Http.await(url, Http.status(200), Duration.ofSeconds(10));

            sendAllOk(url, 300);
            assertThat(List.of(a.hits.get(), b.hits.get(), c.hits.get())).allMatch(hits -> hits > 0);

            c.stop();
            sendAllOk(url, 100);
            assertThat(health(admin, c)).isEqualTo("UNHEALTHY");
            assertThat(health(admin, a)).isEqualTo("HEALTHY");
            assertThat(health(admin, b)).isEqualTo("HEALTHY");
            int servedByC = c.hits.get();

            c.start();
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(health(admin, c))
                            .as("active probes put the target back")
                            .isEqualTo("HEALTHY"));
            sendAllOk(url, 300);
            assertThat(c.hits.get()).as("the target gets traffic again").isGreaterThan(servedByC);
        }
    }

    private static void sendAllOk(String url, int count) {
        for (int i = 0; i < count; i++) {
            Http.Response response = get(url);
            assertThat(response.status())
                    .as("request %d: %s", i, response.body())
                    .isEqualTo(200);
        }
    }

    private static String health(String admin, NamedUpstream upstream) {
        JsonNode body = get(admin + "/upstreams/pool/health").json();
        for (JsonNode target : body.get("data")) {
            if (target.get("target").asText().equals(upstream.target())) {
                return target.get("health").asText();
            }
        }
        throw new AssertionError(upstream.target() + " not in " + body);
    }
}
