package io.tollgate.application.traffic;

import java.util.concurrent.atomic.LongAdder;

/**
 * The cumulative counters of one series (a node's whole traffic, or its traffic to one service): requests, errors
 * (status >= 500) and the latency histogram. Lock-free; nothing is allocated per request. Intervals are read as the
 * difference of two {@link #snapshot()}s, so recording never waits for a roll-over.
 */
final class TrafficCounters {

    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LatencyHistogram latencies = new LatencyHistogram();

    void record(int status, long latencyMs) {
        requests.increment();
        if (status >= 500) {
            errors.increment();
        }
        latencies.record(latencyMs);
    }

    Snapshot snapshot() {
        // the histogram first: a request recorded meanwhile is at most counted in the histogram of the next interval
        long[] buckets = latencies.counts();
        return new Snapshot(requests.sum(), errors.sum(), buckets);
    }

    /** Cumulative values at one moment. */
    record Snapshot(long requests, long errors, long[] buckets) {
        static final Snapshot ZERO = new Snapshot(0, 0, new long[LatencyHistogram.BOUNDS.length + 1]);

        /** What happened between {@code earlier} and this snapshot. */
        Snapshot minus(Snapshot earlier) {
            long[] delta = new long[buckets.length];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = Math.max(0, buckets[i] - earlier.buckets[i]);
            }
            return new Snapshot(Math.max(0, requests - earlier.requests), Math.max(0, errors - earlier.errors), delta);
        }
    }
}
