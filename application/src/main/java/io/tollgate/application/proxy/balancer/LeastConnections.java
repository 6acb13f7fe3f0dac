package io.tollgate.application.proxy.balancer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code least-connections}: the usable target with the lowest {@code (active + 1) / weight}, where
 * {@code active} counts this node's tries in flight to it (incremented when picked, decremented when the try's
 * outcome is reported). Ties go round the targets from a rotating start, so equal targets share the load. Compares
 * by cross-multiplication (no division). Exact over all targets up to {@value #EXACT_LIMIT} targets; above that it
 * compares {@value #SAMPLE} targets from a rotating start, keeping each pick O(1).
 */
final class LeastConnections implements Picker {

    static final int EXACT_LIMIT = 64;
    static final int SAMPLE = 16;

    private final List<BalancerTarget> targets;
    private final AtomicLong rotation = new AtomicLong();

    LeastConnections(List<BalancerTarget> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public int pick(@Nullable String hashKey, IntPredicate usable) {
        int n = targets.size();
        if (n == 0) {
            return -1;
        }
        int start = (int) Math.floorMod(rotation.getAndIncrement(), (long) n);
        int best = scan(start, n <= EXACT_LIMIT ? n : SAMPLE, usable);
        return best >= 0 || n <= EXACT_LIMIT ? best : scan(start, n, usable);
    }

    private int scan(int start, int count, IntPredicate usable) {
        int n = targets.size();
        int best = -1;
        long bestLoad = 0;
        long bestWeight = 1;
        for (int k = 0; k < count; k++) {
            int i = (start + k) % n;
            if (!usable.test(i)) {
                continue;
            }
            BalancerTarget t = targets.get(i);
            long load = t.stats.active.get() + 1L;
            if (best < 0 || load * bestWeight < bestLoad * t.weight) {
                best = i;
                bestLoad = load;
                bestWeight = t.weight;
            }
        }
        return best;
    }
}
