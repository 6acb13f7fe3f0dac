package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of Kong's {@code 06-shorthand_fields_spec.lua} that rate-limiting and response-ratelimiting share,
 * through the Admin API: the deprecated flat {@code redis_*} fields of the plugin are written into the {@code redis}
 * record and shown again beside it on POST, PATCH, PUT, GET and in collections. The 100 plugins of Kong's "multiple
 * instances" block carry a tag of the class so the collection reads can be filtered to them. One node per subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KongShorthandFieldsSpec {

    static final int REDIS1_PORT = 55000;
    static final int ROUTES = 100;

    NodeProcess node;
    KongSpecClient client;
    String tag;
    String firstRoute;

    /** The plugin's name. */
    abstract String plugin();

    /** The plugin's limit settings for a per-minute limit. */
    abstract Map<String, Object> minute(int limit);

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        node = NodeProcess.start(plugin() + "-shorthands", dir, Map.of());
        client = new KongSpecClient(node.admin());
        tag = KongSpecClient.unique(plugin() + "-shorthands");
        for (int i = 1; i <= ROUTES; i++) {
            String name = tag + "-route-" + i;
            if (i == 1) {
                firstRoute = name;
            }
            String route = client.create("/routes", body("name", name, "hosts", List.of("redis" + i + "." + tag)))
                    .get("id")
                    .asText();
            client.create(
                    "/plugins",
                    body("name", plugin(), "tags", List.of(tag), "route", Map.of("id", route), "config", numbered(i)));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** The legacy config of instance {@code i} of Kong's "multiple instances" block (with its minute limit). */
    private Map<String, Object> numbered(int i) {
        Map<String, Object> config = minute(100 + i);
        config.put("policy", "redis");
        config.putAll(legacy("custom-host" + i + ".example.test", REDIS1_PORT + i, "example" + i + ".test"));
        return config;
    }

    private static Map<String, Object> legacy(String host, int port, String serverName) {
        return legacyRedis(host, port, 1100, serverName);
    }

    /**
     * The deprecated flat {@code redis_*} fields of Kong's legacy-configuration cases (user {@code test1}, password
     * {@code testX}, database 1, TLS on and verified); {@link KongRedisIntegrationSpec} sends them too.
     */
    static Map<String, Object> legacyRedis(String host, int port, int timeout, String serverName) {
        return body(
                "redis_host",
                host,
                "redis_port",
                port,
                "redis_username",
                "test1",
                "redis_password",
                "testX",
                "redis_database",
                1,
                "redis_timeout",
                timeout,
                "redis_ssl",
                true,
                "redis_ssl_verify",
                true,
                "redis_server_name",
                serverName);
    }

    /** Kong's single-plugin config. */
    private Map<String, Object> single() {
        Map<String, Object> config = minute(100);
        config.put("policy", "redis");
        config.putAll(legacy("custom-host.example.test", 55000, "example.test"));
        return config;
    }

    /** Each legacy field's value is in the {@code redis} record and again beside it. */
    private static void assertRedisConfigSame(Map<String, Object> expected, JsonNode config) {
        for (String field : List.of(
                "host", "port", "username", "password", "database", "timeout", "ssl", "ssl_verify", "server_name")) {
            String value = String.valueOf(expected.get("redis_" + field));
            assertThat(config.path("redis").path(field).asText()).as(field).isEqualTo(value);
            assertThat(config.path("redis_" + field).asText())
                    .as("redis_" + field)
                    .isEqualTo(value);
        }
    }

    private String newRoute() {
        return client.create("/routes", body("hosts", List.of(KongSpecClient.unique("redis") + ".test")))
                .get("id")
                .asText();
    }

    /** 06-shorthand_fields_spec single plugin: "POST/PATCH/GET request returns legacy fields". */
    @Test
    void post_patch_get_request_returns_legacy_fields() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> config = single();
        JsonNode json = ok(
                client.send(
                        "POST",
                        "/plugins",
                        ContentType.JSON,
                        body("id", id, "name", plugin(), "route", Map.of("id", newRoute()), "config", config)),
                201);
        assertRedisConfigSame(config, json.path("config"));

        json = ok(
                client.send(
                        "PATCH",
                        "/plugins/" + id,
                        ContentType.JSON,
                        body("name", plugin(), "config", body("redis_host", "testhost"))),
                200);
        config.put("redis_host", "testhost");
        assertRedisConfigSame(config, json.path("config"));

        assertRedisConfigSame(config, ok(client.get("/plugins/" + id), 200).path("config"));
        ok(client.delete("/plugins/" + id), 204);
    }

    /** 06-shorthand_fields_spec single plugin: "successful PUT request returns legacy fields". */
    @Test
    void successful_put_request_returns_legacy_fields() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> config = single();
        JsonNode json = ok(
                client.send(
                        "PUT",
                        "/plugins/" + id,
                        ContentType.JSON,
                        body("name", plugin(), "route", Map.of("id", newRoute()), "config", config)),
                200);
        assertRedisConfigSame(config, json.path("config"));
        ok(client.delete("/plugins/" + id), 204);
    }

    /** Every plugin of the page is one of the "multiple instances", with its legacy fields. */
    private int assertInstances(JsonNode page) {
        JsonNode data = page.path("data");
        for (JsonNode plugin : data) {
            int i = plugin.path("config").path("redis").path("port").asInt() - REDIS1_PORT;
            assertRedisConfigSame(numbered(i), plugin.path("config"));
        }
        return data.size();
    }

    /** 06-shorthand_fields_spec multiple instances: "get collection". */
    @Test
    void get_collection() {
        assertThat(assertInstances(ok(client.get("/plugins?tags=" + tag), 200))).isEqualTo(ROUTES);
    }

    /** 06-shorthand_fields_spec multiple instances: "get paginated collection". */
    @Test
    void get_paginated_collection() {
        assertThat(assertInstances(ok(client.get("/plugins?size=50&tags=" + tag), 200)))
                .isEqualTo(50);
    }

    /** 06-shorthand_fields_spec multiple instances: "get plugins by route". */
    @Test
    void get_plugins_by_route() {
        assertThat(assertInstances(ok(client.get("/routes/" + firstRoute + "/plugins?size=50"), 200)))
                .isEqualTo(1);
    }
}
