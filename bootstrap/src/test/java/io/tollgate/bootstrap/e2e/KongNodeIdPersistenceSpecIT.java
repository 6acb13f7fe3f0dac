package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/04-admin_api/21-node_id_persistence_spec.lua}, 1 of its 1 case. Kong keeps
 * the node id in a file under its prefix ({@code node.id/http} in this revision of the spec, {@code kong.id} in Kong
 * 3.x); Tollgate keeps it in {@code <prefix>/tollgate.id}.
 */
class KongNodeIdPersistenceSpecIT {

    @TempDir
    static Path dir;

    /** 21-node_id_persistence_spec: "persist node_id to filesystem node_id should be same after kong restarts". */
    @Test
    void node_id_should_be_same_after_kong_restarts() throws Exception {
        String before;
        try (NodeProcess node = NodeProcess.start("node-id", dir, Map.of())) {
            Http.Response res = get(node.admin() + "/", "Content-Type", "application/json");
            assertThat(res.status()).isEqualTo(200);
            before = res.json().get("node_id").asText();
        }
        try (NodeProcess node = NodeProcess.start("node-id", dir, Map.of())) {
            Http.Response res = get(node.admin() + "/", "Content-Type", "application/json");
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.json().get("node_id").asText()).isEqualTo(before);
            assertThat(Files.readString(node.prefix().resolve("tollgate.id")).strip())
                    .isEqualTo(before);
        }
    }
}
