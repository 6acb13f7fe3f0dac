package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key-auth credentials' {@code ttl} on a real cluster (nodes A and B as separate processes on one PostgreSQL, with
 * {@code pg_expired_rows_cleanup_interval = 1}): once expired a key is invisible to every read on both nodes (GET by
 * id and by key, the lists, the proxy) and the clean-up deletes its row once, through the event log. Ported from
 * Kong's {@code spec/02-integration/03-db/20-ttl-cleanup_spec} and {@code 09-key-auth/02-access_spec}'s ttl case.
 */
class KeyAuthTtlClusterIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess a;
    static NodeProcess b;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir);
        EchoUpstream upstream = cluster.closing(new EchoUpstream());
        Map<String, String> db = cluster.settings(
                "db_update_frequency", "1", "db_cache_neg_ttl", "0", "pg_expired_rows_cleanup_interval", "1");
        a = cluster.node("a", db);
        b = cluster.node("b", db);
        created(post(a.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}"));
        created(post(a.admin() + "/services/echo/routes", "{\"name\":\"keyed\",\"paths\":[\"/keyed\"]}"));
        created(post(a.admin() + "/routes/keyed/plugins", "{\"name\":\"key-auth\"}"));
        created(post(a.admin() + "/consumers", "{\"username\":\"ttl-user\"}"));
        Http.await(b.proxy() + "/keyed", Http.status(401), DEADLINE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void an_expired_key_disappears_from_every_read_on_both_nodes_and_is_deleted_once_through_the_log()
            throws Exception {
        JsonNode shortLived =
                created(post(a.admin() + "/consumers/ttl-user/key-auth", "{\"key\":\"brief\",\"ttl\":2}"));
        String id = shortLived.get("id").asText();
        String keptId = created(post(a.admin() + "/consumers/ttl-user/key-auth", "{\"key\":\"kept\"}"))
                .get("id")
                .asText();
        String zeroId = created(post(a.admin() + "/consumers/ttl-user/key-auth", "{\"key\":\"zero\",\"ttl\":0}"))
                .get("id")
                .asText();
        Http.await(b.proxy() + "/keyed", Http.status(200), DEADLINE, "apikey", "brief");

        for (NodeProcess node : List.of(a, b)) {
            Http.await(node.admin() + "/key-auths/" + id, Http.status(404), DEADLINE);
            assertThat(get(node.admin() + "/key-auths/brief").status()).isEqualTo(404);
            assertThat(get(node.admin() + "/consumers/ttl-user/key-auth/" + id).status())
                    .isEqualTo(404);
            assertThat(ids(node.admin() + "/key-auths"))
                    .contains(keptId, zeroId)
                    .doesNotContain(id);
            assertThat(ids(node.admin() + "/consumers/ttl-user/key-auth"))
                    .contains(keptId, zeroId)
                    .doesNotContain(id);
            Http.await(node.proxy() + "/keyed", Http.status(401), DEADLINE, "apikey", "brief");
            assertThat(get(node.proxy() + "/keyed", "apikey", "kept").status()).isEqualTo(200);
            assertThat(get(node.proxy() + "/keyed", "apikey", "zero").status())
                    .as("a ttl of 0 never expires, as in Kong")
                    .isEqualTo(200);
        }

        Awaitility.await("the clean-up deletes the row").atMost(DEADLINE).until(() -> rows(id) == 0);
        // both nodes clean up every second: the row is deleted by one of them, once
        Awaitility.await()
                .during(Duration.ofSeconds(3))
                .atMost(DEADLINE)
                .until(() -> operations(b, id), ops -> ops.equals(List.of("delete", "create")));
        assertThat(rows(keptId) + rows(zeroId)).isEqualTo(2);

        // the key is free again
        created(post(a.admin() + "/consumers/ttl-user/key-auth", "{\"key\":\"brief\"}"));
        Http.await(b.proxy() + "/keyed", Http.status(200), DEADLINE, "apikey", "brief");
    }

    @Test
    void reads_on_either_node_show_the_seconds_left_and_a_patch_giving_a_ttl_counts_from_then() {
        JsonNode key = created(post(a.admin() + "/consumers/ttl-user/key-auth", "{\"key\":\"counted\",\"ttl\":600}"));
        assertThat(key.get("ttl").asLong()).isEqualTo(600);
        String id = key.get("id").asText();
        // Kong's Admin API shows the seconds left, not the ttl given
        Awaitility.await("the ttl shown counts down")
                .atMost(DEADLINE)
                .until(
                        () -> get(b.admin() + "/key-auths/" + id)
                                .json()
                                .path("ttl")
                                .asLong(),
                        ttl -> ttl < 600);
        long left = get(a.admin() + "/consumers/ttl-user/key-auth/" + id)
                .json()
                .path("ttl")
                .asLong();
        assertThat(left).isBetween(580L, 599L);

        Http.Response renewed = Http.send("PATCH", a.admin() + "/key-auths/" + id, "{\"ttl\":600}");
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        assertThat(renewed.json().get("ttl").asLong()).isEqualTo(600);
        Http.Response tagged = Http.send("PATCH", a.admin() + "/key-auths/" + id, "{\"tags\":[\"t\"]}");
        assertThat(tagged.json().get("ttl").asLong())
                .as("a PATCH without a ttl keeps the expiry")
                .isBetween(590L, 600L);
        Http.await(b.proxy() + "/keyed", Http.status(200), DEADLINE, "apikey", "counted");
    }

    private static List<String> ids(String url) {
        List<String> ids = new ArrayList<>();
        Http.Response response = get(url + "?size=1000");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        response.json().get("data").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static List<String> operations(NodeProcess node, String id) {
        Http.Response response = get(node.admin() + "/key-auths/" + id + "/history");
        List<String> operations = new ArrayList<>();
        if (response.status() == 200) {
            response.json()
                    .get("data")
                    .forEach(row -> operations.add(row.get("operation").asText()));
        }
        return operations;
    }

    private static long rows(String id) throws SQLException {
        try (Connection connection = cluster.database().getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT count(*) FROM keyauth_credentials WHERE id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }
}
