package io.tollgate.application.proxy.balancer;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.in.UpstreamPeers;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link UpstreamPeers} of one request to an upstream: each try goes to a healthy target not tried yet by this
 * request (Kong's retries move on to other targets). Once every healthy target has been tried, a retry starts a new
 * round over them all (Kong's least-connections "restarts with previously failed ones"), except with {@code latency},
 * where it gets no peer (Kong's "No peers are available"; see {@link Picker#retriesTriedTargets()}). Counts tries in
 * flight per target for {@code least-connections} and feeds outcomes to the latency EWMA and
 * to {@link TargetHealth}. Used by one request at a time; never blocks.
 */
final class RequestPeers implements UpstreamPeers {

    private final UpstreamBalancer balancer;
    private final String scheme;
    private final @Nullable String hashKey;
    private final boolean[] tried;
    private final int[] inFlight;
    private boolean first = true;
    private boolean anyTried;
    private int last = -1;

    RequestPeers(UpstreamBalancer balancer, String scheme, @Nullable String hashKey) {
        this.balancer = balancer;
        this.scheme = scheme;
        this.hashKey = hashKey;
        this.tried = new boolean[balancer.size()];
        this.inFlight = new int[balancer.size()];
    }

    @Override
    public @Nullable Peer next() {
        if (first) {
            first = false;
            if (!balancer.aboveThreshold()) {
                return null;
            }
        }
        Picker picker = balancer.picker();
        int index = picker.pick(hashKey, i -> !tried[i] && balancer.healthy(i));
        if (index < 0 && anyTried && picker.retriesTriedTargets()) {
            Arrays.fill(tried, false); // every healthy target tried: a new round over them all
            index = picker.pick(hashKey, balancer::healthy);
        }
        if (index < 0) {
            return null;
        }
        tried[index] = true;
        anyTried = true;
        inFlight[index]++;
        last = index;
        BalancerTarget target = balancer.targets().get(index);
        target.stats.active.incrementAndGet();
        return target.peer(scheme);
    }

    @Override
    public void report(Peer peer, PeerOutcome outcome) {
        List<BalancerTarget> targets = balancer.targets();
        if (last >= 0 && inFlight[last] > 0 && targets.get(last).peer(scheme).equals(peer)) {
            settle(last, outcome); // the usual case: the latest try
            return;
        }
        for (int i = 0; i < targets.size(); i++) {
            if (inFlight[i] > 0 && targets.get(i).peer(scheme).equals(peer)) {
                settle(i, outcome);
                return;
            }
        }
    }

    private void settle(int index, PeerOutcome outcome) {
        BalancerTarget target = balancer.targets().get(index);
        inFlight[index]--;
        target.stats.active.decrementAndGet();
        target.stats.record(outcome, System.nanoTime());
        balancer.health().report(balancer.upstream().id(), target.address, outcome);
    }
}
