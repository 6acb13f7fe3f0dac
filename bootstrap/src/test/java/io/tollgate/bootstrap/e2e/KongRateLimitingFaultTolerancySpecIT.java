package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cluster} policy's cases of the "fault tolerancy" describe of Kong's
 * {@code spec/03-plugins/23-rate-limiting/04-access_spec.lua} (its 3.x revision; the {@code redis} policy's two are
 * in {@link KongRateLimitingAccessSpecIT}): 2 of 2 ported, against one real node on a PostgreSQL of the test's own.
 * Kong drops {@code ratelimiting_metrics} and resets its database after each case; here the table is renamed away
 * for the case and back after it. The cluster policy writes its counters off the request path (every 100 ms), so its
 * failure shows from the first request after a failed write: the case waits for that request.
 */
class KongRateLimitingFaultTolerancySpecIT {

    static final String METRICS = "ratelimiting_metrics";

    @TempDir
    static Path dir;

    static EmbeddedPostgres postgres;
    static NodeProcess node;
    static KongMockUpstream mock;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        int port = NodeProcess.freePort();
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir.resolve("pgdata"))
                .start();
        node = NodeProcess.start("kong-rate-limiting-fault", dir, NodeProcess.onPostgres(port));
        mock = new KongMockUpstream();
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A service with a route on its own path and a cluster-policy plugin (6 a minute, by IP); returns the path. */
    private static String limitedRoute(boolean faultTolerant) {
        String path = "/" + unique("rlf") + "-test";
        String service = client.create("/services", body("name", unique("rlf"), "url", mock.url()))
                .get("id")
                .asText();
        client.create("/routes", body("paths", List.of(path), "service", Map.of("id", service)));
        client.create(
                "/plugins",
                body(
                        "name",
                        "rate-limiting",
                        "service",
                        Map.of("id", service),
                        "config",
                        body("minute", 6, "limit_by", "ip", "policy", "cluster", "fault_tolerant", faultTolerant)));
        return path;
    }

    private static RawHttp.Response get(String path) throws IOException {
        return RawHttp.request("GET", "127.0.0.1:" + node.proxyPort, path).send(node.proxyPort);
    }

    /** Kong's first two requests: counted, with their headers. */
    private static void twoCounted(String path) throws IOException {
        Awaitility.await()
                .atMost(Duration.ofSeconds(70))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().getEpochSecond() % 60 < 45);
        for (int remaining : new int[] {5, 4}) {
            RawHttp.Response r = get(path);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-RateLimit-Limit-Minute")).isEqualTo("6");
            assertThat(r.header("X-RateLimit-Remaining-Minute")).isEqualTo(String.valueOf(remaining));
            assertThat(r.header("RateLimit-Limit")).isEqualTo("6");
            assertThat(r.header("RateLimit-Remaining")).isEqualTo(String.valueOf(remaining));
            assertThat(Integer.parseInt(r.header("RateLimit-Reset"))).isBetween(0, 60);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection db = postgres.getPostgresDatabase().getConnection();
                Statement s = db.createStatement()) {
            s.execute(statement);
        }
    }

    private static void noRateLimitHeaders(RawHttp.Response r) {
        for (String header : List.of(
                "X-RateLimit-Limit-Minute",
                "X-RateLimit-Remaining-Minute",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset")) {
            assertThat(r.header(header)).as(header).isNull();
        }
    }

    /** 04-access_spec fault tolerancy [policy: cluster]: "does not work if an error occurs". */
    @Test
    void does_not_work_if_an_error_occurs() throws Exception {
        String path = limitedRoute(false);
        twoCounted(path);
        sql("ALTER TABLE " + METRICS + " RENAME TO " + METRICS + "_away");
        try {
            AtomicReference<RawHttp.Response> failed = new AtomicReference<>();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        failed.set(get(path));
                        return failed.get().status() != 200;
                    });
            RawHttp.Response r = failed.get();
            assertThat(r.status()).as(r.body()).isEqualTo(500);
            assertThat(r.json().path("message").asText()).contains("An unexpected error occurred");
            noRateLimitHeaders(r);
        } finally {
            sql("ALTER TABLE " + METRICS + "_away RENAME TO " + METRICS);
        }
    }

    /** 04-access_spec fault tolerancy [policy: cluster]: "keeps working if an error occurs". */
    @Test
    void keeps_working_if_an_error_occurs() throws Exception {
        String path = limitedRoute(true);
        twoCounted(path);
        sql("ALTER TABLE " + METRICS + " RENAME TO " + METRICS + "_away");
        try {
            List<Integer> statuses = new ArrayList<>();
            AtomicReference<RawHttp.Response> unlimited = new AtomicReference<>();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        unlimited.set(get(path));
                        statuses.add(unlimited.get().status());
                        return unlimited.get().header("RateLimit-Limit") == null;
                    });
            assertThat(statuses).containsOnly(200);
            noRateLimitHeaders(unlimited.get());
        } finally {
            sql("ALTER TABLE " + METRICS + "_away RENAME TO " + METRICS);
        }
    }
}
