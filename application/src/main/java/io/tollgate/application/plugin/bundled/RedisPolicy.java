package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.CounterKey;
import io.tollgate.application.plugin.spi.RedisConfig;
import io.tollgate.application.plugin.spi.RedisCounters;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Rate-limiting's {@code redis} policy on one node (kong-internals §9.3). With {@code sync_rate = -1} (Kong's
 * default) each request is counted in Redis at once, atomically for all its windows ({@link RedisCounters#acquire}):
 * the nodes of a cluster together admit exactly the limit. With {@code sync_rate >= 0} the node counts in memory and
 * syncs with Redis every {@code sync_rate} seconds, as the {@code cluster} policy does with the database
 * ({@link ClusterCounters}, one per server and interval): fewer round trips, the same overshoot bound.
 *
 * <p>An outage (Redis down, credentials refused, no answer within the config's {@code timeout}) makes the counters
 * unavailable; it is logged once per minute, and its end once.
 */
final class RedisPolicy {

    private static final System.Logger LOG = System.getLogger(RedisPolicy.class.getName());
    private static final long WARN_EVERY = 60_000;

    /** One batched view per server and sync interval (ms). */
    private record Batch(RedisConfig redis, long interval) {}

    private final @Nullable RedisCounters redis;
    private final LongSupplier clock;
    private final ConcurrentHashMap<Batch, ClusterSync> batches = new ConcurrentHashMap<>();
    private volatile boolean failing;
    private volatile long nextWarning;

    /**
     * @param redis the node's Redis client, or {@code null} when it has none (the policy is then unavailable)
     * @param clock epoch milliseconds
     */
    RedisPolicy(@Nullable RedisCounters redis, LongSupplier clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Counts one request in Redis ({@code sync_rate = -1}).
     *
     * @return a stage of the requests each counter held before this one; it fails with
     *     {@link RateCounters.Unavailable} when Redis cannot count it
     */
    CompletionStage<long[]> acquire(RateLimitSettings conf, CounterKey[] keys) {
        RedisConfig server = conf.redis();
        if (redis == null || server == null) {
            return CompletableFuture.failedFuture(new RateCounters.Unavailable("no redis client for the redis policy"));
        }
        return redis.acquire(server, keys, conf.limits()).handle((before, error) -> {
            if (error != null) {
                failed(server, error);
                throw new java.util.concurrent.CompletionException(
                        new RateCounters.Unavailable("redis " + server + " unavailable"));
            }
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "rate-limiting redis counters reachable again: " + server);
            }
            return before;
        });
    }

    /**
     * The batched counters of {@code server}, synced every {@code intervalMs} milliseconds, their sync running.
     *
     * @throws RateCounters.Unavailable when the node has no Redis client or the config names no server
     */
    RateCounters batched(@Nullable RedisConfig server, long intervalMs) throws RateCounters.Unavailable {
        if (redis == null || server == null) {
            throw new RateCounters.Unavailable("no redis client for the redis policy");
        }
        Batch batch = new Batch(server, intervalMs);
        ClusterSync sync = batches.get(batch);
        if (sync == null) {
            sync = batches.computeIfAbsent(
                    batch,
                    b -> new ClusterSync(
                            new ClusterCounters(redis.batched(b.redis()), clock, "redis " + b.redis()), b.interval()));
        }
        return sync.started();
    }

    private void failed(RedisConfig server, Throwable error) {
        failing = true;
        long now = clock.getAsLong();
        if (now >= nextWarning) {
            nextWarning = now + WARN_EVERY;
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            LOG.log(Level.ERROR, "rate-limiting redis counters unreachable (" + server + "): " + cause);
        }
    }
}
