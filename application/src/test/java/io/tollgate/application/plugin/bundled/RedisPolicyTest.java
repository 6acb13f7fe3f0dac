package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.CounterKey;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import io.tollgate.application.plugin.spi.RedisConfig;
import io.tollgate.application.plugin.spi.RedisCounters;
import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Rate-limiting's {@code redis} policy as the plugin drives it, on an in-memory stand-in for the Redis client (the
 * adapter has its own test against a real {@code redis-server}): the config reaching the client, the verdict and its
 * headers after the asynchronous answer, outages and {@code fault_tolerant}, batches with {@code sync_rate}.
 */
class RedisPolicyTest {

    /** One Redis server's counters, atomic per call like the script; can be switched off. */
    static final class FakeRedis implements RedisCounters {
        final Map<String, Long> counters = new HashMap<>();
        final List<RedisConfig> servers = new ArrayList<>();
        final ClusterCountersTest.SharedTable batch = new ClusterCountersTest.SharedTable();
        volatile boolean down;

        @Override
        public synchronized CompletionStage<long[]> acquire(RedisConfig redis, CounterKey[] keys, double[] limits) {
            servers.add(redis);
            if (down) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }
            long[] before = new long[keys.length];
            boolean over = false;
            for (int i = 0; i < keys.length; i++) {
                before[i] = counters.getOrDefault(keys[i].kongKey(), 0L);
                over |= before[i] >= limits[i];
            }
            if (!over) {
                for (CounterKey key : keys) {
                    counters.merge(key.kongKey(), 1L, Long::sum);
                }
            }
            return CompletableFuture.supplyAsync(() -> before); // answered later, on another thread
        }

        @Override
        public RateLimitCounters batched(RedisConfig redis) {
            servers.add(redis);
            return batch;
        }
    }

    final AtomicLong now = new AtomicLong(RateLimitingTest.T0 + 20_500);
    final FakeRedis redis = new FakeRedis();
    final PluginHandler handler = new RateLimiting(now::get).handler(RateLimitingTest.environment(null, redis));
    final Entity serviceEntity = Entities.service("http://upstream.test", Map.of());

    RateLimitContext request() {
        RateLimitContext request = new RateLimitContext();
        request.service = Service.of(serviceEntity);
        request.route = Route.of(Entities.route(serviceEntity, Map.of("paths", List.of("/a"))));
        return request;
    }

    RateLimitContext send(RateLimitContext request, PluginConfig config) throws Exception {
        handler.access(request.reset().context(), config).toCompletableFuture().get(5, TimeUnit.SECONDS);
        return request;
    }

    static PluginConfig redisConfig(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                "minute",
                2,
                "policy",
                "redis",
                "redis",
                Map.of("host", "redis.test", "password", "pw", "database", 4)));
        config.putAll(extra);
        return RateLimitingTest.config(config);
    }

    @Test
    void each_request_is_counted_in_redis_with_kongs_key_and_headers() throws Exception {
        RateLimitContext request = request();
        // keyed by the instance's scope (Kong's conf.route_id/service_id): here one on the route and its service
        PluginConfig config = new PluginConfig(
                redisConfig(Map.of()).values(),
                request.route.id().value(),
                request.service.id().value(),
                null);
        send(request, config);
        assertThat(request.exitStatus).isZero();
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Limit-Minute", "2")
                .containsEntry("X-RateLimit-Remaining-Minute", "1")
                .containsEntry("RateLimit-Reset", "40");
        assertThat(redis.servers.getFirst())
                .isEqualTo(new RedisConfig("redis.test", 6379, 2000, null, "pw", 4, false, false, null));
        assertThat(redis.servers.getFirst().toString()).doesNotContain("pw");
        assertThat(redis.counters)
                .containsOnlyKeys("ratelimit:" + request.route.id().value() + ":"
                        + request.service.id().value() + ":127.0.0.1:" + RateLimitingTest.T0 + ":minute");
        send(request, config);
        assertThat(send(request, config).exitStatus).isEqualTo(429);
        assertThat(request.responseHeaders).containsEntry("Retry-After", "40");
    }

    @Test
    void an_outage_proxies_without_headers_when_fault_tolerant_and_answers_500_otherwise() throws Exception {
        RateLimitContext request = request();
        redis.down = true;
        send(request, redisConfig(Map.of()));
        assertThat(request.exitStatus).isZero();
        assertThat(request.responseHeaders).isEmpty();
        send(request, redisConfig(Map.of("fault_tolerant", false)));
        assertThat(request.exitStatus).isEqualTo(500);
        assertThat(request.exitMessage).isEqualTo("An unexpected error occurred");
        redis.down = false;
        send(request, redisConfig(Map.of("fault_tolerant", false)));
        assertThat(request.exitStatus).isZero();
        assertThat(request.responseHeaders).containsEntry("X-RateLimit-Remaining-Minute", "1");
    }

    @Test
    void a_sync_rate_counts_on_the_node_and_syncs_in_batches() throws Exception {
        PluginConfig config = redisConfig(Map.of("sync_rate", 0.05));
        RateLimitContext request = request();
        send(request, config);
        assertThat(request.responseHeaders).containsEntry("X-RateLimit-Remaining-Minute", "1");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> redis.batch.rows.values().stream()
                                .mapToLong(Long::longValue)
                                .sum()
                        == 1);
        assertThat(redis.counters).as("nothing counted per request").isEmpty();
        send(request, config);
        assertThat(send(request, config).exitStatus).isEqualTo(429);
    }
}
