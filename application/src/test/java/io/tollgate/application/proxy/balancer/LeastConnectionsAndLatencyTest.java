package io.tollgate.application.proxy.balancer;

import static io.tollgate.application.proxy.balancer.Fixtures.balancer;
import static io.tollgate.application.proxy.balancer.Fixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.in.UpstreamPeers;
import io.tollgate.application.port.in.UpstreamPeers.Peer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeastConnectionsAndLatencyTest {

    private final Fixtures.Health health = new Fixtures.Health();

    private record Try(UpstreamPeers peers, Peer peer) {}

    private static Try open(UpstreamBalancer b) {
        UpstreamPeers peers = b.peers("http", null);
        return new Try(peers, peers.next());
    }

    @Test
    void least_connections_sends_to_the_target_with_fewest_tries_in_flight_per_weight() {
        UpstreamBalancer b = balancer(upstream(Map.of("algorithm", "least-connections")), health, 300, 100);
        Map<String, Integer> inFlight = new HashMap<>();
        List<Try> open = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Try t = open(b);
            open.add(t);
            inFlight.merge(t.peer().host(), 1, Integer::sum);
        }
        assertThat(inFlight).containsEntry("10.0.0.1", 6).containsEntry("10.0.0.2", 2);

        // finishing the weight-100 target's tries makes it the least loaded again
        open.stream()
                .filter(t -> t.peer().host().equals("10.0.0.2"))
                .forEach(t -> t.peers().report(t.peer(), PeerOutcome.response(200, 5)));
        assertThat(open(b).peer().host()).isEqualTo("10.0.0.2");
        assertThat(open(b).peer().host()).isEqualTo("10.0.0.2");
        assertThat(open(b).peer().host()).isEqualTo("10.0.0.1");
    }

    @Test
    void least_connections_reports_each_try_once() {
        UpstreamBalancer b = balancer(upstream(Map.of("algorithm", "least-connections")), health, 100, 100);
        Try t = open(b);
        t.peers().report(t.peer(), PeerOutcome.tcpError(1));
        t.peers().report(t.peer(), PeerOutcome.tcpError(1)); // a duplicate report must not go negative
        BalancerTarget target = b.targets().stream()
                .filter(x -> x.address.equals(t.peer().address()))
                .findFirst()
                .orElseThrow();
        assertThat(target.stats.active.get()).isZero();
        assertThat(health.reports).containsExactly(t.peer().address() + " TCP_ERROR");
    }

    @Test
    void equal_idle_targets_share_the_load() {
        UpstreamBalancer b = balancer(upstream(Map.of("algorithm", "least-connections")), health, 100, 100, 100);
        Map<String, Integer> hits = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            Try t = open(b);
            hits.merge(t.peer().host(), 1, Integer::sum);
            t.peers().report(t.peer(), PeerOutcome.response(200, 1));
        }
        assertThat(hits.values()).containsOnly(100);
    }

    @Test
    void latency_prefers_the_faster_target() {
        UpstreamBalancer b = balancer(upstream(Map.of("algorithm", "latency")), health, 100, 100, 100);
        Map<String, Integer> hits = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            Try t = open(b);
            hits.merge(t.peer().host(), 1, Integer::sum);
            long latency = t.peer().host().equals("10.0.0.1") ? 2 : 50;
            t.peers().report(t.peer(), PeerOutcome.response(200, latency));
        }
        assertThat(hits.get("10.0.0.1")).isGreaterThan(1_500);
    }
}
