package io.tollgate.application.proxy.balancer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code consistent-hashing}: a Ketama-style continuum ("ring") of points, each target owning a number of
 * points that depends only on its own weight and the upstream's {@code slots} ({@code weight * slots / 6250}, at
 * least one: 160 points for the default weight 100 and 10000 slots), placed by a CRC-32-based hash of {@code "<host:port> <n>"}.
 * A request's hash key (same hash) picks the first point at or after it, clockwise: O(log points). Because a target's
 * points do not depend on the others, adding or removing a target only moves the keys of the points it gains or
 * loses. Rings that would exceed {@value #MAX_POINTS} points are scaled down (less stable under changes). An unusable owner (unhealthy, already tried) passes the request to
 * the next point's owner, so keys of a failed target spread over the others. A request without a key gets a
 * rotating position.
 */
final class HashRing implements Picker {

    static final int MAX_POINTS = 1 << 20;

    private final int[] points;
    private final int[] owners;
    private final int targetCount;
    private final AtomicLong counter = new AtomicLong();

    HashRing(List<BalancerTarget> targets, int slots) {
        this.targetCount = targets.size();
        long totalWeight = targets.stream().mapToLong(t -> t.weight).sum();
        double perWeight = Math.min(slots / 6250.0, (double) MAX_POINTS / Math.max(totalWeight, 1));
        int size = 0;
        int[] shares = new int[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            shares[i] = (int) Math.max(1, Math.round(perWeight * targets.get(i).weight));
            size += shares[i];
        }
        long[] entries = new long[size];
        int at = 0;
        for (int i = 0; i < targets.size(); i++) {
            for (int n = 0; n < shares[i]; n++) {
                long point = signed(crc(targets.get(i).address + " " + n));
                entries[at++] = (point << 32) | i; // sorts by point, then by target index for equal points
            }
        }
        Arrays.sort(entries);
        points = new int[size];
        owners = new int[size];
        for (int i = 0; i < size; i++) {
            points[i] = (int) (entries[i] >> 32);
            owners[i] = (int) (entries[i] & 0xffffffffL);
        }
    }

    @Override
    public int pick(@Nullable String hashKey, IntPredicate usable) {
        if (points.length == 0) {
            return -1;
        }
        int start;
        if (hashKey == null) {
            start = (int) Math.floorMod(counter.getAndIncrement() * 7919, (long) points.length);
        } else {
            int found = Arrays.binarySearch(points, signed(crc(hashKey)));
            start = found >= 0 ? found : -found - 1;
            while (found >= 0 && start > 0 && points[start - 1] == points[start]) {
                start--; // equal hashes: the first of them, deterministically
            }
        }
        int seen = 0;
        boolean[] tried = null;
        for (int step = 0; step < points.length && seen < targetCount; step++) {
            int owner = owners[(start + step) % points.length];
            if (usable.test(owner)) {
                return owner;
            }
            if (tried == null) {
                tried = new boolean[targetCount];
            }
            if (!tried[owner]) {
                tried[owner] = true;
                seen++;
            }
        }
        return -1;
    }

    /**
     * The CRC-32 of a key's UTF-8 bytes, scrambled by MurmurHash3's 32-bit finalizer (CRC is linear: similar strings
     * such as {@code "host 1"}, {@code "host 2"} would otherwise cluster on the ring), as an unsigned value.
     */
    static long crc(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        int h = (int) crc.getValue();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & 0xffffffffL;
    }

    /** Maps an unsigned 32-bit hash onto a signed int preserving order. */
    private static int signed(long unsigned) {
        return (int) (unsigned ^ 0x80000000L);
    }
}
