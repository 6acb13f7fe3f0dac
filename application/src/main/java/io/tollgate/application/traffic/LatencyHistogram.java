package io.tollgate.application.traffic;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-bucket histogram of latencies in milliseconds, cumulative since it was made: {@link #record} is lock-free
 * and allocates nothing (a binary search over {@link #BOUNDS} and one atomic increment), and percentiles are read from
 * the difference of two {@link #counts() snapshots}.
 *
 * <p>Bucket {@code i} holds latencies in {@code (BOUNDS[i-1], BOUNDS[i]]} (bucket 0: {@code [0, BOUNDS[0]]}); a last
 * bucket holds everything above the last bound. Percentiles interpolate linearly within their bucket, so their
 * error is at most the bucket's width (under 50% of the value above 10 ms).
 */
final class LatencyHistogram {

    /** Upper bounds of the buckets, in ms (inclusive). */
    static final long[] BOUNDS = {
        0, 1, 2, 3, 4, 5, 7, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000,
        3000, 5000, 7500, 10_000, 15_000, 30_000, 60_000, 120_000
    };

    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS.length + 1);

    /** Counts one latency in ms (negative counts as 0). */
    void record(long latencyMs) {
        counts.incrementAndGet(bucket(latencyMs));
    }

    /** The bucket a latency falls in. */
    static int bucket(long latencyMs) {
        int at = Arrays.binarySearch(BOUNDS, Math.max(0, latencyMs));
        return at >= 0 ? at : -at - 1;
    }

    /** A copy of the cumulative counts, one per bucket (the last: above the last bound). */
    long[] counts() {
        long[] copy = new long[counts.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
        }
        return copy;
    }

    /**
     * The {@code quantile} (0 to 1) of the latencies counted in {@code counts} (per bucket, e.g. the difference of two
     * snapshots), in ms, interpolated linearly in its bucket; the last bucket answers its lower bound. 0 when empty.
     */
    static double percentile(long[] counts, double quantile) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        double rank = quantile * total;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            long c = counts[i];
            if (c > 0 && seen + c >= rank) {
                if (i == BOUNDS.length) {
                    return BOUNDS[BOUNDS.length - 1];
                }
                double lower = i == 0 ? 0 : BOUNDS[i - 1];
                double within = Math.max(0, rank - seen) / c;
                return lower + (BOUNDS[i] - lower) * within;
            }
            seen += c;
        }
        return BOUNDS[BOUNDS.length - 1];
    }
}
