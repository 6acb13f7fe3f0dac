package io.tollgate.application.proxy.balancer;

import static io.tollgate.application.proxy.balancer.Fixtures.compile;
import static io.tollgate.application.proxy.balancer.Fixtures.failingTries;
import static io.tollgate.application.proxy.balancer.Fixtures.heldTries;
import static io.tollgate.application.proxy.balancer.Fixtures.insertsProvidedHosts;
import static io.tollgate.application.proxy.balancer.Fixtures.kongBalancer;
import static io.tollgate.application.proxy.balancer.Fixtures.row;
import static io.tollgate.application.proxy.balancer.Fixtures.target;
import static io.tollgate.application.proxy.balancer.Fixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.in.UpstreamPeers;
import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.tollgate.domain.upstream.Upstream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Port of Kong's {@code spec/01-unit/09-balancer/02-least_connections_spec.lua} against the {@code least-connections}
 * balancer ({@link LeastConnections} through {@link RequestPeers}).
 *
 * <p>Kong's cases resolve {@code konghq.com} through its DNS mock into SRV records (one address per record, each with
 * its own weight). Tollgate's balancer balances over targets and never resolves (a name is resolved per try by the
 * proxy adapter), so each SRV record here is an IP target with the record's weight. Kong's "handles" are tries in
 * flight: a retry reports the failed try first, as the proxy adapter does.
 *
 * <p>Cases: 10. Ported: 10. Already covered elsewhere: 0. No counterpart: 0. Differing: 0 (after the fix of
 * {@code retries_after_all_adresses_failed_restarts_with_previously_failed_ones}: a request that has tried every
 * target starts a new round of untried targets, where Tollgate used to send every further retry to the least loaded
 * target).
 */
class KongLeastConnectionsBalancerSpecTest {

    private final Fixtures.Health health = new Fixtures.Health();
    private final Upstream upstream = upstream(Map.of("algorithm", "least-connections"));

    private UpstreamBalancer balancer(int... weights) {
        return kongBalancer(upstream, health, weights);
    }

    /** Kong: new() "inserts provided hosts". */
    @Test
    void inserts_provided_hosts() {
        assertThat(insertsProvidedHosts(upstream, health))
                .containsExactly("konghq.com:8000/100", "github.com:8000/100", "getkong.org:80/25");
    }

    /** Kong: getPeer() "honours weights". */
    @Test
    void honours_weights() {
        assertThat(heldTries(balancer(20, 50), 70)).isEqualTo(Map.of("20.20.20.20", 20, "50.50.50.50", 50));
    }

    /** Kong: getPeer() "first returns top weights, on a 0-connection balancer". */
    @Test
    void first_returns_top_weights_on_a_0_connection_balancer() {
        UpstreamBalancer b = balancer(20, 50);
        assertThat(List.of(first(b).host(), first(b).host(), first(b).host()))
                .containsExactly("50.50.50.50", "50.50.50.50", "20.20.20.20");
    }

    /** Kong: getPeer() "doesn't use unavailable addresses". */
    @Test
    void doesnt_use_unavailable_addresses() {
        UpstreamBalancer b = balancer(20, 50);
        health.down.add("50.50.50.50:80");
        assertThat(heldTries(b, 70)).isEqualTo(Map.of("20.20.20.20", 70));
    }

    /** Kong: getPeer() "uses reenabled (available) addresses again". */
    @Test
    void uses_reenabled_available_addresses_again() {
        UpstreamBalancer b = balancer(20, 50);
        health.down.add("20.20.20.20:80");
        Map<String, Integer> counts = new TreeMap<>(heldTries(b, 70));
        assertThat(counts).isEqualTo(Map.of("50.50.50.50", 70));

        health.down.clear();
        heldTries(b, 70).forEach((host, n) -> counts.merge(host, n, Integer::sum));
        assertThat(counts).isEqualTo(Map.of("20.20.20.20", 40, "50.50.50.50", 100));
    }

    /** Kong: retrying getPeer() "does not return already failed addresses". */
    @Test
    void does_not_return_already_failed_addresses() {
        assertThat(failingTries(balancer(20, 50, 70), 3))
                .isEqualTo(Map.of("20.20.20.20", 1, "50.50.50.50", 1, "70.70.70.70", 1));
    }

    /** Kong: retrying getPeer() "retries, after all adresses failed, restarts with previously failed ones". */
    @Test
    void retries_after_all_adresses_failed_restarts_with_previously_failed_ones() {
        assertThat(failingTries(balancer(20, 50, 70), 6))
                .isEqualTo(Map.of("20.20.20.20", 2, "50.50.50.50", 2, "70.70.70.70", 2));
    }

    /** Kong: retrying getPeer() "releases the previous connection". */
    @Test
    void releases_the_previous_connection() {
        UpstreamBalancer b = balancer(20, 50);
        UpstreamPeers peers = b.peers("http", null);
        Peer peer = peers.next();
        for (int i = 1; i < 70; i++) {
            peers.report(peer, PeerOutcome.tcpError(1));
            peer = peers.next();
        }
        assertThat(b.targets().stream().mapToInt(t -> t.stats.active.get()).sum())
                .isEqualTo(1);
    }

    /** Kong: release() "releases a connection". */
    @Test
    void releases_a_connection() {
        UpstreamBalancer b = balancer(20);
        UpstreamPeers peers = b.peers("http", null);
        Peer peer = peers.next();
        assertThat(peer.host()).isEqualTo("20.20.20.20");
        assertThat(target(b, "20.20.20.20:80").stats.active.get()).isEqualTo(1);

        peers.report(peer, PeerOutcome.response(200, 1));
        assertThat(target(b, "20.20.20.20:80").stats.active.get()).isZero();
    }

    /** Kong: release() "releases connection of already disabled/removed address". */
    @Test
    void releases_connection_of_already_disabled_removed_address() {
        UpstreamBalancer b = balancer(20);
        UpstreamPeers peers = b.peers("http", null);
        Peer peer = peers.next();
        BalancerTarget removed = target(b, "20.20.20.20:80");
        assertThat(removed.stats.active.get()).isEqualTo(1);

        // the target is removed (its latest row has weight 0): the rebuilt balancer has no target left
        UpstreamBalancer rebuilt = compile(
                upstream,
                health,
                List.of(row(upstream, "20.20.20.20", 80, 20, 1), row(upstream, "20.20.20.20", 80, 0, 2)));
        assertThat(rebuilt.size()).isZero();

        peers.report(peer, PeerOutcome.response(200, 1));
        assertThat(removed.stats.active.get()).isZero();
    }

    private static Peer first(UpstreamBalancer b) {
        return b.peers("http", null).next();
    }
}
