package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.postgres.EmbeddedPostgresServer;
import io.tollgate.adapter.postgres.PostgresSettings;
import io.tollgate.adapter.postgres.StreamingReplica;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code pg_ro_*} on real nodes: node B reads the proxy path's data from a real streaming replica that applies
 * each commit 2 s after the primary; node A writes. A change made on A is never served stale by B (probed
 * continuously: once B answers with the new value, it never answers with the old one), and stopping the replica sends
 * B's reads to the primary with no failed request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaClusterIT {

    private static final Pattern PATH = Pattern.compile("\"path\":\"(/v\\d+)");

    @TempDir
    static Path dir;

    private static final Deque<AutoCloseable> started = new ArrayDeque<>();
    private static StreamingReplica replica;
    static NodeProcess a;
    static NodeProcess b;

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("primary");
        EmbeddedPostgresServer primary = closing(EmbeddedPostgresServer.start(data, 0, "tollgate"));
        replica = closing(StreamingReplica.of(primary, data, dir.resolve("replica"), Duration.ofSeconds(2)));
        PostgresSettings p = primary.settings();
        Map<String, String> db = NodeProcess.onPostgres(
                p.port(), "pg_password", p.password(), "pg_database", p.database(), "db_update_frequency", "1");
        a = closing(NodeProcess.start("a", dir, db));
        awaitMigrationsOnTheReplica(p);
        Map<String, String> withReplica = new java.util.LinkedHashMap<>(db);
        withReplica.put("pg_ro_host", "127.0.0.1");
        withReplica.put("pg_ro_port", String.valueOf(replica.settings().port()));
        b = closing(NodeProcess.start("b", dir, withReplica));
        EchoUpstream upstream = closing(new EchoUpstream());
        assertThat(post(a.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "/v1\"}")
                        .status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/services/echo/routes", "{\"name\":\"r\",\"paths\":[\"/r\"]}")
                        .status())
                .isEqualTo(201);
        Http.await(b.proxy() + "/r", r -> r.status() == 200 && path(r).equals("/v1"), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c = started.poll(); c != null; c = started.poll()) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Test
    @Order(1)
    void aChangeOnAIsNeverServedStaleByBWhoseReplicaIsTwoSecondsBehind() {
        List<String> seen = probeWhile(() -> {
            patchPath("/v2");
            return "/v2";
        });
        int flip = seen.indexOf("/v2");
        assertThat(seen.subList(flip, seen.size()))
                .as("answers after the first new one")
                .containsOnly("/v2");
        assertThat(seen.subList(0, flip)).containsOnly("/v1");
        assertThat(metric(b, "tollgate_replica_reads_total")).isGreaterThan(0);
    }

    @Test
    @Order(2)
    void stoppingTheReplicaFallsBackToThePrimaryWithNoFailedRequest() {
        replica.stop();
        List<String> seen = probeWhile(() -> {
            patchPath("/v3");
            return "/v3";
        });
        assertThat(seen).doesNotContain("failed");
        int flip = seen.indexOf("/v3");
        assertThat(seen.subList(flip, seen.size())).containsOnly("/v3");
        assertThat(metric(b, "tollgate_replica_fallbacks_total")).isGreaterThan(0);
    }

    /**
     * Probes B's proxy on another thread while {@code change} runs, until 100 answers after the first one showing
     * what {@code change} returned; each answer as the upstream path it reached, {@code failed} for anything but 200.
     */
    private static List<String> probeWhile(java.util.function.Supplier<String> change) {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread prober = Thread.ofVirtual().start(() -> {
            while (!stop.get()) {
                try {
                    Http.Response r = get(b.proxy() + "/r");
                    seen.add(r.status() == 200 ? path(r) : "failed");
                } catch (RuntimeException e) {
                    seen.add("failed");
                }
            }
        });
        try {
            String expected = change.get();
            Awaitility.await("B answers with " + expected + ", 100 times after the first")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> seen.contains(expected) && seen.size() - seen.indexOf(expected) >= 100);
        } finally {
            stop.set(true);
        }
        try {
            prober.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.copyOf(seen);
    }

    /**
     * Waits until the replica, two seconds behind, has replayed every migration A's start ran on the primary: B
     * started before that finds no {@code event_log_head} there, takes the replica for down and reads from the
     * primary until its background check (every second) reaches it, which could outlast the first test.
     */
    private static void awaitMigrationsOnTheReplica(PostgresSettings primary) throws Exception {
        long migrations = migrations(primary);
        Awaitility.await("the replica has replayed the " + migrations + " migrations")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> migrations(replica.settings()) == migrations);
    }

    private static long migrations(PostgresSettings server) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void patchPath(String path) {
        assertThat(Http.send("PATCH", a.admin() + "/services/echo", "{\"path\":\"" + path + "\"}")
                        .status())
                .isEqualTo(200);
    }

    private static String path(Http.Response r) {
        Matcher m = PATH.matcher(r.body());
        return m.find() ? m.group(1) : "none";
    }

    /** A counter's value in the node's {@code GET /metrics}, 0 when absent. */
    private static double metric(NodeProcess node, String name) {
        for (String line : get(node.admin() + "/metrics").body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }

    private static <T extends AutoCloseable> T closing(T resource) {
        started.push(resource);
        return resource;
    }
}
