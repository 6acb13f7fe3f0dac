package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outage fault test: two real nodes on a PostgreSQL the test stops for 30 s (issue 12's figure, ten times
 * {@code db_cache_ttl} here) and starts again on the same port and data directory,
 * with steady proxy traffic through both nodes on a route with a key-auth plugin and a cached consumer key
 * ({@code db_cache_ttl = 3}, so the cached key expires during the outage and is served again under
 * {@code db_resurrect_ttl}) and on a plain route. Checks: 0 failed requests for cached state; an uncached key gets
 * 503 in Kong's shape (never 500); Admin writes get 503 within {@code pg_timeout} and write nothing; {@code /status}
 * answers within 1 s and says unreachable; after the restart a write on one node reaches the other within 1 s; each
 * node logs the outage once as it starts and once as it ends; a third node started with
 * {@code db_cache_warmup_entities = services,consumers,keyauth_credentials} authenticates a key it was never asked
 * for during the outage. Prints the measured figures.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final long PG_TIMEOUT_MS = 2000;
    private static final String UNAVAILABLE = "Service unavailable: the gateway cannot reach its database";

    @TempDir
    Path dir;

    private EmbeddedPostgres postgres;
    private int pgPort;

    private EmbeddedPostgres startDatabase() throws Exception {
        return EmbeddedPostgres.builder()
                .setPort(pgPort)
                .setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(false)
                .start();
    }

    @Test
    @Timeout(150)
    void two_nodes_serve_cached_state_through_a_database_outage_and_recover_at_once() throws Exception {
        pgPort = NodeProcess.freePort();
        postgres = startDatabase();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            EchoUpstream upstream = new EchoUpstream();
            open.add(upstream);
            Map<String, String> settings = NodeProcess.onPostgres(
                    pgPort, "pg_timeout", String.valueOf(PG_TIMEOUT_MS), "db_cache_ttl", "3", "db_resurrect_ttl", "30");
            NodeProcess a = NodeProcess.start("a", dir, settings);
            open.add(a);
            NodeProcess b = NodeProcess.start("b", dir, settings);
            open.add(b);
            run(a, b, upstream, open, settings);
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private void run(
            NodeProcess a, NodeProcess b, EchoUpstream upstream, List<AutoCloseable> open, Map<String, String> settings)
            throws Exception {
        created(Http.post(a.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}"));
        created(Http.post(a.admin() + "/services/echo/routes", "{\"name\":\"plain\",\"paths\":[\"/plain\"]}"));
        created(Http.post(a.admin() + "/services/echo/routes", "{\"name\":\"keyed\",\"paths\":[\"/keyed\"]}"));
        created(Http.post(a.admin() + "/routes/keyed/plugins", "{\"name\":\"key-auth\"}"));
        created(Http.post(a.admin() + "/consumers", "{\"username\":\"alice\"}"));
        created(Http.post(a.admin() + "/consumers/alice/key-auth", "{\"key\":\"cached-key\"}"));
        assertThat(Http.get(a.admin() + "/clustering/await?timeout=10").status())
                .isEqualTo(200);
        List<NodeProcess> nodes = List.of(a, b);
        for (NodeProcess node : nodes) {
            Http.await(node.proxy() + "/keyed", Http.status(200), Duration.ofSeconds(10), "apikey", "cached-key");
            Http.await(node.proxy() + "/plain", Http.status(200), Duration.ofSeconds(10));
        }

        // a third node started now, warming its cache up with the consumers and their keys: it has never been asked
        // for the key, yet authenticates it during the outage (db_cache_warmup_entities)
        Map<String, String> warming = new java.util.LinkedHashMap<>(settings);
        warming.put("db_cache_warmup_entities", "services,consumers,keyauth_credentials");
        NodeProcess c = NodeProcess.start("c", dir, warming);
        open.add(c);
        Http.await(c.proxy() + "/plain", Http.status(200), Duration.ofSeconds(10));

        // steady traffic on cached state through both nodes, from before the outage to after it
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong served = new AtomicLong();
        AtomicBoolean traffic = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        for (NodeProcess node : nodes) {
            senders.add(Thread.ofVirtual().start(() -> {
                while (traffic.get()) {
                    for (String path : List.of("/keyed", "/plain")) {
                        try {
                            Http.Response r = Http.get(node.proxy() + path, "apikey", "cached-key");
                            if (r.status() == 200) {
                                served.incrementAndGet();
                            } else {
                                failures.add(node.name() + path + " " + r.status() + " " + r.body());
                            }
                        } catch (RuntimeException e) {
                            failures.add(node.name() + path + " " + e);
                        }
                    }
                }
            }));
        }
        long before = served.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> served.get() > before + 20);

        long servicesBefore;
        try (Connection db = postgres.getPostgresDatabase().getConnection()) {
            servicesBefore = count(db, "SELECT count(*) FROM services");
        }
        postgres.close();
        postgres = null;
        long stoppedAt = System.nanoTime();

        // an uncached key: 503 in Kong's shape, never 500, on both nodes
        for (NodeProcess node : nodes) {
            Http.Response uncached = Http.get(node.proxy() + "/keyed", "apikey", "never-seen-" + node.name());
            assertThat(uncached.status()).as(uncached.body()).isEqualTo(503);
            assertThat(uncached.json().get("message").asText()).isEqualTo(UNAVAILABLE);
        }
        Http.Response warmed = Http.get(c.proxy() + "/keyed", "apikey", "cached-key");
        assertThat(warmed.status()).as("warmed up: " + warmed.body()).isEqualTo(200);
        assertThat(Http.get(c.proxy() + "/keyed", "apikey", "never-seen-c").status())
                .isEqualTo(503);
        // Admin writes: 503, within pg_timeout (once), nothing written
        List<Long> adminMs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            Http.Response write = Http.post(a.admin() + "/services", "{\"name\":\"during-" + i + "\",\"host\":\"o\"}");
            adminMs.add(ms(t));
            assertThat(write.status()).as(write.body()).isEqualTo(503);
            assertThat(write.json().get("message").asText()).startsWith("database unavailable");
        }
        assertThat(adminMs).allSatisfy(m -> assertThat(m).isLessThan(PG_TIMEOUT_MS + 1000));
        // /status: within 1 s, and soon saying unreachable
        List<Long> statusMs = new ArrayList<>();
        for (NodeProcess node : nodes) {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        long t = System.nanoTime();
                        Http.Response status = Http.get(node.admin() + "/status");
                        statusMs.add(ms(t));
                        assertThat(status.status()).isEqualTo(200);
                        return !status.json().path("database").path("reachable").asBoolean(true);
                    });
        }
        // the rest of the outage: traffic keeps flowing (the cached key expires and is served again)
        long during = served.get();
        await().atMost(OUTAGE.plusSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> System.nanoTime() - stoppedAt >= OUTAGE.toNanos());
        for (NodeProcess node : nodes) {
            long t = System.nanoTime();
            Http.Response status = Http.get(node.admin() + "/status");
            statusMs.add(ms(t));
            assertThat(status.json().path("database").path("reachable").asBoolean(true))
                    .isFalse();
        }
        assertThat(statusMs).allSatisfy(m -> assertThat(m).isLessThan(1000));
        long servedDuringOutage = served.get() - during;
        assertThat(servedDuringOutage).isPositive();

        // the database comes back: a write on A succeeds, and reaches B within 1 s
        postgres = startDatabase();
        long backAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Http.get(a.admin() + "/services/echo").status() == 200);
        long adminBackMs = ms(backAt);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Http.get(b.admin() + "/status")
                        .json()
                        .path("database")
                        .path("reachable")
                        .asBoolean());
        long statusBackMs = ms(backAt);
        long written = System.nanoTime();
        created(Http.post(a.admin() + "/services/echo/routes", "{\"name\":\"after\",\"paths\":[\"/after\"]}"));
        Duration propagated = Http.await(b.proxy() + "/after", Http.status(200), Duration.ofSeconds(10));
        long propagationMs = ms(written);

        traffic.set(false);
        for (Thread sender : senders) {
            sender.join(Duration.ofSeconds(15));
        }
        try (Connection db = postgres.getPostgresDatabase().getConnection()) {
            assertThat(count(db, "SELECT count(*) FROM services"))
                    .as("nothing written during the outage")
                    .isEqualTo(servicesBefore);
        }
        System.out.printf(
                "outage of %d s: %d cached requests served during it, %d failed; admin 503 after %s ms;"
                        + " /status max %d ms; after restart: admin answers in %d ms, /status reachable in %d ms,"
                        + " a write reached the other node in %d ms (%d ms polled)%n",
                OUTAGE.toSeconds(),
                servedDuringOutage,
                failures.size(),
                adminMs,
                statusMs.stream().mapToLong(Long::longValue).max().orElse(0),
                adminBackMs,
                statusBackMs,
                propagationMs,
                propagated.toMillis());
        assertThat(failures).as("failed requests for cached state").isEmpty();
        // the target is 1 s (measured: about 0.4-0.6 s); 2 s leaves room for a loaded machine
        assertThat(adminBackMs).as("admin recovery").isLessThan(2000);
        assertThat(statusBackMs).as("status recovery").isLessThan(2000);
        assertThat(propagated).isLessThan(Duration.ofSeconds(1));
        for (NodeProcess node : nodes) {
            String log = node.log();
            assertThat(occurrences(log, "database unreachable:"))
                    .as(node.name() + " logs the outage's start once")
                    .isEqualTo(1);
            Http.await(node.admin() + "/status", Http.status(200), Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(5)).until(() -> occurrences(node.log(), "database reachable again") == 1);
            assertThat(node.log()).contains("proxied request(s) were served stale");
            node.log()
                    .lines()
                    .filter(l -> l.contains("WARN") || l.contains("ERROR") || l.startsWith("\tat "))
                    .limit(20)
                    .forEach(l -> System.out.println(node.name() + "| " + l));
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static void created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }
}
