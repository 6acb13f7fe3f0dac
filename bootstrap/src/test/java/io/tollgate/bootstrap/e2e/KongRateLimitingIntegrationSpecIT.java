package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.bootstrap.e2e.RedisTlsNode.Setup;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kong's {@code spec/03-plugins/23-rate-limiting/05-integration_spec.lua} (its 3.x revision): the {@code redis}
 * policy's database selection and ACL users on a real {@code redis-server} (plain and TLS, see {@link RedisTlsNode}),
 * and the Admin API's answers to the {@code redis} record and its deprecated flat fields, against one real node
 * proxying to {@link KongMockUpstream} (the cases both plugins' specs share are in {@link KongRedisIntegrationSpec}).
 * All 20 cases are ported: the Redis cases are parameterized by Kong's three Redis setups ({@link Setup}); Kong's loop
 * over {@code with_sync_rate} runs each of them twice with the same config (its {@code pairs} over a list yields two
 * truthy keys), so each JUnit case stands for both runs. The class owns its Redis server: each Redis case empties it
 * first, as Kong's {@code lazy_setup} does.
 */
class KongRateLimitingIntegrationSpecIT extends KongRedisIntegrationSpec {

    KongRateLimitingIntegrationSpecIT() {
        super("rate-limiting", "ratelimit-user", 1100);
    }

    @Override
    Map<String, Object> minute(int limit) {
        return body("minute", limit);
    }

    @Override
    int statusWithRedis(Map<String, Object> redisRecord) throws IOException {
        return get(limitedRoute(body("minute", 2, "redis", redisRecord)));
    }

    /** A route on a path of its own with a redis-policy rate-limiting plugin of {@code config}; returns the path. */
    private String limitedRoute(Map<String, Object> config) {
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

    private int get(String path) throws IOException {
        return RawHttp.request("GET", "127.0.0.1:" + node.proxyPort, path)
                .send(node.proxyPort)
                .status();
    }

    /** Waits until databases 1, 2 and 3 hold {@code sizes} keys (Kong sleeps a second, then counts). */
    private void sizes(long db1, long db2, long db3) {
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
        resetRedis();
        awaitRoomInMinute();
        String route1 = limitedRoute(body("minute", 1, "redis", redisConf(setup, 1), "sync_rate", 0.1));
        String route2 = limitedRoute(body("minute", 1, "redis", redisConf(setup, 2)));
        String route3 = limitedRoute(
                body("minute", 2, "redis", redisConf(setup, 3, "username", validUser, "password", PASSWORD)));
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

    /** 05-integration_spec config.policy = redis [setup]: "fails to rate-limit for a redis user with missing ACLs". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setup.class)
    void fails_to_rate_limit_for_a_redis_user_with_missing_acls(Setup setup) throws IOException {
        resetRedis();
        String path = limitedRoute(
                body("minute", 1, "redis", redisConf(setup, 4, "username", INVALID_USER, "password", PASSWORD)));
        assertThat(get(path)).isEqualTo(500);
    }
}
