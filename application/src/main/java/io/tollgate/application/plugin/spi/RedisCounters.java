package io.tollgate.application.plugin.spi;

import java.util.concurrent.CompletionStage;

/**
 * Rate-limiting counters in Redis servers (the store of Kong's rate-limiting {@code redis} policy), one shared
 * connection per distinct {@link RedisConfig}, opened at its first use. Counters are named by
 * {@link CounterKey#kongKey()} and expire at their window's end. Thread-safe.
 */
public interface RedisCounters {

    /**
     * Counts one request against every window atomically in the server (Kong's {@code sync_rate = -1}): when every
     * counter is below its limit, adds 1 to each; otherwise changes none. Concurrent calls from any number of nodes
     * thus admit exactly the limit. Never blocks: the stage completes when the server answered, on a thread that may
     * run the rest of the request (never the client's I/O thread).
     *
     * @param redis the server
     * @param keys one counter per configured window
     * @param limits the limit of each window, in the order of {@code keys}
     * @return a stage of the requests each counter held before this one; it fails when the server cannot be reached,
     *     refuses the credentials, or does not answer within {@link RedisConfig#timeoutMillis()}
     */
    CompletionStage<long[]> acquire(RedisConfig redis, CounterKey[] keys, double[] limits);

    /**
     * The counters of {@code redis} as a batch store (Kong's {@code sync_rate >= 0}: the node syncs its increments
     * every {@code sync_rate} seconds). Blocking, bounded by {@link RedisConfig#timeoutMillis()}: use it off the
     * request path. The same store for equal configs.
     */
    RateLimitCounters batched(RedisConfig redis);
}
