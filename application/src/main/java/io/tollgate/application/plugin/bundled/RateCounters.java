package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.CounterKey;

/**
 * Where a rate-limiting policy keeps its counters, as the request path sees them: in memory, lock-free, never
 * blocking (the {@code cluster} policy's database is reached by a background thread).
 */
sealed interface RateCounters permits LocalCounters, ClusterCounters {

    /**
     * Counts one request against every window: reads each counter and, when every one is below its limit, adds the
     * request to each (a request refused by one window is counted by none, as in Kong).
     *
     * @param keys one counter per configured window
     * @param limits the limit of each window, in the order of {@code keys}
     * @param now epoch milliseconds
     * @return the requests each counter held before this one
     * @throws Unavailable when the counters cannot be read (the {@code cluster} policy's database is down)
     */
    long[] acquire(CounterKey[] keys, double[] limits, long now) throws Unavailable;

    /**
     * Reads each counter without counting anything (Kong's {@code usage}, as response-ratelimiting's access phase
     * asks it).
     *
     * @param keys the counters
     * @param now epoch milliseconds
     * @return each counter's value (0 for one never counted)
     * @throws Unavailable when the counters cannot be read
     */
    long[] read(CounterKey[] keys, long now) throws Unavailable;

    /**
     * Adds {@code n} (which may be negative) to a counter (Kong's {@code increment}, as response-ratelimiting's log
     * phase asks it with the upstream's units).
     *
     * @param key the counter
     * @param n the units to add
     * @param now epoch milliseconds
     * @throws Unavailable when the counters cannot be reached (the units are then lost, as in Kong)
     */
    void add(CounterKey key, long n, long now) throws Unavailable;

    /** The policy's back-end cannot be reached; {@code fault_tolerant} decides what the request gets. */
    final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
