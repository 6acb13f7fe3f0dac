package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapter.cache.redis.RedisServerProcess;
import io.tollgate.bootstrap.e2e.RedisTlsNode.Setup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kong's {@code spec/03-plugins/23-rate-limiting/05-integration_spec.lua} (its 3.x revision): the {@code redis}
 * policy's database selection and ACL users on a real {@code redis-server} (plain and TLS, see {@link RedisTlsNode}),
 * and the Admin API's answers to the {@code redis} record and its deprecated flat fields, against one real node
 * proxying to {@link KongMockUpstream}. All 20 cases are ported: the Redis cases are parameterized by Kong's three
 * Redis setups ({@link Setup}); Kong's loop over {@code with_sync_rate} runs each of them twice with the same
 * config (its {@code pairs} over a list yields two truthy keys), so each JUnit case stands for both runs. The class
 * owns its Redis server: each Redis case empties it first, as Kong's {@code lazy_setup} does.
 */
class KongRateLimitingIntegrationSpecIT {

    static final String VALID_USER = "ratelimit-user";
    static final String INVALID_USER = "some-user";
    static final String PASSWORD = "secret";

    @TempDir
    static Path dir;

    static RedisTlsNode fixture;
    static RedisServerProcess redis;
    static NodeProcess node;
    static KongMockUpstream mock;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        fixture = RedisTlsNode.start("kong-rate-limiting-integration", dir, Map.of());
        redis = fixture.redis();
        node = fixture.node();
        mock = fixture.mock();
        client = fixture.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The {@code redis} record of {@code setup} on {@code database}, with {@code more} fields. */
    private static Map<String, Object> redisConf(Setup setup, int database, Object... more) {
        Map<String, Object> conf =
                fixture.redisRecord(setup, "host", "127.0.0.1", "database", database, "timeout", 10000);
        conf.putAll(body(more));
        return conf;
    }

    /** A route on a path of its own with a redis-policy rate-limiting plugin of {@code config}; returns the path. */
    private static String limitedRoute(Map<String, Object> config) {
        String path = "/" + unique("rli");
        String service = client.create("/services", body("name", unique("rli"), "url", mock.url()))
                .get("id")
                .asText();
        String route = client.create("/routes", body("paths", List.of(path), "service", Map.of("id", service)))
                .get("id")
                .asText();
        Map<String, Object> conf = body("policy", "redis", "fault_tolerant", false);
        conf.putAll(config);
        client.create("/plugins", body("name", "rate-limiting", "route", Map.of("id", route), "config", conf));
        return path;
    }

    private static int get(String path) throws IOException {
        return RawHttp.request("GET", "127.0.0.1:" + node.proxyPort, path)
                .send(node.proxyPort)
                .status();
    }

