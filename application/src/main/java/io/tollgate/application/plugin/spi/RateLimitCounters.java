package io.tollgate.application.plugin.spi;

import java.util.Map;
import java.util.Set;

/**
 * Counters shared by every node of a cluster (the store behind Kong's rate-limiting {@code cluster} policy: the
 * {@code ratelimiting_metrics} table). Blocking: call it from a background thread, never from a request's phase.
 * Thread-safe.
 */
public interface RateLimitCounters {

    /**
     * Adds each increment to its counter (Kong's upsert {@code value = value + n}, one statement for the batch) and
     * reads the current value of every counter incremented or named in {@code reads}.
     *
     * @param increments counters and how many requests to add to each (positive)
     * @param reads counters to read without changing them
     * @return the value of every counter of {@code increments} and {@code reads}; 0 for one that does not exist
     * @throws RuntimeException when the store cannot be reached (nothing was added then)
     */
    Map<CounterKey, Long> addAndRead(Map<CounterKey, Long> increments, Set<CounterKey> reads);

    /**
     * Deletes the counters whose window has ended.
     *
     * @param now epoch milliseconds
     * @return how many were deleted
     * @throws RuntimeException when the store cannot be reached
     */
    int deleteEnded(long now);
}
