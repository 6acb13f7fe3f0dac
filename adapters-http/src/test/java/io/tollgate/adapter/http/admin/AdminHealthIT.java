package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.application.port.in.ManageTargetHealth.BalancerHealth;
import io.tollgate.application.port.in.ManageTargetHealth.SetHealth;
import io.tollgate.application.port.in.ManageTargetHealth.TargetHealth;
import io.tollgate.application.port.in.ManageTargetHealth.UpstreamHealth;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.upstream.Targets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kong's health endpoints below upstreams: routing, methods, status codes and bodies. */
class AdminHealthIT extends AdminApiITSupport {

    private static final UUID UPSTREAM = UUID.randomUUID();

    @BeforeEach
    void resetHealth() {
        HEALTH.reset();
    }

    private static Entity target(String address) {
        Map<String, Object> fields = Map.of(
                "id",
                UUID.randomUUID().toString(),
                "target",
                address,
                "weight",
                100,
                "upstream",
                Map.of("id", UPSTREAM.toString()),
                "created_at",
                1700000000.123);
        return new Entity(Targets.SCHEMA, Targets.SCHEMA.validate(fields));
    }

    @Test
    void upstream_health_lists_targets_with_health_data_and_the_node_id() {
        Entity up = target("10.0.0.1:80");
        Entity down = target("10.0.0.2:80");
        HEALTH.upstream = new UpstreamHealth(
                UPSTREAM,
                List.of(
                        new TargetHealth(up, "HEALTHY", FakeTargetHealth.data("10.0.0.1", 80, "HEALTHY")),
                        new TargetHealth(down, "UNHEALTHY", FakeTargetHealth.data("10.0.0.2", 80, "UNHEALTHY")),
                        new TargetHealth(target("backend.test:80"), "DNS_ERROR", Map.of())));
        AdminClient.Reply reply = admin.get("/upstreams/u1/health");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("node_id").asText()).isEqualTo(FakeNode.NODE_ID.toString());
        assertThat(body.get("next").isNull()).isTrue();
        assertThat(body.get("data")).hasSize(3);
        JsonNode first = body.get("data").get(0);
        assertThat(first.get("id").asText()).isEqualTo(up.id().toString());
        assertThat(first.get("target").asText()).isEqualTo("10.0.0.1:80");
        assertThat(first.get("upstream").get("id").asText()).isEqualTo(UPSTREAM.toString());
        assertThat(first.get("health").asText()).isEqualTo("HEALTHY");
        assertThat(first.at("/data/addresses/0/health").asText()).isEqualTo("HEALTHY");
        assertThat(body.at("/data/1/health").asText()).isEqualTo("UNHEALTHY");
        assertThat(body.at("/data/2/health").asText()).isEqualTo("DNS_ERROR");
        assertThat(body.get("data").get(2).has("data")).isFalse();
        assertThat(HEALTH.calls).containsExactly("health u1");
        // a trailing slash is the same path
        assertThat(admin.get("/upstreams/u1/health/").status()).isEqualTo(200);
    }

    @Test
    void balancer_health_answers_kong_3_shape() {
        HEALTH.balancer = new BalancerHealth(
                UPSTREAM,
                "UNHEALTHY",
                "UNHEALTHY",
                Map.of("healthy", false, "weight", Map.of("total", 100, "available", 0, "unavailable", 100)));
        AdminClient.Reply reply = admin.get("/upstreams/" + UPSTREAM + "/health?balancer_health=1");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("data"))
                .isEqualTo(json("{\"health\":\"UNHEALTHY\",\"balancer_health\":"
                        + "\"UNHEALTHY\",\"id\":\"" + UPSTREAM
                        + "\",\"details\":{\"healthy\":false,\"weight\":{\"total\":100,"
                        + "\"available\":0,\"unavailable\":100}}}"));
        assertThat(reply.json().get("node_id").asText()).isEqualTo(FakeNode.NODE_ID.toString());
        assertThat(HEALTH.calls).containsExactly("balancer " + UPSTREAM);
    }

    @Test
    void unknown_upstreams_are_404_not_found() {
        HEALTH.upstream = null;
        HEALTH.balancer = null;
        assertReply(admin.get("/upstreams/nope/health"), 404, "{\"message\":\"Not found\"}");
        assertReply(admin.get("/upstreams/nope/health?balancer_health=1"), 404, "{\"message\":\"Not found\"}");
        HEALTH.answer = SetHealth.NOT_FOUND;
        assertReply(admin.json("PUT", "/upstreams/nope/targets/t/healthy", "{}"), 404, "{\"message\":\"Not found\"}");
    }

    @Test
    void put_and_post_force_healthy_and_unhealthy_with_204() {
        assertThat(admin.json("PUT", "/upstreams/u1/targets/10.0.0.1:80/unhealthy", "{}")
                        .status())
                .isEqualTo(204);
        assertThat(admin.json("POST", "/upstreams/u1/targets/10.0.0.1:80/healthy", "{}")
                        .status())
                .isEqualTo(204);
        assertThat(admin.json("PUT", "/upstreams/u1/targets/backend.test:80/10.0.0.7:80/unhealthy", "{}")
                        .status())
                .isEqualTo(204);
        assertThat(HEALTH.calls)
                .containsExactly(
                        "u1 10.0.0.1:80 null unhealthy",
                        "u1 10.0.0.1:80 null healthy",
                        "u1 backend.test:80 10.0.0.7:80 unhealthy");
    }

    @Test
    void an_upstream_without_health_checks_is_400_and_other_methods_are_405() {
        HEALTH.answer = new SetHealth(SetHealth.Status.REJECTED, "no healthchecker found for u1");
        assertReply(
                admin.json("PUT", "/upstreams/u1/targets/10.0.0.1:80/healthy", "{}"),
                400,
                "{\"message\":\"no healthchecker found for u1\"}");
        assertReply(
                admin.get("/upstreams/u1/targets/10.0.0.1:80/healthy"), 405, "{\"message\":\"Method not allowed\"}");
        assertReply(admin.json("POST", "/upstreams/u1/health", "{}"), 405, "{\"message\":\"Method not allowed\"}");
    }

    @Test
    void the_endpoints_are_listed() {
        JsonNode endpoints = admin.get("/endpoints").json().get("data");
        assertThat(endpoints.toString())
                .contains(
                        "/upstreams/{upstreams}/health",
                        "/upstreams/{upstreams}/targets/{targets}/{address}/unhealthy");
    }
}
