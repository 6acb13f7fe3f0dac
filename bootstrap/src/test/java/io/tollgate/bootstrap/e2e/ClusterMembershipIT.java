package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster membership on real nodes sharing one PostgreSQL ({@code db_update_frequency = 1}): two nodes see each other
 * {@code active}; SIGTERM takes a node through {@code leaving} to {@code left}; a restart on the same prefix brings
 * back the same node id, {@code active}; SIGKILL makes it {@code failed} once three heartbeats are missed;
 * {@code /clustering/await} and {@code tollgate cluster members --json} report the members.
 */
class ClusterMembershipIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void members_join_leave_fail_and_come_back_with_the_same_id() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir)) {
            Map<String, String> settings = cluster.settings("db_update_frequency", "1");
            NodeProcess a = cluster.node("a", settings);
            NodeProcess b = cluster.node("b", settings);
            String idA = Http.get(a.admin() + "/").json().get("node_id").asText();
            String idB = Http.get(b.admin() + "/").json().get("node_id").asText();
            assertThat(idA).isNotEqualTo(idB);
            recordStateChanges(cluster);

            // both nodes see both members active, with their addresses
            for (NodeProcess node : List.of(a, b)) {
                Http.await(node.admin() + "/clustering/nodes", states(Map.of(idA, "active", idB, "active")), WAIT);
            }
            JsonNode rowB = Http.get(a.admin() + "/clustering/nodes/" + idB).json();
            assertThat(rowB.get("admin_addresses").get(0).asText()).isEqualTo("127.0.0.1:" + b.adminPort);
            assertThat(rowB.get("proxy_addresses").get(0).asText()).isEqualTo("127.0.0.1:" + b.proxyPort);
            assertThat(rowB.get("config_hash").asText())
                    .isEqualTo(Http.get(a.admin() + "/clustering/nodes/" + idA)
                            .json()
                            .get("config_hash")
                            .asText());

            // a write on A answers its log position, and await with it returns once both nodes applied it
            Http.Response created = Http.post(a.admin() + "/services", "{\"name\":\"s\",\"host\":\"s.test\"}");
            assertThat(created.status()).isEqualTo(201);
            long written = Long.parseLong(created.header("X-Tollgate-Log-Position"));
            assertThat(written).isPositive();
            assertThat(Http.get(a.admin() + "/services/s").header("X-Tollgate-Log-Position"))
                    .as("a read writes nothing")
                    .isNull();
            Http.Response applied = Http.get(a.admin() + "/clustering/await?timeout=10&position=" + written);
            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            long position = applied.json().get("position").asLong();
            assertThat(position).isEqualTo(written);
            assertThat(Http.get(a.admin() + "/clustering/await?timeout=10")
                            .json()
                            .get("position")
                            .asLong())
                    .as("without a position, the log's head, which includes the write")
                    .isGreaterThanOrEqualTo(written);
            for (JsonNode node : applied.json().get("data")) {
                assertThat(node.get("applied_position").asLong()).isGreaterThanOrEqualTo(position);
            }

            // SIGTERM: B says it is leaving, then that it has left
            b.stop(); // SIGTERM; the JVM exits 143 after its shutdown hook
            Http.await(a.admin() + "/clustering/nodes", states(Map.of(idA, "active", idB, "left")), WAIT);
            assertThat(stateChanges(cluster, idB)).endsWith("leaving", "left");

            // restarted on the same prefix: the same id, active again
            NodeProcess b2 = cluster.node("b", settings);
            assertThat(Http.get(b2.admin() + "/").json().get("node_id").asText())
                    .isEqualTo(idB);
            Http.await(a.admin() + "/clustering/nodes", states(Map.of(idA, "active", idB, "active")), WAIT);

            // SIGKILL: no goodbye; failed once three heartbeats (3 s) are missed
            b2.kill();
            Http.await(a.admin() + "/clustering/nodes", states(Map.of(idA, "active", idB, "failed")), WAIT);
            assertThat(stateChanges(cluster, idB)).endsWith("left", "active");

            // the CLI reads the same from the database, without asking a node
            NodeProcess.CommandResult members = NodeProcess.command(
                    Duration.ofSeconds(60),
                    "cluster",
                    "members",
                    "--json",
                    "-c",
                    a.conf().toString());
            assertThat(members.exitCode()).as(members.output()).isZero();
            JsonNode doc = Http.JSON.readTree(
                    members.output().substring(members.output().indexOf('{')));
            assertThat(doc.get("head").asLong()).isGreaterThanOrEqualTo(position);
            Map<String, String> shown = new HashMap<>();
            doc.get("data")
                    .forEach(n -> shown.put(n.get("id").asText(), n.get("state").asText()));
            assertThat(shown).isEqualTo(Map.of(idA, "active", idB, "failed"));
        }
    }

    /** The list holds exactly these members in these states. */
    private static Predicate<Http.Response> states(Map<String, String> expected) {
        return r -> {
            if (r.status() != 200) {
                return false;
            }
            Map<String, String> seen = new HashMap<>();
            r.json()
                    .get("data")
                    .forEach(n -> seen.put(n.get("id").asText(), n.get("state").asText()));
            return seen.equals(expected);
        };
    }

    /**
     * A trigger that copies every change of a {@code nodes} row's recorded state into {@code test_node_states}, so
     * that a state held for milliseconds ({@code leaving} of an idle node) is seen all the same.
     */
    private static void recordStateChanges(TestCluster cluster) throws Exception {
        try (Connection c = cluster.database().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE test_node_states (seq bigserial PRIMARY KEY, id uuid, state text)");
            s.execute("CREATE FUNCTION test_node_state() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF TG_OP = 'INSERT' OR OLD.state IS DISTINCT FROM NEW.state THEN"
                    + " INSERT INTO test_node_states (id, state) VALUES (NEW.id, NEW.state); END IF;"
                    + " RETURN NEW; END $$");
            s.execute("CREATE TRIGGER test_node_state AFTER INSERT OR UPDATE ON nodes"
                    + " FOR EACH ROW EXECUTE FUNCTION test_node_state()");
        }
    }

    private static List<String> stateChanges(TestCluster cluster, String id) throws Exception {
        List<String> states = new ArrayList<>();
        try (Connection c = cluster.database().getConnection();
                PreparedStatement q =
                        c.prepareStatement("SELECT state FROM test_node_states WHERE id = ?::uuid ORDER BY seq")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    states.add(rs.getString(1));
                }
            }
        }
        return states;
    }
}
