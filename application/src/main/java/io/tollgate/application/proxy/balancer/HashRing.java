package io.tollgate.application.proxy.balancer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.zip.CRC32;

/**
 * Kong's {@code consistent-hashing}: a continuum ("ring") of about {@code slots} points, each target owning a share
 * of points proportional to its weight (at least one), placed by CRC-32 of {@code "<host:port> <n>"}. A request's
 * hash key (CRC-32) picks the first point at or after it, clockwise: O(log slots). Adding or removing a target only
 * moves the keys of the points it gains or loses. An unusable owner (unhealthy, already tried) passes the request to
 * the next point's owner, so keys of a failed target spread over the others. A request without a key gets a
 * rotating position.
 */
final class HashRing implements Picker {

    private final int[] points;
    private final int[] owners;
    private final int targetCount;
    private final AtomicLong counter = new AtomicLong();

    HashRing(List<BalancerTarget> targets, int slots) {
        this.targetCount = targets.size();
        long totalWeight = targets.stream().mapToLong(t -> t.weight).sum();
        int size = 0;
        int[] shares = new int[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            shares[i] = (int) Math.max(1, Math.round((double) slots * targets.get(i).weight / totalWeight));
            size += shares[i];
        }
        long[] entries = new long[size];
        int at = 0;
        for (int i = 0; i < targets.size(); i++) {
            for (int n = 0; n < shares[i]; n++) {
                long hash = crc(targets.get(i).address + " " + n);
                entries[at++] = (hash << 32) | i; // sort by hash, then by target index for equal hashes
            }
        }
        Arrays.sort(entries);
        points = new int[size];
        owners = new int[size];
        for (int i = 0; i < size; i++) {
            points[i] = signed(entries[i] >>> 32);
            owners[i] = (int) (entries[i] & 0xffffffffL);
        }
    }

    @Override
    public int pick(String hashKey, IntPredicate usable) {
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

    /** The CRC-32 of a key's UTF-8 bytes, as an unsigned value. */
    static long crc(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** Maps an unsigned 32-bit hash onto a signed int preserving order. */
    private static int signed(long unsigned) {
        return (int) (unsigned ^ 0x80000000L);
    }
}
