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
 * Kong's {@code spec/03-plugins/24-response-rate-limiting/05-integration_spec.lua} (its 3.x revision, the
 * {@code redis} record): the {@code redis} policy's database selection and ACL users on a real {@code redis-server}
 * (plain and TLS, see {@link RedisTlsNode}), and the Admin API's answers to the {@code redis} record and its
 * deprecated flat fields, against one real node proxying to {@link KongMockUpstream} (the cases both plugins' specs
 * share are in {@link KongRedisIntegrationSpec}). 8 of the 11 cases are ported: the Redis cases are parameterized by
 * Kong's three Redis setups ({@link Setup}). The class owns its Redis server: each Redis case empties it first, as
 * Kong's {@code lazy_setup} does. Left out as differing: "fails to rate-limit for a redis user with missing ACLs" (3
 * setups): Kong reads the usage from Redis in {@code access}, so the first request already answers 500; Tollgate's
 * batched {@code redis} counters admit it (200) and only fail the requests after their first sync (100 ms later) was
 * refused.
 */
class KongResponseRateLimitingIntegrationSpecIT extends KongRedisIntegrationSpec {

    KongResponseRateLimitingIntegrationSpecIT() {
        super("response-ratelimiting", "response-ratelimit-user", 3400);
    }

    @Override
    Map<String, Object> minute(int limit) {
        return body("limits", Map.of("video", Map.of("minute", limit)));
    }

    @Override
    int statusWithRedis(Map<String, Object> redisRecord) throws IOException {
        return get(limitedHost(redisRecord), "/status/200").status();
    }

    /**
     * A route for a host of its own with a redis-policy response-ratelimiting plugin of {@code redis} and Kong's
     * {@code video} limit of 6 a minute; returns the host.
     */
    private String limitedHost(Map<String, Object> redisRecord) {
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
                redisRecord,
                "fault_tolerant",
                false,
                "limits",
                Map.of("video", Map.of("minute", 6)));
        client.create("/plugins", body("name", "response-ratelimiting", "route", Map.of("id", route), "config", conf));
        return host;
    }

    private RawHttp.Response get(String host, String target) throws IOException {
        return RawHttp.request("GET", host, target).send(node.proxyPort);
    }

    /** One unit of {@code video} for {@code host}: admitted with the minute's limit and what remains of it. */
    private void consume(String host) throws IOException {
        RawHttp.Response r = get(host, "/response-headers?x-kong-limit=video=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-ratelimit-limit-video-minute")).isEqualTo("6");
        assertThat(r.header("x-ratelimit-remaining-video-minute")).isEqualTo("5");
    }

    /** Waits until databases 1, 2 and 3 hold keys or not, as {@code used} says (Kong sleeps a second, then counts). */
    private void used(boolean db1, boolean db2, boolean db3) {
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
        resetRedis();
        awaitRoomInMinute();
        String host1 = limitedHost(redisConf(setup, 1));
        String host2 = limitedHost(redisConf(setup, 2));
        String host3 = limitedHost(redisConf(setup, 3, "username", validUser, "password", PASSWORD));
        assertThat(new long[] {redis.dbsize(1), redis.dbsize(2), redis.dbsize(3)})
                .containsExactly(0, 0, 0);

        consume(host1);
        used(true, false, false);

        consume(host2);
        used(true, true, false);

        consume(host3);
        used(true, true, true);
    }
}