    /** Waits until databases 1, 2 and 3 hold {@code sizes} keys (Kong sleeps a second, then counts). */
    private static void sizes(long db1, long db2, long db3) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(new long[] {redis.dbsize(1), redis.dbsize(2), redis.dbsize(3)})
                        .containsExactly(db1, db2, db3));
    }

    /** 05-integration_spec config.policy = redis [setup]: "connection pool respects database setting". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setup.class)
    void connection_pool_respects_database_setting(Setup setup) throws IOException {
        fixture.resetWithUsers(VALID_USER, INVALID_USER, PASSWORD);
        String route1 = limitedRoute(body("minute", 1, "redis", redisConf(setup, 1), "sync_rate", 0.1));
        String route2 = limitedRoute(body("minute", 1, "redis", redisConf(setup, 2)));
        String route3 = limitedRoute(
                body("minute", 2, "redis", redisConf(setup, 3, "username", VALID_USER, "password", PASSWORD)));
        assertThat(new long[] {redis.dbsize(1), redis.dbsize(2), redis.dbsize(3)})
                .containsExactly(0, 0, 0);

        assertThat(get(route1)).isEqualTo(200);
        sizes(1, 0, 0);

        assertThat(get(route2)).isEqualTo(200);
        sizes(1, 1, 0);

        assertThat(get(route3)).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(List.of(redis.dbsize(1), redis.dbsize(2), redis.dbsize(3)))
                        .allSatisfy(size -> assertThat(size).isPositive()));
    }

    /**
     * 05-integration_spec config.policy = redis [setup]: "authenticates and executes with a valid redis user having
     * proper ACLs".
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setup.class)
    void authenticates_and_executes_with_a_valid_redis_user_having_proper_acls(Setup setup) throws IOException {
        fixture.resetWithUsers(VALID_USER, INVALID_USER, PASSWORD);
        String path = limitedRoute(
                body("minute", 2, "redis", redisConf(setup, 3, "username", VALID_USER, "password", PASSWORD)));
        assertThat(get(path)).isEqualTo(200);
    }

    /** 05-integration_spec config.policy = redis [setup]: "fails to rate-limit for a redis user with missing ACLs". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setup.class)
    void fails_to_rate_limit_for_a_redis_user_with_missing_acls(Setup setup) throws IOException {
        fixture.resetWithUsers(VALID_USER, INVALID_USER, PASSWORD);
        String path = limitedRoute(
                body("minute", 1, "redis", redisConf(setup, 4, "username", INVALID_USER, "password", PASSWORD)));
        assertThat(get(path)).isEqualTo(500);
    }

    // ------------------------------------------------------------------------ creating plugins using the API

    private static final List<String> FLAT =
            List.of("host", "port", "password", "username", "ssl", "ssl_verify", "server_name", "timeout", "database");

    private static String deprecation(String field) {
        return "rate-limiting: config.redis_" + field + " is deprecated, please use config.redis." + field
                + " instead (deprecated after 4.0)";
    }

    /**
     * POSTs a global rate-limiting plugin of {@code config} (Kong's request names its route beside the body, where
     * the Admin API does not read it), returns the created plugin after deleting it, and the node's log lines
     * written meanwhile.
     */
    private static Created createAndDelete(Map<String, Object> config) throws IOException {
        int logged = node.log().length();
        JsonNode plugin = client.create("/plugins", body("name", "rate-limiting", "config", config));
        assertThat(client.delete("/plugins/" + plugin.get("id").asText()).status())
                .isEqualTo(204);
        return new Created(plugin.get("config"), logged);
    }

    /** A created plugin's config and where the node's log stood before it was created. */
    private record Created(JsonNode config, int logged) {
        String logSince() throws IOException {
            return node.log().substring(logged);
        }
    }

    /**
     * 05-integration_spec creating rate-limiting plugins using api: "allows to create a plugin with new redis
     * configuration".
     */
    @Test
    void allows_to_create_a_plugin_with_new_redis_configuration() throws IOException {
        Map<String, Object> redisConfig = body(
                "host",
                "127.0.0.1",
                "port",
                redis.port(),
                "username",
                "test1",
                "password",
                "testX",
                "database",
                1,
                "timeout",
                1100,
                "ssl",
                true,
                "ssl_verify",
                true,
                "server_name",
                "example.test");
        Created created = createAndDelete(body("minute", 100, "policy", "redis", "redis", redisConfig));
        JsonNode redisJson = created.config().get("redis");
        assertThat(redisJson.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(redisJson.get("port").asInt()).isEqualTo(redis.port());
        assertThat(redisJson.get("username").asText()).isEqualTo("test1");
        assertThat(redisJson.get("password").asText()).isEqualTo("testX");
        assertThat(redisJson.get("database").asInt()).isEqualTo(1);
        assertThat(redisJson.get("timeout").asInt()).isEqualTo(1100);
        assertThat(redisJson.get("ssl").asBoolean()).isTrue();
        assertThat(redisJson.get("ssl_verify").asBoolean()).isTrue();
        assertThat(redisJson.get("server_name").asText()).isEqualTo("example.test");
        String log = created.logSince();
        for (String field : FLAT) {
            assertThat(log).doesNotContain(deprecation(field));
        }
    }

    /**
     * 05-integration_spec creating rate-limiting plugins using api: "allows to create a plugin with legacy redis
     * configuration".
     */
    @Test
    void allows_to_create_a_plugin_with_legacy_redis_configuration() throws IOException {
        Map<String, Object> legacy = body(
                "redis_host",
                "custom-host.example.test",
                "redis_port",
                55000,
                "redis_username",
                "test1",
                "redis_password",
                "testX",
                "redis_database",
                1,
                "redis_timeout",
                1100,
                "redis_ssl",
                true,
                "redis_ssl_verify",
                true,
                "redis_server_name",
                "example.test");
        Map<String, Object> config = body("minute", 100, "policy", "redis");
        config.putAll(legacy);
        Created created = createAndDelete(config);
        JsonNode json = created.config();
        for (String field : FLAT) {
            JsonNode expected = KongSpecClient.json(KongSpecClient.encode(
                            KongSpecClient.ContentType.JSON, body("v", legacy.get("redis_" + field))))
                    .get("v");
            assertThat(json.get("redis").get(field)).as("redis." + field).isEqualTo(expected);
            assertThat(json.get("redis_" + field)).as("redis_" + field).isEqualTo(expected);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    String log = created.logSince();
                    for (String field : FLAT) {
                        assertThat(log).contains(deprecation(field));
                    }
                });
    }
}
