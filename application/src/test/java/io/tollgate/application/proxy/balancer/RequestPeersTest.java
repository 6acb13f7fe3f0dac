package io.tollgate.application.proxy.balancer;

import static io.tollgate.application.proxy.balancer.Fixtures.balancer;
import static io.tollgate.application.proxy.balancer.Fixtures.row;
import static io.tollgate.application.proxy.balancer.Fixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.in.UpstreamPeers;
import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.tollgate.domain.upstream.Upstream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestPeersTest {

    private final Fixtures.Health health = new Fixtures.Health();

    @Test
    void retries_go_to_targets_not_tried_yet_then_around_again() {
        UpstreamBalancer b = balancer(upstream(Map.of()), health, 1, 1, 1);
        UpstreamPeers peers = b.peers("http", null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Peer p = peers.next();
            assertThat(seen.add(p.address()))
                    .as("try %d went to a new target", i)
                    .isTrue();
            peers.report(p, PeerOutcome.tcpError(1));
        }
        assertThat(peers.next()).isNotNull();
    }

    @Test
    void consistent_hashing_retries_leave_the_failed_owner() {
        UpstreamBalancer b = balancer(upstream(Map.of("hash_on", "ip")), health, 1, 1);
        UpstreamPeers peers = b.peers("http", "10.1.1.1");
        Peer first = peers.next();
        peers.report(first, PeerOutcome.timeout(1000));
        assertThat(peers.next()).isNotEqualTo(first);
    }

    @Test
    void below_the_health_threshold_there_is_no_peer() {
        Upstream up = upstream(Map.of("healthchecks", Map.of("threshold", 50)));
        UpstreamBalancer b = balancer(up, health, 30, 70);
        assertThat(b.peers("http", null).next()).isNotNull();
        health.down.add("10.0.0.2:80");
        assertThat(b.peers("http", null).next()).isNull();
    }

    @Test
    void the_host_header_is_the_target_or_host_header_with_a_non_default_port() {
        Upstream plain = upstream(Map.of());
        Balancers balancers =
                Balancers.compile(List.of(plain), List.of(row(plain, "a.example", 80, 10, 1)), health, Balancers.EMPTY);
        assertThat(balancers.find("UP").orElseThrow().peers("http", null).next().hostHeader())
                .isEqualTo("a.example");
        assertThat(balancers
                        .find("up")
                        .orElseThrow()
                        .peers("https", null)
                        .next()
                        .hostHeader())
                .isEqualTo("a.example:80");
        Upstream named = upstream(Map.of("name", "named", "host_header", "api.example"));
        Balancers withHeader = Balancers.compile(
                List.of(named), List.of(row(named, "10.0.0.9", 8080, 10, 1)), health, Balancers.EMPTY);
        assertThat(withHeader
                        .find("named")
                        .orElseThrow()
                        .peers("http", null)
                        .next()
                        .hostHeader())
                .isEqualTo("api.example:8080");
    }

    @Test
    void the_latest_row_of_a_target_wins_and_weight_zero_disables_it() {
        Upstream up = upstream(Map.of());
        Balancers balancers = Balancers.compile(
                List.of(up),
                List.of(
                        row(up, "10.0.0.1", 80, 100, 1), row(up, "10.0.0.1", 80, 0, 2),
                        row(up, "10.0.0.2", 80, 0, 1), row(up, "10.0.0.2", 80, 5, 3)),
                health,
                Balancers.EMPTY);
        UpstreamBalancer b = balancers.find("up").orElseThrow();
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.peers("http", null).next().address()).isEqualTo("10.0.0.2:80");
    }

    @Test
    void a_rebuild_keeps_the_live_counters_of_targets_that_stay() {
        Upstream up = upstream(Map.of("algorithm", "least-connections"));
        List<Balancers.TargetRow> rows = List.of(row(up, "10.0.0.1", 80, 100, 1));
        Balancers before = Balancers.compile(List.of(up), rows, health, Balancers.EMPTY);
        before.find("up").orElseThrow().peers("http", null).next(); // one try in flight
        Balancers after = Balancers.compile(List.of(up), rows, health, before);
        assertThat(after.find("up").orElseThrow().targets().get(0).stats.active.get())
                .isEqualTo(1);
    }
}
