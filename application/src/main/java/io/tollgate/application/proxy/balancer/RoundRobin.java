package io.tollgate.application.proxy.balancer;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Kong's weighted {@code round-robin}: a precomputed wheel in which each target appears {@code weight / gcd} times,
 * interleaved by the smooth weighted round-robin order (a target of weight 7 among 1 and 2 is spread over the cycle,
 * not sent 7 requests in a row). A pick is one atomic increment and one array read; when that slot's target is
 * unusable, the pick walks on to the next usable slot as Kong's wheel does (see {@link #nextUsableSlot}). Wheels
 * that would exceed {@value #MAX_WHEEL} entries use a stride over the cumulative weights instead (O(log n), still
 * exact per cycle; an unusable target's pick goes to a weighted choice among the usable ones).
 */
final class RoundRobin implements Picker {

    static final int MAX_WHEEL = 1 << 16;

    private final List<BalancerTarget> targets;
    private final int[] wheel;
    private final long[] cumulative;
    private final long total;
    private final long stride;
    private final AtomicLong counter = new AtomicLong();

    RoundRobin(List<BalancerTarget> targets) {
        this.targets = List.copyOf(targets);
        int gcd = 0;
        for (BalancerTarget t : targets) {
            gcd = gcd(gcd, t.weight);
        }
        long sum = 0;
        cumulative = new long[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            sum += gcd == 0 ? 0 : targets.get(i).weight / gcd;
            cumulative[i] = sum;
        }
        this.total = sum;
        this.wheel = sum > 0 && sum <= MAX_WHEEL ? smoothWheel(targets, gcd, (int) sum) : new int[0];
        this.stride = coprimeStride(sum);
        // start each balancer at a random point so that nodes do not all hit the first target first
        counter.set(Math.floorMod(System.nanoTime(), Math.max(sum, 1)));
    }

    @Override
    public int pick(@Nullable String hashKey, IntPredicate usable) {
        if (total == 0) {
            return -1;
        }
        long ticket = counter.getAndIncrement();
        if (wheel.length > 0) {
            int index = wheel[(int) Math.floorMod(ticket, (long) wheel.length)];
            return usable.test(index) ? index : nextUsableSlot(ticket, usable);
        }
        long position = Math.floorMod(ticket * stride, total);
        int found = Arrays.binarySearch(cumulative, position + 1);
        int index = found >= 0 ? found : -found - 1;
        return usable.test(index) ? index : Picker.weightedAmongUsable(targets, usable, ticket);
    }

    /**
     * Kong's walk past unusable targets: the target of the next wheel slot after {@code ticket}'s whose target is
     * usable, consuming the slots skipped, so that consecutive picks go round the usable slots in the wheel's order
     * and the usable targets keep their exact weights over a cycle; -1 when no target is usable. O(targets +
     * wheel), no allocation, only when {@code ticket}'s target is unusable.
     */
    private int nextUsableSlot(long ticket, IntPredicate usable) {
        if (!anyUsable(usable)) {
            return -1; // all down: no walk over the whole wheel
        }
        int start = (int) Math.floorMod(ticket, (long) wheel.length);
        for (int skipped = 1; skipped < wheel.length; skipped++) {
            int index = wheel[(start + skipped) % wheel.length];
            if (usable.test(index)) {
                counter.addAndGet(skipped);
                return index;
            }
        }
        return -1; // not reached: every target has a slot
    }

    private boolean anyUsable(IntPredicate usable) {
        for (int i = 0; i < targets.size(); i++) {
            if (usable.test(i)) {
                return true;
            }
        }
        return false;
    }

    /** nginx's smooth weighted round-robin, run once over a whole cycle. */
    private static int[] smoothWheel(List<BalancerTarget> targets, int gcd, int size) {
        int n = targets.size();
        long[] current = new long[n];
        int[] wheel = new int[size];
        for (int slot = 0; slot < size; slot++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                current[i] += targets.get(i).weight / gcd;
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= size;
            wheel[slot] = best;
        }
        return wheel;
    }

    private static long coprimeStride(long total) {
        if (total <= 1) {
            return 1;
        }
        long stride = (long) (total * 0.6180339887) | 1;
        while (gcd(stride, total) != 1) {
            stride++;
        }
        return stride;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
