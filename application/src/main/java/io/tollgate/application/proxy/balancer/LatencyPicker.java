package io.tollgate.application.proxy.balancer;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code latency}: power of two choices over a peak-EWMA of each target's try latency (decaying over 10 s).
 * Two random usable targets are compared by {@code ewma_ms / weight} (Kong's score: tries in flight do not count, so
 * a much faster target takes all the traffic however busy it is); the cheaper one wins. A target never measured
 * costs 0, so new targets are tried first. O(1) per pick; a full scan only when random draws keep
 * hitting unusable targets.
 */
final class LatencyPicker implements Picker {

    private static final int DRAWS = 8;

    private final List<BalancerTarget> targets;

    LatencyPicker(List<BalancerTarget> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public int pick(@Nullable String hashKey, IntPredicate usable) {
        int n = targets.size();
        if (n == 0) {
            return -1;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long now = System.nanoTime();
        int first = -1;
        int second = -1;
        for (int draw = 0; draw < DRAWS && second < 0; draw++) {
            int i = random.nextInt(n);
            if (i != first && usable.test(i)) {
                if (first < 0) {
                    first = i;
                } else {
                    second = i;
                }
            }
        }
        if (first < 0) {
            return scanCheapest(usable, now);
        }
        if (second < 0) {
            return n == 1 ? first : scanCheapest(usable, now);
        }
        return cost(second, now) < cost(first, now) ? second : first;
    }

    /** Kong's {@code latency} ends a request's retries once it has tried every target ("No peers are available"). */
    @Override
    public boolean retriesTriedTargets() {
        return false;
    }

    private int scanCheapest(IntPredicate usable, long now) {
        int best = -1;
        double bestCost = 0;
        for (int i = 0; i < targets.size(); i++) {
            if (usable.test(i)) {
                double c = cost(i, now);
                if (best < 0 || c < bestCost) {
                    best = i;
                    bestCost = c;
                }
            }
        }
        return best;
    }

    double cost(int index, long now) {
        BalancerTarget t = targets.get(index);
        return t.stats.latencyMs(now) / t.weight;
    }
}
