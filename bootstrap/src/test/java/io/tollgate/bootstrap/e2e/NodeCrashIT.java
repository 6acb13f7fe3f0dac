package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash fault test: node A is killed with SIGKILL in the middle of a stream of Admin API writes (routes, on
 * concurrent writers); every write answered 201 is in the database and routed by node B; A, restarted on the same
 * prefix, comes back with the same node id and routes them too.
 */
class NodeCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int WRITERS = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void every_acknowledged_write_survives_a_sigkill_and_the_node_comes_back_with_its_id() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir)) {
            EchoUpstream upstream = cluster.closing(new EchoUpstream());
            Map<String, String> settings = cluster.settings("db_update_frequency", "1");
            NodeProcess a = cluster.node("a", settings);
            NodeProcess b = cluster.node("b", settings);
            String idA = Http.get(a.admin() + "/").json().get("node_id").asText();
            assertThat(Http.post(a.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}")
                            .status())
                    .isEqualTo(201);

            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread[] writers = new Thread[WRITERS];
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers[w] = Thread.ofVirtual().start(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String name = "crash-" + writer + "-" + i;
                        try {
                            Http.Response r = Http.post(
                                    a.admin() + "/services/echo/routes",
                                    "{\"name\":\"" + name + "\",\"paths\":[\"/" + name + "\"]}");
                            if (r.status() == 201) {
                                acknowledged.add(name);
                            }
                        } catch (RuntimeException e) {
                            return; // the node is gone: the write was not acknowledged
                        }
                    }
                });
            }
            await().atMost(WAIT).until(() -> acknowledged.size() >= 40);
            a.kill(); // SIGKILL in the middle of the stream
            writing.set(false);
            for (Thread writer : writers) {
                writer.join(WAIT);
            }
            Set<String> acked = new HashSet<>(acknowledged);
            Set<String> stored = new HashSet<>();
            try (Connection c = cluster.database().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name FROM routes WHERE name LIKE 'crash-%'")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            System.out.printf(
                    "crash: %d writes acknowledged before SIGKILL, %d routes stored%n", acked.size(), stored.size());
            assertThat(stored).as("every acknowledged write is in the database").containsAll(acked);
            for (String name : stored) { // B applied every committed write, acknowledged or not
                Http.await(b.proxy() + "/" + name, Http.status(200), WAIT);
            }

            NodeProcess restarted = cluster.node("a", settings);
            assertThat(Http.get(restarted.admin() + "/").json().get("node_id").asText())
                    .isEqualTo(idA);
            for (String name : stored) {
                assertThat(Http.get(restarted.proxy() + "/" + name).status())
                        .as(name)
                        .isEqualTo(200);
            }
            Http.await(
                    b.admin() + "/clustering/nodes/" + idA,
                    r -> r.status() == 200 && r.json().get("state").asText().equals("active"),
                    WAIT);
        }
    }
}
