package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's data on a two-node cluster (one PostgreSQL, {@code db_update_frequency = 1},
 * {@code traffic_sample_interval = 1}): traffic proxied by both nodes shows in {@code GET /clustering/traffic} of
 * ONE node, per node and per service; {@code GET /history/export?at=} shows the configuration before a PATCH, with
 * its secrets redacted.
 */
class TrafficAndExportClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess a;
    static NodeProcess b;
    static String serviceId;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir);
        EchoUpstream upstream = cluster.closing(new EchoUpstream());
        Map<String, String> db = cluster.settings("db_update_frequency", "1", "traffic_sample_interval", "1");
        a = cluster.node("a", db);
        b = cluster.node("b", db);
        Http.Response service = post(a.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}");
        assertThat(service.status()).isEqualTo(201);
        serviceId = service.json().path("id").asText();
        assertThat(post(a.admin() + "/services/echo/routes", "{\"paths\":[\"/t\"]}")
                        .status())
                .isEqualTo(201);
        Http.await(b.proxy() + "/t", Http.status(200), WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void one_node_answers_with_both_nodes_series_per_node_and_per_service() {
        String nodeA = Http.get(a.admin() + "/").json().path("node_id").asText();
        String nodeB = Http.get(b.admin() + "/").json().path("node_id").asText();
        for (int i = 0; i < 20; i++) {
            assertThat(Http.get(a.proxy() + "/t").status()).isEqualTo(200);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(Http.get(b.proxy() + "/t").status()).isEqualTo(200);
        }
        assertThat(Http.get(a.proxy() + "/nowhere").status()).isEqualTo(404); // the node's traffic, no service

        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode body =
                    Http.get(b.admin() + "/clustering/traffic?minutes=5").json();
            assertThat(body.path("interval_seconds").asInt()).isEqualTo(1);
            assertThat(requests(body, nodeA, serviceId)).isEqualTo(20);
            assertThat(requests(body, nodeA, null)).isEqualTo(21);
            assertThat(requests(body, nodeB, serviceId)).isGreaterThanOrEqualTo(10);
            assertThat(requests(body, nodeB, null)).isGreaterThanOrEqualTo(requests(body, nodeB, serviceId));
            // B applied A's writes (the service, the route) after they were appended: its lag was sampled
            assertThat(points(body, nodeB, null))
                    .anySatisfy(p ->
                            assertThat(p.path("propagation_lag_ms").isNumber()).isTrue());
        });

        JsonNode body = Http.get(a.admin() + "/clustering/traffic").json();
        List<JsonNode> busy = points(body, nodeA, serviceId).stream()
                .filter(p -> p.path("requests").asLong() > 0)
                .toList();
        assertThat(busy).isNotEmpty().allSatisfy(p -> {
            assertThat(p.path("errors").asLong()).isZero();
            assertThat(p.path("error_rate").asDouble()).isZero();
            assertThat(p.path("requests_per_second").asDouble())
                    .isEqualTo(p.path("requests").asDouble()); // 1 s intervals
            JsonNode latency = p.path("latency_ms");
            assertThat(latency.path("p50").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(latency.path("p99").asDouble())
                    .isGreaterThanOrEqualTo(latency.path("p95").asDouble())
                    .isGreaterThanOrEqualTo(latency.path("p50").asDouble())
                    .isLessThan(30_000);
            assertThat(p.path("propagation_lag_ms").isNull()).isTrue(); // service series carry no lag
            assertThat(p.path("at").asDouble()).isGreaterThan(1.7e9);
        });
        List<Double> at = points(body, nodeA, null).stream()
                .map(p -> p.path("at").asDouble())
                .toList();
        assertThat(at).isSorted().hasSizeGreaterThan(1);

        JsonNode onlyService =
                Http.get(b.admin() + "/clustering/traffic?service=" + serviceId).json();
        assertThat(onlyService.path("data"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.path("service_id").asText()).isEqualTo(serviceId));
        JsonNode onlyB = Http.get(a.admin() + "/clustering/traffic?minutes=1&node=" + nodeB)
                .json();
        assertThat(onlyB.path("data"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.path("node_id").asText()).isEqualTo(nodeB));

        for (String bad : List.of("minutes=0", "minutes=61", "minutes=x", "node=nope", "service=1")) {
            Http.Response refused = Http.get(a.admin() + "/clustering/traffic?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().path("code").asInt()).as(bad).isEqualTo(11);
            assertThat(refused.json().path("name").asText()).isEqualTo("invalid options");
        }
    }

    @Test
    void the_export_at_a_position_before_a_patch_shows_the_old_value_with_secrets_redacted() {
        assertThat(post(a.admin() + "/services", "{\"name\":\"exported\",\"host\":\"old.test\"}")
                        .status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/consumers", "{\"username\":\"exp\"}").status())
                .isEqualTo(201);
        assertThat(post(a.admin() + "/consumers/exp/key-auth", "{\"key\":\"very-secret-key\"}")
                        .status())
                .isEqualTo(201);
        String before = Http.get(a.admin() + "/history?size=1")
                .json()
                .path("data")
                .get(0)
                .path("position")
                .asText();
        assertThat(Http.send("PATCH", a.admin() + "/services/exported", "{\"host\":\"new.test\"}")
                        .status())
                .isEqualTo(200);

        Http.Response past = Http.get(b.admin() + "/history/export?at=" + before);
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"tollgate-config-" + before.replace(':', '-') + ".json\"");
        assertThat(past.json().path("_format_version").asText()).isEqualTo("tollgate-1");
        assertThat(past.json().path("_position").asText()).isEqualTo(before);
        assertThat(host(past.json(), "exported")).isEqualTo("old.test");
        assertThat(past.json().path("keyauth_credentials").get(0).path("key").asText())
                .isEqualTo("******");
        assertThat(past.body()).doesNotContain("very-secret-key");

        Http.Response now = Http.get(b.admin() + "/history/export");
        assertThat(now.status()).isEqualTo(200);
        assertThat(host(now.json(), "exported")).isEqualTo("new.test");

        for (String bad : List.of("yesterday", "-5", "1.5e9")) {
            Http.Response refused = Http.get(a.admin() + "/history/export?at=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().path("message").asText()).as(bad).startsWith("at takes epoch seconds");
        }
        assertThat(Http.get(a.admin() + "/history/export?at=12:x")
                        .json()
                        .path("message")
                        .asText())
                .startsWith("a log position is written <commit number>:<event id>");

        // the history before the compaction snapshot is gone: the CLI's error, as a 400
        compactAtTheLastEvent();
        Http.Response compacted = Http.get(b.admin() + "/history/export?at=" + before);
        assertThat(compacted.status()).isEqualTo(400);
        assertThat(compacted.json().path("message").asText())
                .contains("is before the event log's compaction snapshot")
                .contains("the earliest exportable");
    }

    /** Stands in for compaction: the log's snapshot position becomes its last event (as ConfigExportIT does). */
    private static void compactAtTheLastEvent() {
        try (Connection db = cluster.database().getConnection()) {
            db.createStatement()
                    .execute("UPDATE event_log_compaction c SET commit_seq = l.commit_seq, event_id = l.id,"
                            + " compacted_at = clock_timestamp() FROM (SELECT commit_seq, id FROM event_log"
                            + " ORDER BY commit_seq DESC, id DESC LIMIT 1) l WHERE c.id = 1");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String host(JsonNode export, String service) {
        for (JsonNode s : export.path("services")) {
            if (service.equals(s.path("name").asText())) {
                return s.path("host").asText();
            }
        }
        throw new AssertionError("no service " + service + " in " + export);
    }

    private static long requests(JsonNode body, String node, String service) {
        return points(body, node, service).stream()
                .mapToLong(p -> p.path("requests").asLong())
                .sum();
    }

    private static List<JsonNode> points(JsonNode body, String node, String service) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode series : body.path("data")) {
            boolean sameService = service == null
                    ? series.path("service_id").isNull()
                    : service.equals(series.path("service_id").asText());
            if (node.equals(series.path("node_id").asText()) && sameService) {
                series.path("points").forEach(out::add);
            }
        }
        return out;
    }
}
