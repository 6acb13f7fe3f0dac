package io.tollgate.application.proxy.balancer;

import java.util.List;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * One balancing algorithm over an upstream's fixed list of {@link BalancerTarget}s. Implementations are immutable
 * apart from lock-free counters, and pick in O(1) or O(log n) in the common case (all targets usable); only when the
 * preferred target is unusable do they fall back to scanning the targets.
 */
interface Picker {

    /**
     * @param hashKey the request's consistent-hashing key (ignored by other algorithms), or {@code null}
     * @param usable whether a target index may be picked now (healthy and not tried yet by this request)
     * @return the picked target index, or -1 when no target is usable
     */
    int pick(@Nullable String hashKey, IntPredicate usable);

    /**
     * What a request's retry gets once it has tried every usable target: {@code true} (Kong's {@code round-robin},
     * {@code consistent-hashing} and {@code least-connections}) starts a new round over the targets already tried;
     * {@code false} (Kong's {@code latency}) gives no further peer.
     */
    default boolean retriesTriedTargets() {
        return true;
    }

    /** The picker of a Kong {@code algorithm} name ({@code round-robin} for unknown names). */
    static Picker of(String algorithm, List<BalancerTarget> targets, int slots) {
        return switch (algorithm) {
            case "consistent-hashing" -> new HashRing(targets, slots);
            case "least-connections" -> new LeastConnections(targets);
            case "latency" -> new LatencyPicker(targets);
            default -> new RoundRobin(targets);
        };
    }

    /**
     * A weighted pick among the usable targets, position {@code ticket} modulo their total weight (O(n)); the
     * fallback of every algorithm when its preferred target is unusable.
     */
    static int weightedAmongUsable(List<BalancerTarget> targets, IntPredicate usable, long ticket) {
        long total = 0;
        for (int i = 0; i < targets.size(); i++) {
            if (usable.test(i)) {
                total += targets.get(i).weight;
            }
        }
        if (total == 0) {
            return -1;
        }
        long position = Math.floorMod(ticket, total);
        for (int i = 0; i < targets.size(); i++) {
            if (usable.test(i)) {
                position -= targets.get(i).weight;
                if (position < 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
