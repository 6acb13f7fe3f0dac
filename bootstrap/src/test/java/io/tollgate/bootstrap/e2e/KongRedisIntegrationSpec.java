package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapter.cache.redis.RedisServerProcess;
import io.tollgate.bootstrap.e2e.RedisTlsNode.Setup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What Kong's {@code 05-integration_spec.lua} of rate-limiting and of response-ratelimiting share: one real node with
 * its own {@code redis-server} (plain and TLS, see {@link RedisTlsNode}) proxying to {@link KongMockUpstream}, the
 * {@code redis} record of each of Kong's Redis setups ({@link Setup}), the case of a Redis user with the proper ACLs,
 * and the two Admin API cases on the {@code redis} record and its deprecated flat {@code redis_*} fields. The
 * subclasses hold each plugin's own cases. One node per subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KongRedisIntegrationSpec {

    static final String INVALID_USER = "some-user";
    static final String PASSWORD = "secret";

    /** The flat {@code redis_*} fields Kong deprecated in favour of the {@code redis} record. */
    private static final List<String> FLAT =
            List.of("host", "port", "password", "username", "ssl", "ssl_verify", "server_name", "timeout", "database");

    private final String plugin;
    /** The Redis user with the ACLs the plugin needs (Kong's spec names one per plugin). */
    final String validUser;

    private final int legacyTimeout;

    RedisTlsNode fixture;
    RedisServerProcess redis;
    NodeProcess node;
    KongMockUpstream mock;
    KongSpecClient client;

    /**
     * @param plugin the plugin's name
     * @param validUser the Redis user with the ACLs the plugin needs
     * @param legacyTimeout the {@code redis_timeout} of Kong's legacy-configuration case
     */
    KongRedisIntegrationSpec(String plugin, String validUser, int legacyTimeout) {
        this.plugin = plugin;
        this.validUser = validUser;
        this.legacyTimeout = legacyTimeout;
    }

    /** The plugin's limit settings for a per-minute limit. */
    abstract Map<String, Object> minute(int limit);

    /**
     * Sends Kong's request of the valid-user case through a route of its own limited by the plugin with the
     * {@code redis} record {@code redisRecord}; returns the proxy's status.
     */
    abstract int statusWithRedis(Map<String, Object> redisRecord) throws IOException;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fixture = RedisTlsNode.start("kong-" + plugin + "-integration", dir, Map.of());
        redis = fixture.redis();
        node = fixture.node();
        mock = fixture.mock();
        client = fixture.client();
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The {@code redis} record of {@code setup} on {@code database}, with {@code more} fields. */
    Map<String, Object> redisConf(Setup setup, int database, Object... more) {
        Map<String, Object> conf =
                fixture.redisRecord(setup, "host", "127.0.0.1", "database", database, "timeout", 10000);
        conf.putAll(body(more));
        return conf;
    }

    /** Empties the Redis server and creates the spec's users: {@link #validUser} and {@link #INVALID_USER}. */
    void resetRedis() throws IOException {
        fixture.resetWithUsers(validUser, INVALID_USER, PASSWORD);
    }

    /**
     * Waits (at most 25 s) until the UTC minute has at least 20 s left, so that counters a case writes for the
     * {@code minute} window do not expire with it before the case has read them (Kong's specs wait for a new window
     * the same way).
     */
    static void awaitRoomInMinute() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(25))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 40);
    }

    /**
     * 05-integration_spec config.policy = redis [setup]: "authenticates and executes with a valid redis user having
     * proper ACLs".
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setup.class)
    void authenticates_and_executes_with_a_valid_redis_user_having_proper_acls(Setup setup) throws IOException {
        resetRedis();
        assertThat(statusWithRedis(redisConf(setup, 3, "username", validUser, "password", PASSWORD)))
                .isEqualTo(200);
    }

    // ------------------------------------------------------------------------ creating plugins using the API

    private String deprecation(String field) {
        return plugin + ": config.redis_" + field + " is deprecated, please use config.redis." + field
                + " instead (deprecated after 4.0)";
    }

    /**
     * POSTs a global plugin of {@code config} (Kong's request names its route beside the body, where the Admin API
     * does not read it), returns the created plugin after deleting it, and the node's log lines written meanwhile.
     */
    private Created createAndDelete(Map<String, Object> config) throws IOException {
        int logged = node.log().length();
        JsonNode created = client.create("/plugins", body("name", plugin, "config", config));
        assertThat(client.delete("/plugins/" + created.get("id").asText()).status())
                .isEqualTo(204);
        return new Created(created.get("config"), node, logged);
    }

    /** A created plugin's config and where the node's log stood before it was created. */
    private record Created(JsonNode config, NodeProcess node, int logged) {
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
        Map<String, Object> config = minute(100);
        config.putAll(body("policy", "redis", "redis", redisConfig));
        Created created = createAndDelete(config);
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
        Map<String, Object> legacy =
                KongShorthandFieldsSpec.legacyRedis("custom-host.example.test", 55000, legacyTimeout, "example.test");
        Map<String, Object> config = minute(100);
        config.put("policy", "redis");
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
