package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: a node with no configuration runs on its embedded PostgreSQL and keeps its data. */
class EmbeddedNodeIT {
    private static final Pattern SUMMARY = Pattern.compile("Tollgate \\S+ started: proxy http://127\\.0\\.0\\.1:\\d+,"
            + " Admin API http://127\\.0\\.0\\.1:\\d+, database embedded PostgreSQL \\d+ on 127\\.0\\.0\\.1:\\d+ at \\S+"
            + "/embedded/postgres \\(ready in \\d+\\.\\d s\\)");

    @TempDir
    Path dir;

    /**
     * The console (standard output and error together) starts with the one summary line; the embedded PostgreSQL's
     * programs and the libraries' INFO lines are not on it.
     */
    private static void assertQuietStart(NodeProcess node) throws Exception {
        String console = node.log();
        assertThat(console.lines().findFirst().orElse("")).matches(SUMMARY);
        assertThat(console)
                .doesNotContain("initdb")
                .doesNotContain("The files belonging to this database system")
                .doesNotContain("waiting for server to start")
                .doesNotContain(" INFO ");
    }

    @Test
    void a_node_on_the_embedded_default_proxies_the_example_and_keeps_its_data_across_restarts() throws Exception {
        try (EchoUpstream upstream = new EchoUpstream()) {
            try (NodeProcess node = NodeProcess.start("embedded", dir, Map.of())) {
                assertQuietStart(node);
                assertThat(Files.readString(node.prefix().resolve("logs/postgres.log")))
                        .contains("The files belonging to this database system")
                        .contains("Success. You can now start the database server");
                assertThat(post(node.admin() + "/services", "{\"name\":\"example\",\"url\":\"" + upstream.url() + "\"}")
                                .status())
                        .isEqualTo(201);
                assertThat(post(node.admin() + "/services/example/routes", "{\"paths\":[\"/example\"]}")
                                .status())
                        .isEqualTo(201);
                assertThat(get(node.proxy() + "/example/hi").json().get("path").asText())
                        .isEqualTo("/hi");
                var root = get(node.admin() + "/").json();
                // Kong Manager shows its datastore card for postgres; Tollgate's own field says it is the embedded one
                assertThat(root.get("configuration").get("database").asText()).isEqualTo("postgres");
                assertThat(root.get("configuration").get("tollgate_database").asText())
                        .isEqualTo("embedded");
                String nodeId = root.get("node_id").asText();
                assertThat(nodeId).hasSize(36);
                // the CLI reads the members from the embedded PostgreSQL the running node started on the prefix
                NodeProcess.CommandResult members = NodeProcess.command(
                        Duration.ofSeconds(60),
                        "cluster",
                        "members",
                        "--json",
                        "-c",
                        node.conf().toString());
                assertThat(members.exitCode()).as(members.output()).isZero();
                var doc = Http.JSON.readTree(
                        members.output().substring(members.output().indexOf('{')));
                assertThat(doc.get("data")).hasSize(1);
                assertThat(doc.get("data").get(0).get("id").asText()).isEqualTo(nodeId);
                assertThat(doc.get("data").get(0).get("state").asText()).isEqualTo("active");
                assertThat(get(node.admin() + "/").status()).isEqualTo(200);
                node.stop();
                assertThat(node.log()).contains("stopped");
            }
            try (NodeProcess again = NodeProcess.start("embedded", dir, Map.of())) {
                assertQuietStart(again);
                assertThat(get(again.proxy() + "/example/again").status()).isEqualTo(200);
                assertThat(get(again.admin() + "/").json().get("node_id").asText())
                        .as("the node id kept in <prefix>/tollgate.id")
                        .isEqualTo(Files.readString(again.prefix().resolve("tollgate.id"))
                                .strip());
            }
        }
    }
}
