package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.cache.redis.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate-limiting's {@code redis} policy on two nodes sharing one real {@code redis-server}: with {@code sync_rate = -1}
 * the cluster admits exactly the limit, whatever the concurrency, with every header of Kong; a Redis outage proxies
 * ({@code fault_tolerant}) or answers Kong's 500, and limiting resumes once Redis is back, without a restart. Hour
 * windows, after waiting, when the hour is about to end, for the next one, so that no count straddles a boundary.
 */
class RateLimitingRedisIT {

    static final Duration PROPAGATION = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static RedisServerProcess redis;
    static NodeProcess a;
    static NodeProcess b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start(dir.resolve("redis"));
        cluster = TestCluster.start(dir);
        EchoUpstream upstream = cluster.closing(new EchoUpstream());
        Map<String, String> db = cluster.settings("db_update_frequency", "1");
        a = cluster.node("a", db);
        b = cluster.node("b", db);
        created(post(a.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    static Http.Response created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    /**
     * A route on {@code /<name>} limited to {@code hour} requests an hour with the redis policy, live on both nodes.
     *
     * @param timeout the redis {@code timeout}, ms
     * @return the route's id
     */
    static String limitedRoute(String name, int hour, boolean faultTolerant, int timeout) {
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> 3600 - Instant.now().getEpochSecond() % 3600 > 60);
        String id = created(post(
                        a.admin() + "/services/echo/routes",
                        "{\"name\":\"" + name + "\",\"paths\":[\"/" + name + "\"]}"))
                .json()
                .path("id")
                .asText();
        created(post(
                a.admin() + "/routes/" + name + "/plugins",
                "{\"name\":\"rate-limiting\",\"config\":{\"hour\":" + hour + ",\"policy\":\"redis\",\"fault_tolerant\":"
                        + faultTolerant + ",\"redis\":{\"host\":\"127.0.0.1\",\"port\":" + redis.port()
                        + ",\"timeout\":" + timeout + "}}}"));
        // both nodes route it (answering 404 until then) before the plugin is counted: probe on a path of its own, not
        // one the limited route's path is a prefix of (a node that knew that route but not yet the probe's would route
        // the probe to it, and count it: CI saw 99 admitted against a limit of 100)
        created(post(
                a.admin() + "/services/echo/routes",
                "{\"name\":\"probe-" + name + "\",\"paths\":[\"/probe-" + name + "\"]}"));
        Http.await(b.proxy() + "/probe-" + name, Http.status(200), PROPAGATION);
        Http.await(a.proxy() + "/probe-" + name, Http.status(200), PROPAGATION);
        return id;
    }

    /** Kong's Redis key of this hour's counter of the test's client (identified by its IP) on a route. */
    static String hourKey(String routeId, String serviceId) {
        long hourStart = Instant.now().truncatedTo(ChronoUnit.HOURS).toEpochMilli();
        return "ratelimit:" + routeId + ":" + serviceId + ":127.0.0.1:" + hourStart + ":hour";
    }

    /** Kong's all-zero id: the instances are scoped to routes, so their counters carry no service (conf.service_id). */
    static final String NO_SERVICE = "00000000-0000-0000-0000-000000000000";

    @Test
    void four_clients_split_across_both_nodes_get_exactly_the_limit_with_kongs_headers() throws Exception {
        int limit = 100;
        String route = limitedRoute("concurrent", limit, true, 10_000); // a loaded machine is no outage
        AtomicInteger admitted = new AtomicInteger();
        Set<String> remaining = ConcurrentHashMap.newKeySet();
        List<String> problems = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (NodeProcess node : List.of(a, b, a, b)) {
            clients.add(CompletableFuture.runAsync(() -> {
                AtomicInteger refused = new AtomicInteger();
                // requests back to back until this client has been refused 5 times
                Awaitility.await()
                        .atMost(Duration.ofMinutes(2)) // a deadline for a loaded machine, not a wait
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> {
                            Http.Response r = Http.get(node.proxy() + "/concurrent");
                            if (r.status() == 429) {
                                refused.incrementAndGet();
                                check(problems, r, "X-RateLimit-Remaining-Hour", "0");
                                check(problems, r, "RateLimit-Remaining", "0");
                                check(problems, r, "X-RateLimit-Limit-Hour", "100");
                                check(problems, r, "RateLimit-Limit", "100");
                                seconds(problems, r, "Retry-After");
                                seconds(problems, r, "RateLimit-Reset");
                                if (!r.body().contains("API rate limit exceeded")) {
                                    problems.add("429 body " + r.body());
                                }
                            } else { // let through by the limiter (and counted), whatever the upstream answered
                                admitted.incrementAndGet();
                                if (r.status() != 200) {
                                    problems.add("status " + r.status() + " " + r.body());
                                }
                                String left = r.header("X-RateLimit-Remaining-Hour");
                                if (left == null || !remaining.add(left)) {
                                    problems.add("remaining " + left + " twice or missing");
                                }
                                check(problems, r, "RateLimit-Remaining", left);
                                check(problems, r, "X-RateLimit-Limit-Hour", "100");
                                check(problems, r, "RateLimit-Limit", "100");
                                seconds(problems, r, "RateLimit-Reset");
                                if (r.header("Retry-After") != null) {
                                    problems.add("Retry-After on an admitted request");
                                }
                            }
                            return refused.get() >= 5;
                        });
            }));
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get();
        assertThat(admitted.get()).as("admitted (problems: %s)", problems).isEqualTo(limit);
        assertThat(problems).isEmpty();
        assertThat(remaining).as("each admitted request saw its own count").hasSize(limit);
        assertThat(redis.get(0, hourKey(route, NO_SERVICE))).isEqualTo("100");
    }

    static void check(List<String> problems, Http.Response r, String header, String expected) {
        if (!java.util.Objects.equals(r.header(header), expected)) {
            problems.add(r.status() + " " + header + ": " + r.header(header) + " instead of " + expected);
        }
    }

    static void seconds(List<String> problems, Http.Response r, String header) {
        String value = r.header(header);
        if (value == null || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 3600) {
            problems.add(r.status() + " " + header + ": " + value);
        }
    }

    @Test
    void an_outage_proxies_or_answers_500_and_limiting_resumes_once_redis_is_back() throws Exception {
        // a request sent before the node noticed the outage waits for the timeout
        limitedRoute("tolerant", 5, true, 1000);
        String strict = limitedRoute("strict", 5, false, 1000);
        for (NodeProcess node : List.of(a, b)) {
            assertThat(Http.get(node.proxy() + "/tolerant").header("X-RateLimit-Remaining-Hour"))
                    .isNotNull();
            assertThat(Http.get(node.proxy() + "/strict").status()).isEqualTo(200);
        }
        redis.stop();
        try {
            for (int i = 0; i < 4; i++) { // beyond the limit of 5: nothing is counted
                for (NodeProcess node : List.of(a, b)) {
                    Http.Response tolerated = Http.get(node.proxy() + "/tolerant");
                    assertThat(tolerated.status()).isEqualTo(200);
                    assertThat(tolerated.header("X-RateLimit-Remaining-Hour")).isNull();
                    assertThat(tolerated.header("RateLimit-Limit")).isNull();
                    Http.Response refused = Http.get(node.proxy() + "/strict");
                    assertThat(refused.status()).isEqualTo(500);
                    assertThat(refused.json().path("message").asText()).isEqualTo("An unexpected error occurred");
                }
            }
        } finally {
            redis.restart(); // empty: the counters were lost with it
        }
        for (NodeProcess node : List.of(a, b)) { // 8 failed requests, one line (a minute's interval)
            assertThat(node.log().split("rate-limiting redis counters unreachable", -1))
                    .as(node.log())
                    .hasSize(2);
        }
        AtomicInteger admitted = new AtomicInteger();
        for (NodeProcess node : List.of(a, b)) { // each node reconnects by itself
            Http.await(
                    node.proxy() + "/strict",
                    r -> {
                        if (r.status() != 500) {
                            admitted.incrementAndGet();
                        }
                        return r.status() == 200;
                    },
                    PROPAGATION);
        }
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; refused.get() < 2; i++) {
            Http.Response r = Http.get((i % 2 == 0 ? a : b).proxy() + "/strict");
            assertThat(r.status()).as(r.body()).isIn(200, 429);
            (r.status() == 429 ? refused : admitted).incrementAndGet();
        }
        assertThat(admitted.get()).isEqualTo(5);
        assertThat(redis.get(0, hourKey(strict, NO_SERVICE))).isEqualTo("5");
        Http.Response tolerated = Http.get(a.proxy() + "/tolerant");
        assertThat(tolerated.header("X-RateLimit-Remaining-Hour")).isEqualTo("4");
    }
}
