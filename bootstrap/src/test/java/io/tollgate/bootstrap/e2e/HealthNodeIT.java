package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.await;
import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forced target health on a two-node cluster ({@code db_update_frequency = 1}): a {@code PUT .../unhealthy} on node A
 * applies on A at once and on B after its next poll of the event log (Kong's {@code balancer:post_health}), as
 * {@code GET /upstreams/{u}/health} on each node shows.
 */
class HealthNodeIT {

    private static final Duration POLL = Duration.ofSeconds(1);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess a;
    static NodeProcess b;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(dir);
        Map<String, String> db = cluster.settings("db_update_frequency", "1");
        a = cluster.node("a", db);
        b = cluster.node("b", db);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The {@code health} of {@code target} in a {@code GET /upstreams/{u}/health} answer. */
    private static Predicate<Http.Response> health(String target, String expected) {
        return r -> {
            if (r.status() != 200) {
                return false;
            }
            for (JsonNode t : r.json().get("data")) {
                if (t.get("target").asText().equals(target)) {
                    return t.get("health").asText().equals(expected);
                }
            }
            return false;
        };
    }

    @Test
    void a_forced_health_set_on_a_reaches_b_through_the_event_log() throws Exception {
        // passive checks on (tcp_failures), no active probes: only the operator changes the state here
        assertThat(post(
                                a.admin() + "/upstreams",
                                "{\"name\":\"u\",\"healthchecks\":{\"passive\":{\"unhealthy\":"
                                        + "{\"tcp_failures\":3}}}}")
                        .status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/upstreams/u/targets", "{\"target\":\"10.0.0.1:80\"}")
                        .status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/upstreams/u/targets", "{\"target\":\"10.0.0.2:80\",\"weight\":50}")
                        .status())
                .isEqualTo(201);
        await(b.admin() + "/upstreams/u/health", health("10.0.0.2:80", "HEALTHY"), POLL.multipliedBy(5));
        JsonNode onB = get(b.admin() + "/upstreams/u/health").json();
        assertThat(onB.get("node_id").asText())
                .isEqualTo(get(b.admin() + "/").json().get("node_id").asText());
        assertThat(onB.at("/data/0/data/addresses/0/ip").asText()).isEqualTo("10.0.0.1");

        var down = send("PUT", a.admin() + "/upstreams/u/targets/10.0.0.1:80/unhealthy", null);
        assertThat(down.status()).as(down.body()).isEqualTo(204);
        assertThat(health("10.0.0.1:80", "UNHEALTHY").test(get(a.admin() + "/upstreams/u/health")))
                .as("A applies it before answering")
                .isTrue();
        Duration toB =
                await(b.admin() + "/upstreams/u/health", health("10.0.0.1:80", "UNHEALTHY"), POLL.multipliedBy(5));
        assertThat(toB).isLessThan(POLL.plusMillis(1500));
        assertThat(health("10.0.0.2:80", "HEALTHY").test(get(b.admin() + "/upstreams/u/health")))
                .isTrue();
        JsonNode balancer =
                get(b.admin() + "/upstreams/u/health?balancer_health=1").json().get("data");
        assertThat(balancer.get("health").asText()).isEqualTo("HEALTHY");
        assertThat(balancer.at("/details/weight/unavailable").asLong()).isEqualTo(100);

        assertThat(send("POST", a.admin() + "/upstreams/u/targets/10.0.0.1:80/healthy", null)
                        .status())
                .isEqualTo(204);
        await(b.admin() + "/upstreams/u/health", health("10.0.0.1:80", "HEALTHY"), POLL.multipliedBy(5));
    }

    @Test
    void unknown_targets_are_404_and_upstreams_without_health_checks_400() {
        assertThat(post(a.admin() + "/upstreams", "{\"name\":\"plain\"}").status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/upstreams/plain/targets", "{\"target\":\"10.0.0.3:80\"}")
                        .status())
                .isEqualTo(201);
        var off = send("PUT", a.admin() + "/upstreams/plain/targets/10.0.0.3:80/unhealthy", null);
        assertThat(off.status()).isEqualTo(400);
        assertThat(off.json().get("message").asText()).isEqualTo("no healthchecker found for plain");
        assertThat(get(a.admin() + "/upstreams/plain/health")
                        .json()
                        .at("/data/0/health")
                        .asText())
                .isEqualTo("HEALTHCHECKS_OFF");
        var missing = send("PUT", a.admin() + "/upstreams/plain/targets/10.9.9.9:80/unhealthy", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asText()).isEqualTo("Not found");
        assertThat(get(a.admin() + "/upstreams/nope/health").status()).isEqualTo(404);
    }
}
