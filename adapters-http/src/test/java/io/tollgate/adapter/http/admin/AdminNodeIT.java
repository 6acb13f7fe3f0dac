package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.TollgateVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Pagination, {@code /cache}, {@code GET /}, {@code GET /status}, database outages and unexpected failures. */
class AdminNodeIT extends AdminApiITSupport {

    @Test
    void pages_follow_kongs_envelope() {
        assertThat(admin.get("/consumers").json()).isEqualTo(json("{\"data\":[],\"next\":null}"));
        for (String name : new String[] {"a", "b", "c"}) {
            created(admin.json("POST", "/consumers", "{\"username\":\"" + name + "\"}"));
        }
        JsonNode first = admin.get("/consumers?size=2").json();
        assertThat(first.get("data")).hasSize(2);
        String offset = first.get("offset").asText();
        assertThat(offset).doesNotContain("=");
        String lastId = first.get("data").get(1).get("id").asText();
        assertThat(new String(Base64.getUrlDecoder().decode(offset), StandardCharsets.UTF_8))
                .isEqualTo("[\"" + lastId + "\"]");
        assertThat(first.get("next").asText()).isEqualTo("/consumers?offset=" + offset + "&size=2");

        JsonNode second = admin.get(first.get("next").asText()).json();
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(second.has("offset")).isFalse();

        String alice = created(admin.json("POST", "/consumers", "{\"username\":\"alice\"}"))
                .get("id")
                .asText();
        created(admin.json("POST", "/consumers/alice/key-auth", "{}"));
        created(admin.json("POST", "/consumers/alice/key-auth", "{}"));
        JsonNode nested = admin.get("/consumers/alice/key-auth?size=1").json();
        assertThat(nested.get("next").asText())
                .isEqualTo("/consumers/alice/key-auth?offset="
                        + nested.get("offset").asText());
        assertThat(nested.get("data").get(0).get("consumer").get("id").asText()).isEqualTo(alice);
    }

    @Test
    void bad_page_parameters_are_rejected_like_kong() {
        assertReply(
                admin.get("/services?size=abc"),
                400,
                "{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be a number\"}");
        for (String size : new String[] {"0", "1001", "2.5"}) {
            assertReply(
                    admin.get("/services?size=" + size),
                    400,
                    "{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be an integer between 1 and 1000\"}");
        }
        assertThat(admin.get("/services?size=1000").status()).isEqualTo(200);
        assertReply(
                admin.get("/services?offset=%25%25%25"),
                400,
                "{\"code\":7,\"name\":\"invalid offset\",\"message\":\"'%%%' is not a valid offset: bad base64 encoding\"}");
        String notJson =
                Base64.getUrlEncoder().withoutPadding().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        assertReply(
                admin.get("/services?offset=" + notJson),
                400,
                "{\"code\":7,\"name\":\"invalid offset\"," + "\"message\":\"'" + notJson
                        + "' is not a valid offset: bad json encoding\"}");
    }

