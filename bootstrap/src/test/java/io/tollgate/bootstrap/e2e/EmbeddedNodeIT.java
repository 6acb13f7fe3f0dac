package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: a node with no configuration runs on its embedded PostgreSQL and keeps its data. */
class EmbeddedNodeIT {

    @TempDir
    Path dir;

    @Test
    void a_node_on_the_embedded_default_proxies_the_example_and_keeps_its_data_across_restarts() throws Exception {
        try (EchoUpstream upstream = new EchoUpstream()) {
            try (NodeProcess node = NodeProcess.start("embedded", dir, Map.of())) {
                assertThat(node.log()).contains("embedded PostgreSQL");
                assertThat(post(node.admin() + "/services", "{\"name\":\"example\",\"url\":\"" + upstream.url() + "\"}")
                                .status())
                        .isEqualTo(201);
                assertThat(post(node.admin() + "/services/example/routes", "{\"paths\":[\"/example\"]}")
                                .status())
                        .isEqualTo(201);
                assertThat(get(node.proxy() + "/example/hi").json().get("path").asText())
                        .isEqualTo("/hi");
                var root = get(node.admin() + "/").json();
                assertThat(root.get("configuration").get("database").asText()).isEqualTo("embedded");
                assertThat(root.get("node_id").asText()).hasSize(36);
                node.stop();
                assertThat(node.log()).contains("stopped");
            }
            try (NodeProcess again = NodeProcess.start("embedded", dir, Map.of())) {
                assertThat(get(again.proxy() + "/example/again").status()).isEqualTo(200);
            }
        }
    }
}
