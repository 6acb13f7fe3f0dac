package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Kong's status API ({@code status_listen}) on the real server: {@code /status}, {@code /status/ready} and
 * {@code /metrics} only, readiness following the database.
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
    }
}