    @Test
    void cache_endpoints_inspect_and_purge_this_node() {
        Map<String, @Nullable Object> fields =
                new LinkedHashMap<>(Map.of("id", UUID.randomUUID().toString(), "username", "carol"));
        Entity carol = new Entity(Consumers.SCHEMA, Consumers.SCHEMA.validate(fields));
        String key = "consumers:" + carol.id() + ":::::";
        NODE.cache.put(key, Optional.of(carol));
        NODE.cache.put("consumers:missing:::::", Optional.empty());
        NODE.cache.put("routes:x:::::", Optional.empty());

        AdminClient.Reply hit = admin.get("/cache/" + key);
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.json().get("username").asText()).isEqualTo("carol");
        assertReply(admin.get("/cache/consumers:missing:::::"), 200, "{}");
        assertReply(admin.get("/cache/absent"), 404, "{\"message\":\"Not found\"}");
        AdminClient.Reply listed = admin.get("/cache?prefix=consumers:");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json())
                .isEqualTo(AdminClient.JSON.valueToTree(Map.of(
                        "data",
                        Stream.of(key, "consumers:missing:::::").sorted().toList())));

        assertThat(admin.delete("/cache/" + key).status()).isEqualTo(204);
        assertThat(NODE.cache).doesNotContainKey(key).containsKey("routes:x:::::");
        assertThat(admin.delete("/cache/never-there").status()).isEqualTo(204);
        assertThat(admin.delete("/cache").status()).isEqualTo(204);
        assertThat(NODE.cache).isEmpty();
        assertReply(admin.get("/cache"), 200, "{\"data\":[]}");
    }

    @Test
    void the_db_less_config_endpoint_answers_as_kong_in_database_mode() {
        String expected =
                "{\"message\":\"this endpoint is only available when Kong is configured to not use a database\"}";
        assertReply(admin.get("/config"), 400, expected);
        assertReply(admin.json("POST", "/config", "{\"_format_version\":\"3.0\"}"), 400, expected);
        assertThat(admin.json("DELETE", "/config", "").status()).isEqualTo(405);
    }

    @Test
    void root_describes_the_node_and_its_plugins() {
        JsonNode root = admin.get("/").json();
        assertThat(root.get("tagline").asText()).isEqualTo("Welcome to kong");
        assertThat(root.get("version").asText()).isEqualTo("3.10.0");
        assertThat(root.get("edition").asText()).isEqualTo("community");
        assertThat(root.get("hostname").asText()).isEqualTo("test-host");
        assertThat(root.get("node_id").asText()).isEqualTo(FakeNode.NODE_ID.toString());
        assertThat(root.get("configuration").get("pg_password").asText()).isEqualTo("******");
        assertThat(root.get("configuration").has("pg_user")).isTrue();
        JsonNode keyAuth = root.get("plugins").get("available_on_server").get("key-auth");
        assertThat(keyAuth.get("priority").asInt()).isEqualTo(1250);
        assertThat(keyAuth.get("version").asText()).isEqualTo(TollgateVersion.current());
        assertThat(root.get("plugins").get("enabled_in_cluster")).isEqualTo(json("[]"));

        created(admin.json("POST", "/plugins", "{\"name\":\"correlation-id\"}"));
        assertThat(admin.get("/").json().get("plugins").get("enabled_in_cluster"))
                .isEqualTo(json("[\"correlation-id\"]"));
        assertThat(admin.get("/plugins/enabled").json())
                .isEqualTo(json("{\"enabled_plugins\":[\"correlation-id\",\"key-auth\",\"request-termination\"]}"));
    }

    @Test
    void status_reports_database_server_and_memory() {
        admin.get("/services");
        AdminClient.Reply reply = admin.get("/status");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode status = reply.json();
        assertThat(status.get("database")).isEqualTo(json("{\"reachable\":true}"));
        JsonNode server = status.get("server");
        for (String field : new String[] {
            "connections_active",
            "connections_reading",
            "connections_writing",
            "connections_waiting",
            "connections_accepted",
            "connections_handled",
            "total_requests"
        }) {
            assertThat(server.get(field).isIntegralNumber()).as(field).isTrue();
        }
        assertThat(server.get("connections_active").asLong()).isPositive();
        assertThat(server.get("connections_writing").asLong()).isPositive(); // this very request
        assertThat(server.get("connections_accepted").asLong()).isPositive();
        assertThat(server.get("total_requests").asLong()).isPositive();
        JsonNode worker = status.get("memory").get("workers_lua_vms").get(0);
        assertThat(worker.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(worker.get("http_allocated_gc").asText()).matches("\\d+\\.\\d{2} MiB");
        assertThat(admin.get("/status?unit=k&scale=1")
                        .json()
                        .get("memory")
                        .get("workers_lua_vms")
                        .get(0)
                        .get("http_allocated_gc")
                        .asText())
                .matches("\\d+\\.\\d KiB");
        assertReply(
                admin.get("/status?unit=x"),
                400,
                "{\"message\":\"invalid unit 'x' (expected 'k/K', 'm/M', or 'g/G')\"}");
    }

    @Test
    void database_outage_answers_503_and_status_reports_it() {
        ENTITIES.down = true;
        AdminClient.Reply reply = admin.get("/services");
        assertReply(reply, 503, "{\"message\":\"database is unreachable: connection refused\"}");
        assertThat(admin.json("POST", "/consumers", "{\"username\":\"x\"}").status())
                .isEqualTo(503);
        assertThat(admin.get("/status").json().get("database")).isEqualTo(json("{\"reachable\":false}"));
    }

    @Test
    void unexpected_failures_answer_500_without_details() {
        AdminClient.Reply reply = admin.json("POST", "/services", "{\"name\":\"boom\",\"host\":\"a.test\"}");
        assertReply(reply, 500, "{\"message\":\"An unexpected error occurred\"}");
        assertThat(reply.body()).doesNotContain("IllegalStateException");
    }

    @Test
    void options_lists_methods_and_the_proxy_listener_is_separate() throws Exception {
        AdminClient.Reply options = admin.send("OPTIONS", "/services", null, (byte[]) null);
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");

        int proxyPort = server.proxyAddresses().get(0).getPort();
        HttpResponse<String> proxied = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/services"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.body()).isEqualTo("proxied");
    }
}
