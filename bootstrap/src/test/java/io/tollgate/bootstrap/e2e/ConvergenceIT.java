package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The convergence fault test: three nodes, one writer per node at once, each making seeded random creates, PATCHes
 * and DELETEs of routes, consumers, key-auth credentials and key-auth plugins drawn from small shared pools (so
 * writers on different nodes collide on the same entities), while proxy traffic on every node fills the node caches.
 * After the writers stop and {@code /clustering/await} returns, every route is probed without a key and with every
 * key ever written, on every node: the three must answer identically. The seed is printed; replay one with
 * {@code -Dconvergence.seed=N}.
 */
class ConvergenceIT {

    private static final int NODES = 3;
    private static final int OPS_PER_WRITER = 150;
    private static final int ROUTES = 12;
    private static final int CONSUMERS = 6;
    private static final int KEYS_PER_CONSUMER = 2;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void three_nodes_written_at_once_route_and_authenticate_identically() throws Exception {
        long seed = Long.getLong("convergence.seed", System.nanoTime());
        System.out.println("convergence seed " + seed + " (replay with -Dconvergence.seed=" + seed + ")");
        try (TestCluster cluster = TestCluster.startFast(dir)) {
            EchoUpstream upstream = cluster.closing(new EchoUpstream());
            Map<String, String> settings = cluster.settings("db_update_frequency", "1");
            List<NodeProcess> nodes = new ArrayList<>();
            for (int n = 0; n < NODES; n++) {
                nodes.add(cluster.node("n" + n, settings));
            }
            assertThat(Http.send("PUT", nodes.get(0).admin() + "/services/echo", "{\"url\":\"" + upstream.url() + "\"}")
                            .status())
                    .isEqualTo(200);

            Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            AtomicBoolean traffic = new AtomicBoolean(true);
            Thread prober = Thread.ofVirtual().start(() -> {
                Random random = new Random(seed ^ 0x5DEECE66DL);
                while (traffic.get()) {
                    NodeProcess node = nodes.get(random.nextInt(NODES));
                    String key = "key-c" + random.nextInt(CONSUMERS) + "-" + random.nextInt(KEYS_PER_CONSUMER) + "-"
                            + random.nextInt(4);
                    try {
                        Http.Response r = Http.get(node.proxy() + "/r" + random.nextInt(ROUTES), "apikey", key);
                        if (r.status() >= 500) {
                            errors.add("probe: " + r.status() + " " + r.body());
                        }
                    } catch (RuntimeException e) {
                        errors.add("probe: " + e);
                    }
                }
            });
            List<Thread> writers = new ArrayList<>();
            for (int n = 0; n < NODES; n++) {
                NodeProcess node = nodes.get(n);
                Random random = new Random(seed + n);
                writers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < OPS_PER_WRITER; i++) {
                        Http.Response r = operation(node.admin(), random, keys);
                        if (r.status() >= 500) {
                            errors.add(r.status() + " " + r.body());
                        }
                    }
                }));
            }
            for (Thread writer : writers) {
                writer.join(Duration.ofSeconds(120));
            }
            traffic.set(false);
            prober.join(Duration.ofSeconds(10));
            assertThat(errors).as("no write answered 5xx").isEmpty();

            for (NodeProcess node : nodes) {
                Http.Response applied = Http.get(node.admin() + "/clustering/await?timeout=30");
                assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            }
            List<Map<String, Integer>> answers = new ArrayList<>();
            Set<String> probedKeys = new TreeSet<>(keys);
            probedKeys.add("never-written");
            for (NodeProcess node : nodes) {
                Map<String, Integer> answer = new TreeMap<>();
                for (int r = 0; r < ROUTES; r++) {
                    answer.put("/r" + r, Http.get(node.proxy() + "/r" + r).status());
                    for (String key : probedKeys) {
                        answer.put(
                                "/r" + r + " " + key,
                                Http.get(node.proxy() + "/r" + r, "apikey", key).status());
                    }
                }
                answers.add(answer);
            }
            long routes = count(cluster, "SELECT count(*) FROM routes");
            long credentials = count(cluster, "SELECT count(*) FROM keyauth_credentials");
            System.out.printf(
                    "convergence seed %d: %d routes, %d keys stored; %d probes per node, answers %s%n",
                    seed,
                    routes,
                    credentials,
                    answers.get(0).size(),
                    answers.get(0).values().stream()
                            .collect(java.util.stream.Collectors.groupingBy(
                                    s -> s, TreeMap::new, java.util.stream.Collectors.counting())));
            for (int n = 1; n < NODES; n++) {
                assertThat(answers.get(n))
                        .as("node n" + n + " against n0 (seed " + seed + ")")
                        .isEqualTo(answers.get(0));
            }
            assertThat(answers.get(0).values())
                    .as("the workload left something to probe")
                    .contains(200);
        }
    }

    /** One random write on {@code admin}; records every key value it sends in {@code keys}. */
    private static Http.Response operation(String admin, Random random, Set<String> keys) {
        int r = random.nextInt(ROUTES);
        UUID route = id("route", r);
        int c = random.nextInt(CONSUMERS);
        UUID consumer = id("consumer", c);
        int k = random.nextInt(KEYS_PER_CONSUMER);
        UUID credential = id("key-" + c, k);
        return switch (random.nextInt(10)) {
            case 0, 1 ->
                Http.send(
                        "PUT",
                        admin + "/routes/" + route,
                        "{\"name\":\"r" + r + "\",\"paths\":[\"/r" + r + "\"],\"service\":{\"name\":\"echo\"}}");
            case 2 ->
                Http.send(
                        "PATCH",
                        admin + "/routes/" + route,
                        "{\"strip_path\":" + random.nextBoolean() + ",\"paths\":[\"/r" + r + "\"]}");
            case 3 -> Http.send("DELETE", admin + "/routes/" + route, null);
            case 4 -> Http.send("PUT", admin + "/consumers/" + consumer, "{\"username\":\"c" + c + "\"}");
            case 5 -> Http.send("DELETE", admin + "/consumers/" + consumer, null);
            case 6, 7 -> {
                String key = "key-c" + c + "-" + k + "-" + random.nextInt(4);
                keys.add(key);
                yield Http.send(
                        "PUT",
                        admin + "/key-auths/" + credential,
                        "{\"key\":\"" + key + "\",\"consumer\":{\"id\":\"" + consumer + "\"}}");
            }
            case 8 ->
                Http.send(
                        "PUT",
                        admin + "/plugins/" + id("plugin", r),
                        "{\"name\":\"key-auth\",\"route\":{\"id\":\"" + route + "\"}}");
            default -> Http.send("DELETE", admin + "/plugins/" + id("plugin", r), null);
        };
    }

    private static UUID id(String kind, int n) {
        return UUID.nameUUIDFromBytes((kind + "-" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static long count(TestCluster cluster, String sql) throws Exception {
        try (Connection c = cluster.database().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
