package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.await;
import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' story on a real cluster: nodes A and B (and C, with {@code db_update_propagation} and
 * {@code db_cache_ttl}) run as separate processes on one PostgreSQL with {@code db_update_frequency = 1}, in front
 * of a real upstream on loopback. Writes go to A's Admin API; A must apply them before answering, the other nodes
 * after their next poll of the event log. Push is off ({@code db_update_push = off}): this is the poll's story, the
 * safety net that works without notifications ({@link PushPropagationIT} tells the push's).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROPAGATION = Duration.ofSeconds(3);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static EchoUpstream upstream;
    static NodeProcess a;
    static NodeProcess b;
    static NodeProcess c;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(dir);
        upstream = cluster.closing(new EchoUpstream());
        Map<String, String> db =
                cluster.settings("db_update_frequency", "1", "db_update_push", "off", "db_cache_neg_ttl", "0");
        a = cluster.node("a", db);
        b = cluster.node("b", db);
        Map<String, String> lagging = new HashMap<>(db);
        lagging.put("db_update_propagation", String.valueOf(PROPAGATION.toSeconds()));
        lagging.put("db_cache_ttl", "2");
        c = cluster.node("c", lagging);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Waits until just after B's poll (a route written now is routed by B), so B's next poll is almost a whole period
     * away.
     */
    /**
     * Creates a marker route on A and waits until {@code node} routes it, i.e. right after one of its polls.
     *
     * @return the earliest {@link System#nanoTime()} at which {@code node}'s next poll can start: the marker became
     *     visible after the start of the last probe that still got 404, and polls are {@link #POLL} apart (fixed
     *     delay); 0 when the first probe already saw it (then nothing is known)
     */
    private static long alignWithPollOf(NodeProcess node, String path) throws Exception {
        String marker = "probe-" + System.nanoTime();
        assertThat(post(
                                a.admin() + "/routes",
                                "{\"name\":\"" + marker + "\",\"paths\":[\"" + path + marker
                                        + "\"],\"service\":{\"name\":\"echo\"}}")
                        .status())
                .isEqualTo(201);
        AtomicLong lastMiss = new AtomicLong();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    long probed = System.nanoTime();
                    boolean seen = get(node.proxy() + path + marker).status() != 404;
                    if (!seen) {
                        lastMiss.set(probed);
                    }
                    return seen;
                });
        return lastMiss.get() == 0 ? 0 : lastMiss.get() + POLL.toNanos();
    }

    /**
     * Asserts {@code status} (read from B just now) is {@code stale} when B cannot have polled since
     * {@code nextPollNotBefore}; on a machine too loaded to tell, the check is skipped rather than guessed.
     */
    private static void assertStaleBeforePoll(int status, int stale, long nextPollNotBefore, String what) {
        if (System.nanoTime() < nextPollNotBefore) {
            assertThat(status).as(what).isEqualTo(stale);
        } else {
            System.out.println("skipped '" + what + "': the machine was too slow to act within one poll");
        }
    }

    @Test
    @Order(1)
    void a_service_and_route_created_on_a_are_proxied_by_a_at_once_and_by_b_after_its_poll() throws Exception {
        assertThat(post(a.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "/base\"}")
                        .status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/services/echo/routes", "{\"name\":\"r1\",\"paths\":[\"/echo\"]}")
                        .status())
                .isEqualTo(201);

        var onA = get(a.proxy() + "/echo/hello?x=1");
        assertThat(onA.status()).isEqualTo(200);
        assertThat(onA.json().get("path").asText()).isEqualTo("/base/hello");
        assertThat(onA.json().get("query").asText()).isEqualTo("x=1");
        assertThat(onA.json().get("headers").get("x-forwarded-for").asText()).isEqualTo("127.0.0.1");

        Duration toB = await(b.proxy() + "/echo/hello", status(200), POLL.multipliedBy(3));
        assertThat(toB).isLessThan(POLL.plusMillis(1000));
        assertThat(get(b.proxy() + "/unknown").body()).contains("no Route matched with those values");
    }

    @Test
    @Order(2)
    void a_plugin_applies_on_a_at_once_and_on_b_only_after_its_next_poll() throws Exception {
        long nextPoll = alignWithPollOf(b, "/align-plugin");
        var created = post(a.admin() + "/services/echo/plugins", "{\"name\":\"key-auth\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(get(a.proxy() + "/echo/x").status()).isEqualTo(401);
        assertStaleBeforePoll(
                get(b.proxy() + "/echo/x").status(), 200, nextPoll, "B still serves the old state before its poll");
        Duration toB = await(b.proxy() + "/echo/x", status(401), POLL.multipliedBy(3));
        assertThat(toB).isLessThan(POLL.plusMillis(800));
        assertThat(get(b.proxy() + "/echo/x").json().get("message").asText()).isEqualTo("No API key found in request");
    }

    @Test
    @Order(3)
    void a_key_created_on_a_turns_bs_cached_miss_into_200_within_the_poll_interval() throws Exception {
        assertThat(post(a.admin() + "/consumers", "{\"username\":\"alice\"}").status())
                .isEqualTo(201);
        await(b.proxy() + "/echo/x", status(401), POLL.multipliedBy(3), "apikey", "alice-secret");
        assertThat(get(b.admin() + "/cache?prefix=keyauth_credentials:alice-secret")
                        .body())
                .contains("alice-secret");
        assertThat(post(a.admin() + "/consumers/alice/key-auth", "{\"key\":\"alice-secret\"}")
                        .status())
                .isEqualTo(201);
        assertThat(get(a.proxy() + "/echo/x", "apikey", "alice-secret").status())
                .isEqualTo(200);
        Duration toB = await(b.proxy() + "/echo/x", status(200), POLL.multipliedBy(3), "apikey", "alice-secret");
        assertThat(toB).isLessThan(POLL.plusMillis(1000));
        var echoed = get(b.proxy() + "/echo/x", "apikey", "alice-secret").json().get("headers");
        assertThat(echoed.get("x-consumer-username").asText()).isEqualTo("alice");
    }

    @Test
    @Order(4)
    void the_cache_endpoints_show_and_purge_a_warm_nodes_entries() throws Exception {
        assertThat(get(b.proxy() + "/echo/x", "apikey", "nobody").status()).isEqualTo(401);
        var keys = get(b.admin() + "/cache?prefix=keyauth_credentials:").json().get("data");
        String hit = null;
        for (var key : keys) {
            if (key.asText().startsWith("keyauth_credentials:alice-secret:")) {
                hit = key.asText();
            }
        }
        assertThat(hit).as("B holds alice's credential: %s", keys).isNotNull();
        String ws = hit.substring(hit.lastIndexOf(':') + 1);
        String miss = "keyauth_credentials:nobody:::::" + ws;

        var cached = get(b.admin() + "/cache/" + hit);
        assertThat(cached.status()).isEqualTo(200);
        assertThat(cached.json().get("key").asText()).isEqualTo("alice-secret");
        var cachedMiss = get(b.admin() + "/cache/" + miss);
        assertThat(cachedMiss.status()).isEqualTo(200);
        assertThat(cachedMiss.json().size()).isZero();
        assertThat(get(b.admin() + "/cache/keyauth_credentials:never-seen:::::" + ws)
                        .status())
                .isEqualTo(404);

        assertThat(Http.delete(b.admin() + "/cache/" + hit).status()).isEqualTo(204);
        assertThat(get(b.admin() + "/cache/" + hit).status()).isEqualTo(404);
        assertThat(get(a.admin() + "/cache/" + hit).status())
                .as("a purge is local to its node")
                .isEqualTo(200);
        assertThat(get(b.proxy() + "/echo/x", "apikey", "alice-secret").status())
                .isEqualTo(200);
        assertThat(get(b.admin() + "/cache/" + hit).status()).isEqualTo(200);

        assertThat(Http.delete(b.admin() + "/cache").status()).isEqualTo(204);
        assertThat(get(b.admin() + "/cache?prefix=").json().get("data").size()).isZero();
        assertThat(get(b.admin() + "/cache/" + miss).status()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void propagation_delays_the_lagging_node_by_that_much() throws Exception {
        // Measured on a cache purge, which happens exactly when C applies the event: a router rebuild reads the
        // database as it is then, so a delayed rebuild of an earlier write could pick a new route up early.
        String key = "lagging-" + System.nanoTime();
        assertThat(post(a.admin() + "/services", "{\"name\":\"lag\",\"url\":\"" + upstream.url() + "\"}")
                        .status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/services/lag/routes", "{\"paths\":[\"/lag\"]}")
                        .status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/services/lag/plugins", "{\"name\":\"key-auth\"}")
                        .status())
                .isEqualTo(201);
        for (NodeProcess node : List.of(b, c)) {
            await(node.proxy() + "/lag", status(401), PROPAGATION.plus(POLL.multipliedBy(3)), "apikey", key);
            assertThat(get(node.admin() + "/cache?prefix=keyauth_credentials:" + key)
                            .body())
                    .as("%s caches the miss until an event purges it (db_cache_neg_ttl = 0)", node.proxy())
                    .contains(key);
        }
        long start = System.nanoTime();
        assertThat(post(a.admin() + "/consumers/alice/key-auth", "{\"key\":\"" + key + "\"}")
                        .status())
                .isEqualTo(201);
        Duration onB = await(b.proxy() + "/lag", status(200), POLL.multipliedBy(3), "apikey", key);
        await(c.proxy() + "/lag", status(200), PROPAGATION.plus(POLL.multipliedBy(3)), "apikey", key);
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        assertThat(onB).isLessThan(POLL.plusMillis(1000));
        assertThat(total).isGreaterThanOrEqualTo(PROPAGATION);
        assertThat(total).isLessThan(PROPAGATION.plus(POLL).plusMillis(1500));

        // the route a later test deletes
        assertThat(post(a.admin() + "/services", "{\"name\":\"late\",\"url\":\"" + upstream.url() + "\"}")
                        .status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/services/late/routes", "{\"paths\":[\"/late\"]}")
                        .status())
                .isEqualTo(201);
        await(b.proxy() + "/late", status(200), POLL.multipliedBy(3));
    }

    @Test
    @Order(6)
    void db_cache_ttl_expires_an_entry_changed_behind_the_nodes_back() throws Exception {
        await(c.proxy() + "/echo/x", status(200), PROPAGATION.plus(POLL.multipliedBy(3)), "apikey", "alice-secret");
        await(b.proxy() + "/echo/x", status(200), POLL.multipliedBy(3), "apikey", "alice-secret");
        try (Connection db = cluster.database().getConnection()) {
            db.createStatement().executeUpdate("DELETE FROM keyauth_credentials WHERE key = 'alice-secret'");
        }
        Duration expired = await(c.proxy() + "/echo/x", status(401), Duration.ofSeconds(5), "apikey", "alice-secret");
        assertThat(expired).isLessThan(Duration.ofMillis(2500));
        assertThat(get(b.proxy() + "/echo/x", "apikey", "alice-secret").status())
                .as("B caches without a TTL and has seen no event, so it still serves its cached credential")
                .isEqualTo(200);
    }

    @Test
    @Order(7)
    void deleting_the_route_and_service_on_a_gives_404_on_a_at_once_and_on_b_after_its_poll() throws Exception {
        long nextPoll = alignWithPollOf(b, "/align-delete");
        for (var route : get(a.admin() + "/services/late/routes").json().get("data")) {
            assertThat(Http.delete(a.admin() + "/routes/" + route.get("id").asText())
                            .status())
                    .isEqualTo(204);
        }
        assertThat(Http.delete(a.admin() + "/services/late").status()).isEqualTo(204);
        assertThat(get(a.proxy() + "/late").status()).isEqualTo(404);
        assertStaleBeforePoll(get(b.proxy() + "/late").status(), 200, nextPoll, "B still routes before its poll");
        Duration toB = await(b.proxy() + "/late", status(404), POLL.multipliedBy(3));
        assertThat(toB).isLessThan(POLL.plusMillis(800));
    }

    @Test
    @Order(8)
    void measures_write_to_effect_latency_between_nodes() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String path = "/m" + i;
            long start = System.nanoTime();
            assertThat(post(a.admin() + "/routes", "{\"paths\":[\"" + path + "\"],\"service\":{\"name\":\"echo\"}}")
                            .status())
                    .isEqualTo(201);
            await(b.proxy() + path, r -> r.status() != 404, POLL.multipliedBy(3));
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        millis.sort(Long::compare);
        long median = (millis.get(9) + millis.get(10)) / 2;
        System.out.printf(
                "write on A to effect on B (db_update_frequency=1): median %d ms, min %d ms, max %d ms%n",
                median, millis.get(0), millis.get(19));
        assertThat(median).isLessThan(POLL.toMillis() + 200);
    }

    /** Kong's {@code kong reload} applies the database timings too: the lagging node stops lagging at once. */
    @Test
    @Order(9)
    void a_reload_applies_the_lagging_nodes_new_propagation_and_cache_ttl() throws Exception {
        String conf = Files.readString(c.conf())
                .replaceAll("(?m)^db_update_propagation = .*$", "db_update_propagation = 0")
                .replaceAll("(?m)^db_cache_ttl = .*$", "db_cache_ttl = 0");
        CliProcess.Result reloaded = c.reload(conf);
        assertThat(reloaded.exitCode()).as(reloaded.err()).isZero();
        assertThat(reloaded.out())
                .startsWith("Tollgate reloaded: applied db_update_propagation, db_cache_ttl" + System.lineSeparator());

        assertThat(post(a.admin() + "/routes", "{\"paths\":[\"/unlagged\"],\"service\":{\"name\":\"echo\"}}")
                        .status())
                .isEqualTo(201);
        Duration toC = await(c.proxy() + "/unlagged", r -> r.status() != 404, PROPAGATION.plus(POLL.multipliedBy(3)));
        assertThat(toC).as("no longer delayed by %s", PROPAGATION).isLessThan(PROPAGATION);

        Http.Response key = post(a.admin() + "/consumers/alice/key-auth", "{\"key\":\"kept-secret\"}");
        assertThat(key.status()).isEqualTo(201);
        // once C has applied the key's creation (which purges what C cached for it), C caches it from the database
        Http.Response applied =
                get(a.admin() + "/clustering/await?timeout=10&position=" + key.header("X-Tollgate-Log-Position"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        await(c.proxy() + "/echo/x", status(200), POLL.multipliedBy(3), "apikey", "kept-secret");
        try (Connection db = cluster.database().getConnection()) {
            db.createStatement().executeUpdate("DELETE FROM keyauth_credentials WHERE key = 'kept-secret'");
        }
        Awaitility.await("C keeps its cached credential past the old 2 s TTL (db_cache_ttl = 0 now)")
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get(c.proxy() + "/echo/x", "apikey", "kept-secret").status() == 200);
    }

    @Test
    @Order(10)
    void sigterm_stops_a_node_cleanly() throws Exception {
        c.stop();
        assertThat(c.log()).contains("stopped");
    }
}
