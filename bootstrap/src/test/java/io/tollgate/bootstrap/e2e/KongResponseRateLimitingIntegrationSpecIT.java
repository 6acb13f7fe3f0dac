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
 * Kong's {@code spec/03-plugins/24-response-rate-limiting/05-integration_spec.lua} (its 3.x revision, the
 * {@code redis} record): the {@code redis} policy's database selection and ACL users on a real {@code redis-server}
 * (plain and TLS, see {@link RedisTlsNode}), and the Admin API's answers to the {@code redis} record and its
 * deprecated flat fields, against one real node proxying to {@link KongMockUpstream}. 8 of the 11 cases are ported:
 * the Redis cases are parameterized by Kong's three Redis setups ({@link Setup}). The class owns its Redis server:
 * each Redis case empties it first, as Kong's {@code lazy_setup} does. Left out as differing: "fails to rate-limit for
 * a redis user with missing ACLs" (3 setups): Kong reads the usage from Redis in {@code access}, so the first request
 * already answers 500; Tollgate's batched {@code redis} counters admit it (200) and only fail the requests after their
 * first sync (100 ms later) was refused.
 */
class KongResponseRateLimitingIntegrationSpecIT {

    static final String VALID_USER = "response-ratelimit-user";
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
        fixture = RedisTlsNode.start("kong-response-ratelimiting-integration", dir, Map.of());
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

    /**
     * A route for a host of its own with a redis-policy response-ratelimiting plugin of {@code redis} and Kong's
     * {@code video} limit of 6 a minute; returns the host.
     */
    private static String limitedHost(Map<String, Object> redis) {
        String host = unique("rrli") + ".test";
        String service = client.create("/services", body("name", unique("rrli"), "url", mock.url()))
                .get("id")
                .asText();
        String route = client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service)))
                .get("id")
                .asText();
        Map<String, Object> conf = body(
                "policy",
                "redis",
                "redis",
                redis,
                "fault_tolerant",
                false,
                "limits",
                Map.of("video", Map.of("minute", 6)));
        client.create("/plugins", body("name", "response-ratelimiting", "route", Map.of("id", route), "config", conf));
        return host;
    }

    private static RawHttp.Response get(String host, String target) throws IOException {
        return RawHttp.request("GET", host, target).send(node.proxyPort);
    }

    /** One unit of {@code video} for {@code host}: admitted with the minute's limit and what remains of it. */
    private static void consume(String host) throws IOException {
        RawHttp.Response r = get(host, "/response-headers?x-kong-limit=video=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-ratelimit-limit-video-minute")).isEqualTo("6");
        assertThat(r.header("x-ratelimit-remaining-video-minute")).isEqualTo("5");
    }

    /** Waits until databases 1, 2 and 3 hold keys or not, as {@code used} says (Kong sleeps a second, then counts). */
    private static void used(boolean db1, boolean db2, boolean db3) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(
                                new boolean[] {redis.dbsize(1) > 0, redis.dbsize(2) > 0, redis.dbsize(3) > 0})
                        .containsExactly(db1, db2, db3));
    }

    /** 05-integration_spec config.policy = redis [setup]: "connection pool respects database setting". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setup.class)
    void connection_pool_respects_database_setting(Setup setup) throws IOException {
        fixture.resetWithUsers(VALID_USER, INVALID_USER, PASSWORD);
        String host1 = limitedHost(redisConf(setup, 1));
        String host2 = limitedHost(redisConf(setup, 2));
        String host3 = limitedHost(redisConf(setup, 3, "username", VALID_USER, "password", PASSWORD));
        assertThat(new long[] {redis.dbsize(1), redis.dbsize(2), redis.dbsize(3)})
                .containsExactly(0, 0, 0);

        consume(host1);
        used(true, false, false);

        consume(host2);
        used(true, true, false);

        consume(host3);
        used(true, true, true);
    }

    /**
     * 05-integration_spec config.policy = redis [setup]: "authenticates and executes with a valid redis user having
     * proper ACLs".
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setup.class)
    void authenticates_and_executes_with_a_valid_redis_user_having_proper_acls(Setup setup) throws IOException {
        fixture.resetWithUsers(VALID_USER, INVALID_USER, PASSWORD);
        String host = limitedHost(redisConf(setup, 3, "username", VALID_USER, "password", PASSWORD));
        assertThat(get(host, "/status/200").status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------ creating plugins using the API

    private static final List<String> FLAT =
            List.of("host", "port", "password", "username", "ssl", "ssl_verify", "server_name", "timeout", "database");

    private static String deprecation(String field) {
        return "response-ratelimiting: config.redis_" + field + " is deprecated, please use config.redis." + field
                + " instead (deprecated after 4.0)";
    }

    /**
     * POSTs a global response-ratelimiting plugin of {@code config} (Kong's request names its route beside the body,
     * where the Admin API does not read it), returns the created plugin after deleting it, and the node's log lines
     * written meanwhile.
     */
    private static Created createAndDelete(Map<String, Object> config) throws IOException {
        int logged = node.log().length();
        JsonNode plugin = client.create("/plugins", body("name", "response-ratelimiting", "config", config));
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
        Created created = createAndDelete(
                body("limits", Map.of("video", Map.of("minute", 100)), "policy", "redis", "redis", redisConfig));
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
                3400,
                "redis_ssl",
                true,
                "redis_ssl_verify",
                true,
                "redis_server_name",
                "example.test");
        Map<String, Object> config = body("limits", Map.of("video", Map.of("minute", 100)), "policy", "redis");
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
