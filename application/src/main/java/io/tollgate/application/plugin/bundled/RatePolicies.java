package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.RateLimitCounters;
import io.tollgate.application.plugin.spi.RedisConfig;
import io.tollgate.application.plugin.spi.RedisCounters;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One node's counters for Kong's three rate-limiting policies, as rate-limiting and response-ratelimiting share them:
 * {@code local} ({@link LocalCounters}), {@code cluster} ({@link ClusterCounters} over the database, its sync
 * started by the first instance that asks) and {@code redis} ({@link RedisPolicy}).
 */
final class RatePolicies {

    private final LocalCounters local;
    private final @Nullable ClusterSync cluster;
    private final RedisPolicy redis;

    /**
     * @param clock epoch milliseconds
     * @param shared the database's counters for the {@code cluster} policy, or {@code null} (none: unavailable)
     * @param redis the node's Redis client for the {@code redis} policy, or {@code null} (none: unavailable)
     */
    RatePolicies(LongSupplier clock, @Nullable RateLimitCounters shared, @Nullable RedisCounters redis) {
        this.local = new LocalCounters(RateLimiting.LOCAL_CAPACITY, clock);
        this.cluster =
                shared == null ? null : new ClusterSync(new ClusterCounters(shared, clock), RateLimiting.SYNC_INTERVAL);
        this.redis = new RedisPolicy(redis, clock);
    }

    /** The {@code redis} policy, for its atomic per-request path. */
    RedisPolicy redis() {
        return redis;
    }

    /**
     * The in-memory view of {@code policy}'s counters.
     *
     * @param server the {@code redis} policy's server
     * @param syncMs how often the {@code redis} policy's batches are synced, in milliseconds
     * @throws RateCounters.Unavailable when the policy has no back-end on this node
     */
    RateCounters counters(RateLimitSettings.Policy policy, @Nullable RedisConfig server, long syncMs)
            throws RateCounters.Unavailable {
        return switch (policy) {
            case LOCAL -> local;
            case CLUSTER -> {
                if (cluster == null) {
                    throw new RateCounters.Unavailable("no database for the cluster policy");
                }
                yield cluster.started();
            }
            case REDIS -> redis.batched(server, syncMs);
        };
    }
}
