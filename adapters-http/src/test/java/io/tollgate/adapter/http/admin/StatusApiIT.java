package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Kong's status API ({@code status_listen}) on the real server: {@code /status}, {@code /status/ready} and
 * {@code /metrics} only, readiness following the database and the state Kong's {@code kong drain} and
 * {@code kong unready} set ({@code POST /status/ready}, {@code POST /status/unready}).
 */
class StatusApiIT extends AdminApiITSupport {

    @Test
    void ready_while_the_database_answers_then_503() {
        assertReply(status.get("/status/ready"), 200, "{\"message\":\"ready\"}");
        ENTITIES.down = true;
        assertReply(status.get("/status/ready"), 503, "{\"message\":\"failed to connect to database\"}");
        assertThat(status.get("/status").json().get("database")).isEqualTo(json("{\"reachable\":false}"));
        ENTITIES.down = false;
        assertReply(status.get("/status/ready"), 200, "{\"message\":\"ready\"}");
    }

    /**
     * Kong's {@code kong drain}: {@code POST /status/ready {"status":"draining"}} 204, then 503 whatever the
     * database.
     */
    @Test
    void draining_answers_503_until_set_ready_again() {
        try {
            assertNoContent(status.json("POST", "/status/ready", "{\"status\":\"draining\"}"));
            assertReply(status.get("/status/ready"), 503, "{\"message\":\"draining\"}");
            assertReply(status.get("/status/ready"), 503, "{\"message\":\"draining\"}");
            assertThat(status.get("/status").status()).isEqualTo(200);
        } finally {
            assertNoContent(status.form("POST", "/status/ready", "status=ready"));
        }
        assertReply(status.get("/status/ready"), 200, "{\"message\":\"ready\"}");
    }

    /** Kong's older {@code kong unready}: {@code POST /status/unready} 204, then 503 {@code {"message":"unready"}}. */
    @Test
    void unready_answers_503_with_its_name() {
        try {
            assertNoContent(status.json("POST", "/status/unready", "{}"));
            assertReply(status.get("/status/ready"), 503, "{\"message\":\"unready\"}");
            assertReply(status.get("/status/unready"), 405, "{\"message\":\"Method not allowed\"}");
        } finally {
            assertNoContent(status.json("POST", "/status/ready", "{\"status\":\"ready\"}"));
        }
        assertReply(status.get("/status/ready"), 200, "{\"message\":\"ready\"}");
    }

    @Test
    void refuses_an_unknown_or_unparseable_readiness_change() {
        assertReply(
                status.json("POST", "/status/ready", "{\"status\":\"asleep\"}"),
                400,
                "{\"message\":\"status must be one of: ready, unready, draining\"}");
        assertReply(
                status.json("POST", "/status/ready", "{}"),
                400,
                "{\"message\":\"status must be one of: ready, unready, draining\"}");
        assertReply(
                status.json("POST", "/status/ready", "{\"status\""), 400, "{\"message\":\"Cannot parse JSON body\"}");
        assertReply(status.get("/status/ready"), 200, "{\"message\":\"ready\"}");
    }

    @Test
    void serves_status_and_metrics_as_the_admin_api_does() {
        AdminClient.Reply node = status.get("/status");
        assertThat(node.status()).isEqualTo(200);
        assertThat(node.json().has("server")).isTrue();
        assertThat(node.json().get("database")).isEqualTo(json("{\"reachable\":true}"));
        assertThat(node.headers().firstValue("Server"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("tollgate/"));
        AdminClient.Reply metrics = status.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("kong_node_info{");
    }

    @Test
    void answers_nothing_else() {
        assertReply(status.get("/services"), 404, "{\"message\":\"Not found\"}");
        assertReply(status.get("/"), 404, "{\"message\":\"Not found\"}");
        assertReply(status.json("POST", "/status", "{}"), 405, "{\"message\":\"Method not allowed\"}");
        assertReply(admin.get("/status/ready"), 404, "{\"message\":\"Not found\"}");
        assertReply(admin.json("POST", "/status/unready", "{}"), 404, "{\"message\":\"Not found\"}");
    }

    private static void assertNoContent(AdminClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
    }
}
