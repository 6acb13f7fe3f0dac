package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.RecordedState;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /clustering/nodes[/{id}]} and {@code /clustering/await} over an in-memory {@code nodes} table. */
class AdminClusteringIT extends AdminApiITSupport {

    static ClusterMember member(String host, long applied, long silentSeconds, RecordedState state) {
        return new ClusterMember(
                UUID.randomUUID(),
                host,
                "0.1.0",
                List.of("127.0.0.1:8000"),
                List.of("127.0.0.1:8001"),
                FakeClusterNodes.NOW.minusSeconds(100),
                FakeClusterNodes.NOW.minusSeconds(silentSeconds),
                applied,
                "hash-" + host,
                Duration.ofMillis(1500),
                state);
    }

    @Test
    void nodes_list_in_kongs_envelope_with_derived_state_and_lag() {
        assertThat(admin.get("/clustering/nodes").json()).isEqualTo(json("{\"data\":[],\"next\":null}"));
        ClusterMember a = member("a", 10, 1, RecordedState.ACTIVE);
        ClusterMember b = member("b", 7, 5, RecordedState.ACTIVE);
        CLUSTER.head = 10;
        CLUSTER.put(a);
        CLUSTER.put(b);

        JsonNode data = admin.get("/clustering/nodes").json().get("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0))
                .isEqualTo(json("{\"id\":\"" + a.id() + "\",\"hostname\":\"a\",\"version\":\"0.1.0\","
                        + "\"proxy_addresses\":[\"127.0.0.1:8000\"],\"admin_addresses\":[\"127.0.0.1:8001\"],"
                        + "\"state\":\"active\",\"started_at\":"
                        + FakeClusterNodes.NOW.minusSeconds(100).getEpochSecond()
                        + ",\"last_heartbeat\":"
                        + FakeClusterNodes.NOW.minusSeconds(1).getEpochSecond()
                        + ",\"heartbeat_interval\":1.5,\"applied_position\":10,\"lag\":0,\"config_hash\":\"hash-a\"}"));
        assertThat(data.get(1).get("state").asText()).isEqualTo("failed");
        assertThat(data.get(1).get("lag").asLong()).isEqualTo(3);

        AdminClient.Reply one = admin.get("/clustering/nodes/" + b.id());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("hostname").asText()).isEqualTo("b");
    }

    @Test
    void data_planes_and_status_show_the_members_in_kongs_hybrid_shapes_for_kong_manager() {
        ClusterMember synced = member("a", 10, 1, RecordedState.ACTIVE);
        ClusterMember behind = member("b", 7, 1, RecordedState.ACTIVE);
        ClusterMember silent = member("c", 10, 60, RecordedState.ACTIVE);
        CLUSTER.head = 10;
        CLUSTER.put(synced);
        CLUSTER.put(behind);
        CLUSTER.put(silent);

        JsonNode planes = admin.get("/clustering/data-planes?size=30").json();
        assertThat(planes.get("next").isNull()).isTrue();
        assertThat(planes.get("data")).hasSize(3);
        assertThat(planes.get("data").get(0))
                .isEqualTo(json("{\"id\":\"" + synced.id() + "\",\"ip\":\"127.0.0.1\",\"hostname\":\"a\","
                        + "\"version\":\"0.1.0\",\"last_seen\":"
                        + FakeClusterNodes.NOW.minusSeconds(1).getEpochSecond()
                        + ",\"config_hash\":\"hash-a\",\"sync_status\":\"normal\",\"labels\":{},"
                        + "\"cert_details\":{},\"rpc_capabilities\":[],\"state\":\"active\",\"lag\":0}"));
        assertThat(planes.get("data").get(1).get("sync_status").asText()).isEqualTo("unknown");
        assertThat(planes.get("data").get(1).get("lag").asLong()).isEqualTo(3);
        assertThat(planes.get("data").get(2).get("state").asText()).isEqualTo("failed");
        assertThat(planes.get("data").get(2).get("sync_status").asText()).isEqualTo("unknown");

        JsonNode status = admin.get("/clustering/status").json();
        assertThat(status.get(synced.id().toString()))
                .isEqualTo(
                        json("{\"config_hash\":\"hash-a\",\"hostname\":\"a\",\"ip\":\"127.0.0.1\"," + "\"last_seen\":"
                                + FakeClusterNodes.NOW.minusSeconds(1).getEpochSecond() + "}"));
        assertThat(status.size()).isEqualTo(3);
        assertThat(DataPlaneEndpoints.ip(List.of("[::1]:8000"))).isEqualTo("::1");
        assertThat(DataPlaneEndpoints.ip(List.of())).isNull();
    }

    @Test
    void an_unknown_node_is_404_and_a_malformed_id_400_like_kong() {
        assertReply(admin.get("/clustering/nodes/" + UUID.randomUUID()), 404, "{\"message\":\"Not found\"}");
        assertReply(
                admin.get("/clustering/nodes/not-a-uuid"),
                400,
                "{\"code\":1,\"name\":\"invalid primary key\","
                        + "\"message\":\"invalid primary key: '{id=\\\"expected a valid UUID\\\"}'\","
                        + "\"fields\":{\"id\":\"expected a valid UUID\"}}");
        assertThat(admin.get("/clustering/nodes/" + UUID.randomUUID() + "/x").status())
                .isEqualTo(404);
    }

    @Test
    void await_answers_200_once_every_active_node_applied_and_504_with_the_laggards() {
        ClusterMember ahead = member("ahead", 12, 0, RecordedState.ACTIVE);
        ClusterMember behind = member("behind", 8, 0, RecordedState.ACTIVE);
        ClusterMember left = member("left", 1, 0, RecordedState.LEFT);
        CLUSTER.head = 12;
        CLUSTER.put(ahead);
        CLUSTER.put(behind);
        CLUSTER.put(left);

        AdminClient.Reply reached = admin.get("/clustering/await?position=8");
        assertThat(reached.status()).as(reached.body()).isEqualTo(200);
        assertThat(reached.json().get("position").asLong()).isEqualTo(8);
        assertThat(reached.json().get("data")).hasSize(3);

        AdminClient.Reply head = admin.get("/clustering/await?timeout=0.2");
        assertThat(head.status()).as("without a position: the head, 12").isEqualTo(504);
        assertThat(head.json().get("position").asLong()).isEqualTo(12);

        AdminClient.Reply late = admin.get("/clustering/await?position=12&timeout=0.2");
        assertThat(late.status()).as(late.body()).isEqualTo(504);
        assertThat(late.json().get("message").asText())
                .isEqualTo("1 active node(s) had not applied log position 12 after 200 ms");
        assertThat(late.json().get("laggards")).hasSize(1);
        assertThat(late.json().get("laggards").get(0).get("id").asText())
                .isEqualTo(behind.id().toString());
    }

    @Test
    void await_rejects_bad_parameters_with_400() {
        String[] bad = {
            "?position=-1",
            "?position=abc",
            "?position=1&timeout=0",
            "?position=1&timeout=61",
            "?position=1&timeout=x",
            "?position=1&timeout=-2"
        };
        for (String query : bad) {
            AdminClient.Reply reply = admin.get("/clustering/await" + query);
            assertThat(reply.status()).as(query + " " + reply.body()).isEqualTo(400);
            assertThat(reply.json().get("message").asText())
                    .as(query)
                    .startsWith(query.contains("timeout") ? "timeout" : "position");
        }
    }
}
