package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.await;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push propagation on a real cluster: nodes A and B run as processes on one PostgreSQL with
 * {@code db_update_frequency = 30} (the poll is half a minute away), so a change made on A that B applies within a
 * few seconds reached B through the {@code LISTEN}/{@code NOTIFY} wake-up, not the poll.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushPropagationIT {

    private static final Duration POLL = Duration.ofSeconds(30);
    /** Well below {@link #POLL}: an effect seen within it was pushed. */
    private static final Duration PUSHED = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static EchoUpstream upstream;
    static NodeProcess a;
    static NodeProcess b;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(dir);
        upstream = cluster.closing(new EchoUpstream());
        Map<String, String> db =
                cluster.settings("db_update_frequency", Long.toString(POLL.toSeconds()), "db_cache_neg_ttl", "0");
        a = cluster.node("a", db);
        b = cluster.node("b", db);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void a_service_and_route_created_on_a_are_proxied_by_b_long_before_its_poll() {
        assertThat(post(a.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}")
                        .status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/services/echo/routes", "{\"name\":\"r1\",\"paths\":[\"/echo\"]}")
                        .status())
                .isEqualTo(201);
        Duration toB = await(b.proxy() + "/echo", status(200), PUSHED);
        System.out.println("route created on A proxied by B after " + toB.toMillis() + " ms (poll every 30 s)");
    }

    @Test
    @Order(2)
    void a_plugin_and_a_consumer_key_created_on_a_apply_on_b_long_before_its_poll() {
        assertThat(post(a.admin() + "/services/echo/plugins", "{\"name\":\"key-auth\"}")
                        .status())
                .isEqualTo(201);
        await(b.proxy() + "/echo", status(401), PUSHED);
        assertThat(post(a.admin() + "/consumers", "{\"username\":\"alice\"}").status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/consumers/alice/key-auth", "{\"key\":\"alice-secret\"}")
                        .status())
                .isEqualTo(201);
        await(b.proxy() + "/echo", status(200), PUSHED, "apikey", "alice-secret");
    }

    @Test
    @Order(3)
    void measures_write_to_effect_latency_between_nodes_with_push() {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String path = "/push" + i;
            long start = System.nanoTime();
            assertThat(post(a.admin() + "/routes", "{\"paths\":[\"" + path + "\"],\"service\":{\"name\":\"echo\"}}")
                            .status())
                    .isEqualTo(201);
            await(b.proxy() + path, r -> r.status() != 404, PUSHED);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        millis.sort(Long::compare);
        System.out.printf(
                "write on A to effect on B with push (db_update_frequency=30, probes every 10 ms, 30 writes):"
                        + " median %d ms, p90 %d ms, min %d ms, max %d ms%n",
                millis.get(15), millis.get(27), millis.get(0), millis.get(29));
        assertThat(millis.get(15)).isLessThan(1000);
    }

    @Test
    @Order(4)
    void a_cut_listener_connection_comes_back_by_itself() throws Exception {
        try (Connection c = cluster.database().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'tollgate-log-listener'");
        }
        assertThat(post(a.admin() + "/routes", "{\"paths\":[\"/after-cut\"],\"service\":{\"name\":\"echo\"}}")
                        .status())
                .isEqualTo(201);
        await(b.proxy() + "/after-cut", r -> r.status() != 404, PUSHED);
        Awaitility.await()
                .atMost(PUSHED)
                .until(() -> b.log().contains("lost the connection listening to the event log"));
    }

    /**
     * An unrelated write transaction left open on the server (another application's, a forgotten psql session's)
     * holds no node's feed back: the log's order depends on its own writers only (migration V9).
     */
    @Test
    @Order(5)
    void an_unrelated_open_write_transaction_does_not_delay_propagation() throws Exception {
        try (Connection unrelated = cluster.database().getConnection()) {
            try (Statement s = unrelated.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS unrelated_scratch (n int)");
            }
            unrelated.setAutoCommit(false);
            try (Statement s = unrelated.createStatement()) {
                s.execute("INSERT INTO unrelated_scratch VALUES (1)"); // holds a transaction id, left open
            }
            assertThat(post(a.admin() + "/routes", "{\"paths\":[\"/while-open\"],\"service\":{\"name\":\"echo\"}}")
                            .status())
                    .isEqualTo(201);
            Duration toB = await(b.proxy() + "/while-open", r -> r.status() != 404, PUSHED);
            System.out.println("with an unrelated write transaction open, a route created on A reached B after "
                    + toB.toMillis() + " ms");
            unrelated.rollback();
        }
    }

    /**
     * A writer of the log stopped in the middle of its transaction (as a node frozen with SIGSTOP in the middle of an
     * Admin API write: its event row appended, its commit never sent) holds no other node's propagation back: its
     * event has no position until it commits.
     */
    @Test
    @Order(6)
    void a_log_writer_stalled_mid_transaction_does_not_delay_propagation_between_the_other_nodes() throws Exception {
        try (Connection stalled = cluster.database().getConnection()) {
            stalled.setAutoCommit(false);
            try (Statement s = stalled.createStatement()) {
                s.execute("INSERT INTO event_log (node_id, event_type, payload)"
                        + " VALUES (gen_random_uuid(), 'target_health_forced', '{}')");
            }
            assertThat(post(a.admin() + "/routes", "{\"paths\":[\"/while-stalled\"],\"service\":{\"name\":\"echo\"}}")
                            .status())
                    .isEqualTo(201);
            Duration toB = await(b.proxy() + "/while-stalled", r -> r.status() != 404, PUSHED);
            System.out.println("with a log writer stalled mid-transaction, a route created on A reached B after "
                    + toB.toMillis() + " ms");
            stalled.rollback();
        }
    }

    @Test
    @Order(20)
    void await_returns_once_both_nodes_applied_a_write_long_before_their_next_heartbeat() {
        Http.Response created = post(a.admin() + "/consumers", "{\"username\":\"awaited\"}");
        assertThat(created.status()).isEqualTo(201);
        long written = Long.parseLong(created.header("X-Tollgate-Log-Position"));
        // heartbeats come every 30 s here: only the position recorded as it moves can answer within 5 s
        Http.Response awaited = Http.get(a.admin() + "/clustering/await?timeout=5&position=" + written);
        assertThat(awaited.status()).as(awaited.body()).isEqualTo(200);
    }
}
