package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
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
 * The configuration history on a real cluster: nodes A and B run as separate processes on one PostgreSQL; changes
 * are made through A's Admin API and read from B's, which reads the shared event log. Secrets never show.
 */
class ConfigurationHistoryIT {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess a;
    static NodeProcess b;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(dir);
        Map<String, String> db = cluster.settings("db_update_frequency", "1");
        a = cluster.node("a", db);
        b = cluster.node("b", db);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** B's answer to {@code path} once its {@code data} holds {@code rows} rows (the log is read at once, but no waiting on luck). */
    private static Http.Response onB(String path, int rows) {
        AtomicReference<Http.Response> last = new AtomicReference<>();
        Awaitility.await(path + " on B has " + rows + " rows")
                .atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Http.Response response = get(b.admin() + path);
                    last.set(response);
                    return response.status() == 200
                            && response.json().get("data").size() == rows;
                });
        return last.get();
    }

    private static String nodeId(NodeProcess node) {
        return ok(get(node.admin() + "/")).get("node_id").asText();
    }

    @Test
    void a_patch_on_a_shows_in_bs_history_of_the_service_with_before_and_after() throws Exception {
        String id = created(post(a.admin() + "/services", "{\"name\":\"hist-svc\",\"host\":\"before.test\"}"))
                .get("id")
                .asText();
        Http.Response patched =
                Http.send("PATCH", a.admin() + "/services/hist-svc", "{\"host\":\"after.test\",\"tags\":[\"hist\"]}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        JsonNode history = onB("/services/" + id + "/history", 2).json();

        JsonNode update = history.get("data").get(0);
        assertThat(update.get("operation").asText()).isEqualTo("update");
        assertThat(update.get("entity_name").asText()).isEqualTo("services");
        assertThat(update.get("entity_id").asText()).isEqualTo(id);
        assertThat(update.get("node_id").asText()).isEqualTo(nodeId(a)).isNotEqualTo(nodeId(b));
        assertThat(update.get("before").get("host").asText()).isEqualTo("before.test");
        assertThat(update.get("before").get("tags").isNull()).isTrue();
        assertThat(update.get("after").get("host").asText()).isEqualTo("after.test");
        assertThat(update.get("after").get("tags").get(0).asText()).isEqualTo("hist");
        assertThat(update.get("position").asText()).matches("\\d+:\\d+");
        assertThat(update.get("created_at").decimalValue().scale()).isLessThanOrEqualTo(3);
        JsonNode create = history.get("data").get(1);
        assertThat(create.get("operation").asText()).isEqualTo("create");
        assertThat(create.get("before").isNull()).isTrue();
        assertThat(history.get("next").isNull()).isTrue();
        assertThat(ok(get(b.admin() + "/services/hist-svc/history")))
                .as("by name too")
                .isEqualTo(history);

        assertThat(Http.delete(a.admin() + "/services/hist-svc").status()).isEqualTo(204);
        JsonNode afterDelete = onB("/services/" + id + "/history", 3).json();
        assertThat(afterDelete.get("data").get(0).get("operation").asText()).isEqualTo("delete");
        assertThat(afterDelete.get("data").get(0).get("after").isNull()).isTrue();
        assertThat(afterDelete.get("data").get(0).get("before").get("host").asText())
                .isEqualTo("after.test");
        assertThat(ok(get(b.admin() + "/services/hist-svc/history")).get("data"))
                .as("a deleted entity stays reachable by its last name")
                .hasSize(3);
        assertThat(get(b.admin() + "/services/never-was/history").status()).isEqualTo(404);
    }

    @Test
    void a_key_auth_credentials_history_on_b_shows_its_key_redacted_before_and_after() {
        created(post(a.admin() + "/consumers", "{\"username\":\"hist-alice\"}"));
        String id = created(post(a.admin() + "/consumers/hist-alice/key-auth", "{\"key\":\"hist-secret-1\"}"))
                .get("id")
                .asText();
        Http.Response rotated =
                Http.send("PATCH", a.admin() + "/key-auths/hist-secret-1", "{\"key\":\"hist-secret-2\"}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String hash = created(post(
                        a.admin() + "/consumers/hist-alice/basic-auth",
                        "{\"username\":\"hist-basic\",\"password\":\"hist-password\"}"))
                .get("password")
                .asText();

        Http.Response response = onB("/key-auths/" + id + "/history", 2);

        JsonNode update = response.json().get("data").get(0);
        assertThat(update.get("operation").asText()).isEqualTo("update");
        assertThat(update.get("before").get("key").asText()).isEqualTo("******");
        assertThat(update.get("after").get("key").asText()).isEqualTo("******");
        assertThat(update.get("after").get("consumer").get("id").asText()).isNotEmpty();
        assertThat(response.json().get("data").get(1).get("after").get("key").asText())
                .isEqualTo("******");
        assertThat(response.body()).doesNotContain("hist-secret");
        assertThat(ok(get(b.admin() + "/key-auths/hist-secret-2/history")).get("data"))
                .as("found by its key, which it does not show")
                .hasSize(2);

        Http.Response basic = onB("/basic-auths/hist-basic/history", 1);
        assertThat(basic.json().get("data").get(0).get("after").get("password").asText())
                .isEqualTo("******");
        Http.Response everything = get(b.admin() + "/history?size=1000");
        assertThat(hash).isNotEmpty().isNotEqualTo("hist-password");
        assertThat(everything.body()).contains("hist-basic").doesNotContain("hist-secret", "hist-password", hash);
    }

    @Test
    void a_certificates_history_on_b_never_shows_its_private_key() throws Exception {
        TestPki.Issued issued = TestPki.selfSigned("history.test", "history.test");
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("cert", issued.certPem());
        body.put("key", issued.keyPem());
        String id = created(post(a.admin() + "/certificates", body.toString()))
                .get("id")
                .asText();

        Http.Response response = onB("/certificates/" + id + "/history", 1);

        JsonNode after = response.json().get("data").get(0).get("after");
        assertThat(after.get("key").asText()).isEqualTo("******");
        assertThat(after.get("key_alt").isNull()).isTrue();
        assertThat(after.get("cert").asText()).isEqualTo(issued.certPem());
        assertThat(response.body()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void the_history_on_b_filters_by_entity_name_and_time() {
        String id = created(post(a.admin() + "/services", "{\"name\":\"hist-window\",\"host\":\"w1.test\"}"))
                .get("id")
                .asText();
        created(post(a.admin() + "/consumers", "{\"username\":\"hist-window-consumer\"}"));
        assertThat(Http.send("PATCH", a.admin() + "/services/hist-window", "{\"host\":\"w2.test\"}")
                        .status())
                .isEqualTo(200);
        JsonNode rows = onB("/services/" + id + "/history", 2).json().get("data");
        String createdAt = rows.get(1).get("created_at").decimalValue().toPlainString();
        String updatedAt = rows.get(0).get("created_at").decimalValue().toPlainString();

        JsonNode since = ok(get(b.admin() + "/history?entity_name=services&since=" + createdAt))
                .get("data");
        List<String> seen = new ArrayList<>();
        since.forEach(row -> {
            assertThat(row.get("entity_name").asText()).isEqualTo("services");
            seen.add(row.get("operation").asText() + " " + row.get("entity_id").asText());
        });
        assertThat(seen).contains("create " + id, "update " + id);
        JsonNode window = ok(get(
                        b.admin() + "/history?entity_name=services&since=" + createdAt + "&until=" + updatedAt))
                .get("data");
        assertThat(window)
                .allSatisfy(row -> assertThat(row.get("entity_name").asText()).isEqualTo("services"));
        assertThat(window.toString()).contains("w1.test").doesNotContain("w2.test");
        assertThat(ok(get(b.admin() + "/history?entity_name=consumers&since=" + createdAt))
                        .get("data"))
                .anySatisfy(row ->
                        assertThat(row.get("after").get("username").asText()).isEqualTo("hist-window-consumer"));
        assertThat(get(b.admin() + "/history?entity_name=nope").status()).isEqualTo(400);
        assertThat(ok(get(b.admin() + "/endpoints")).toString())
                .contains("\"/history\"", "/services/{services}/history");
    }
}
