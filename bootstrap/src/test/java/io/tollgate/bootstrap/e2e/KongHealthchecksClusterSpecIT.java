package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports the two-node case of Kong's {@code spec/02-integration/05-proxy/10-balancer/01-healthchecks_spec.lua}
 * ("Ring-balancer #healthchecks (#cluster #db)", 1 case; the file's other cases are in {@link KongHealthchecksSpecIT})
 * against two real nodes on one database ({@code db_update_frequency = 1}).
 */
class KongHealthchecksClusterSpecIT {

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static KongSpecClient admin1;
    static KongSpecClient admin2;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(dir);
        Map<String, String> db = cluster.settings("db_update_frequency", "1");
        admin1 = new KongSpecClient(cluster.node("hc1", db).admin());
        admin2 = new KongSpecClient(cluster.node("hc2", db).admin());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String health(KongSpecClient admin, String upstream, String target) {
        JsonNode body = ok(admin.get("/upstreams/" + upstream + "/health"), 200);
        for (JsonNode t : body.get("data")) {
            if (t.get("target").asText().equals(target)) {
                return t.get("health").asText();
            }
        }
        throw new AssertionError(target + " not in " + body);
    }

    private static void pollWaitHealth(KongSpecClient admin, String upstream, String target, String expected) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(health(admin, upstream, target)).isEqualTo(expected));
    }

    /**
     * 01-healthchecks_spec: "propagates posted health info" (Kong's test defaults for {@code healthchecks}: passive
     * failure counters set, so the checker is in use).
     */
    @Test
    void propagates_posted_health_info() {
        Map<String, Object> healthchecks = body(
                "passive",
                body(
                        "healthy",
                        body("successes", 5),
                        "unhealthy",
                        body("tcp_failures", 2, "timeouts", 7, "http_failures", 5)),
                "active",
                body(
                        "healthy",
                        body("successes", 2),
                        "unhealthy",
                        body("tcp_failures", 2, "timeouts", 3, "http_failures", 5)));
        String id = admin1.create(
                        "/upstreams", body("name", unique("hc-cluster"), "slots", 10, "healthchecks", healthchecks))
                .get("id")
                .asText();
        String target = "127.0.0.1:" + (20000 + (int) (Math.random() * 20000));
        admin1.create("/upstreams/" + id + "/targets", body("target", target));

        pollWaitHealth(admin1, id, target, "HEALTHY");
        pollWaitHealth(admin2, id, target, "HEALTHY");

        Http.Response posted = admin1.send(
                "POST",
                "/upstreams/" + id + "/targets/" + target + "/unhealthy",
                KongSpecClient.ContentType.JSON,
                Map.of());
        assertThat(posted.status()).as(posted.body()).isEqualTo(204);
        pollWaitHealth(admin1, id, target, "UNHEALTHY");
        pollWaitHealth(admin2, id, target, "UNHEALTHY");
    }
}
