package io.tollgate.application.proxy.balancer;

import static io.tollgate.application.proxy.balancer.Fixtures.failingTries;
import static io.tollgate.application.proxy.balancer.Fixtures.heldTries;
import static io.tollgate.application.proxy.balancer.Fixtures.insertsProvidedHosts;
import static io.tollgate.application.proxy.balancer.Fixtures.kongBalancer;
import static io.tollgate.application.proxy.balancer.Fixtures.target;
import static io.tollgate.application.proxy.balancer.Fixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.in.UpstreamPeers;
import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.tollgate.domain.upstream.Upstream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Port of Kong's {@code spec/01-unit/09-balancer/06-latency_spec.lua} (3.x's {@code latency} algorithm; the older
 * {@code 06-ewma_spec.lua} is its predecessor) against {@link LatencyPicker} through {@link RequestPeers}.
 *
 * <p>Kong's SRV records become IP targets with the records' weights (Tollgate's balancer never resolves names). Kong
 * feeds latencies by setting {@code upstream_connect_time} and {@code upstream_response_time} and calling
 * {@code afterBalance}; here a try is reported with their sum in milliseconds, or a target's statistics are fed
 * directly with that sample. Kong's sleeps are not waited out: a sample is recorded at a past instant instead (the
 * EWMA decays over 10 s from the sample's instant).
 *
 * <p>Cases: 8. Ported: 8. Already covered elsewhere: 0. No counterpart: 0. Differing: 0 (after the fix of
 * {@code retries_after_all_addresses_failed_retry_end}: a request that has tried every target gets no further peer,
 * where Tollgate used to send its retries to the targets again).
 */
class KongLatencyBalancerSpecTest {

    private static final long SECOND = 1_000_000_000L;

    private final Fixtures.Health health = new Fixtures.Health();
    private final Upstream upstream = upstream(Map.of("algorithm", "latency"));

    /** Feeds one latency sample (connect + response time, ms) to the target at {@code ip}:80, taken at {@code at}. */
    private static void feed(UpstreamBalancer b, String ip, long latencyMs, long at) {
        BalancerTarget t = target(b, ip + ":80");
        t.stats.record(PeerOutcome.response(200, latencyMs), at);
        t.stats.record(PeerOutcome.response(200, latencyMs), at + 10_000_000L);
    }

    /** Kong: new() "inserts provided hosts". */
    @Test
    void inserts_provided_hosts() {
        assertThat(insertsProvidedHosts(upstream, health))
                .containsExactly("konghq.com:8000/100", "github.com:8000/100", "getkong.org:80/25");
    }

    /** Kong: getPeer() "select low latency target". */
    @Test
    void select_low_latency_target() {
        UpstreamBalancer b = kongBalancer(upstream, health, 20, 20);
        long now = System.nanoTime();
        feed(b, "20.20.20.20", 200, now);
        feed(b, "50.50.50.50", 400, now);
        assertThat(heldTries(b, 70)).isEqualTo(Map.of("20.20.20.20", 70));
    }

    /** Kong: getPeer() "first returns one, after update latency return another one". */
    @Test
    void first_returns_one_after_update_latency_return_another_one() {
        UpstreamBalancer b = kongBalancer(upstream, health, 20, 20);
        Map<String, Integer> counts = new TreeMap<>();
        for (long latencyMs : new long[] {20_000, 40_000}) {
            UpstreamPeers peers = b.peers("http", null);
            Peer peer = peers.next();
            peers.report(peer, PeerOutcome.response(200, latencyMs));
            counts.merge(peer.host(), 1, Integer::sum);
        }
        assertThat(counts).isEqualTo(Map.of("20.20.20.20", 1, "50.50.50.50", 1));
    }

    /** Kong: getPeer() "doesn't use unavailable addresses". */
    @Test
    void doesnt_use_unavailable_addresses() {
        UpstreamBalancer b = kongBalancer(upstream, health, 20, 20);
        health.down.add("50.50.50.50:80");
        assertThat(heldTries(b, 70)).isEqualTo(Map.of("20.20.20.20", 70));
    }

    /** Kong: getPeer() "long time update ewma address score, ewma will use the most accurate value". */
    @Test
    void long_time_update_ewma_address_score_ewma_will_use_the_most_accurate_value() {
        UpstreamBalancer b = kongBalancer(upstream, health, 20, 20);
        long tenSecondsAgo = System.nanoTime() - 10 * SECOND;
        feed(b, "20.20.20.20", 200, tenSecondsAgo);
        feed(b, "50.50.50.50", 400, tenSecondsAgo);
        Map<String, Integer> counts = new TreeMap<>(heldTries(b, 70));
        assertThat(counts).isEqualTo(Map.of("20.20.20.20", 70));

        long now = System.nanoTime();
        feed(b, "20.20.20.20", 400, now);
        feed(b, "50.50.50.50", 200, now);
        heldTries(b, 70).forEach((host, n) -> counts.merge(host, n, Integer::sum));
        assertThat(counts).isEqualTo(Map.of("20.20.20.20", 70, "50.50.50.50", 70));
    }

    /** Kong: getPeer() "uses reenabled (available) addresses again". */
    @Test
    void uses_reenabled_available_addresses_again() {
        UpstreamBalancer b = kongBalancer(upstream, health, 20, 20);
        health.down.add("20.20.20.20:80");
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 70; i++) {
            UpstreamPeers peers = b.peers("http", null);
            Peer peer = peers.next();
            peers.report(peer, PeerOutcome.response(200, 400));
            counts.merge(peer.host(), 1, Integer::sum);
        }
        assertThat(counts).isEqualTo(Map.of("50.50.50.50", 70));

        health.down.clear();
        long now = System.nanoTime();
        feed(b, "20.20.20.20", 200, now);
        feed(b, "50.50.50.50", 400, now);
        heldTries(b, 1).forEach((host, n) -> counts.merge(host, n, Integer::sum));
        assertThat(counts).isEqualTo(Map.of("20.20.20.20", 1, "50.50.50.50", 70));

        feed(b, "20.20.20.20", 4_000, System.nanoTime());
        feed(b, "50.50.50.50", 200, System.nanoTime());
        heldTries(b, 70).forEach((host, n) -> counts.merge(host, n, Integer::sum));
        assertThat(counts).isEqualTo(Map.of("20.20.20.20", 1, "50.50.50.50", 140));
    }

    /** Kong: retrying getPeer() "does not return already failed addresses". */
    @Test
    void does_not_return_already_failed_addresses() {
        assertThat(failingTries(kongBalancer(upstream, health, 20, 50, 70), 3))
                .isEqualTo(Map.of("20.20.20.20", 1, "50.50.50.50", 1, "70.70.70.70", 1));
    }

    /** Kong: retrying getPeer() "retries, after all addresses failed, retry end". */
    @Test
    void retries_after_all_addresses_failed_retry_end() {
        UpstreamBalancer b = kongBalancer(upstream, health, 20, 50, 70);
        assertThat(failingTries(b, 4)).isEqualTo(Map.of("20.20.20.20", 1, "50.50.50.50", 1, "70.70.70.70", 1));

        UpstreamPeers peers = b.peers("http", null);
        for (int i = 0; i < 3; i++) {
            peers.report(peers.next(), PeerOutcome.tcpError(1));
        }
        assertThat(peers.next()).as("the fourth try").isNull();
    }
}
