package io.tollgate.application.proxy.balancer;

import static io.tollgate.application.proxy.balancer.Fixtures.compile;
import static io.tollgate.application.proxy.balancer.Fixtures.finishedTries;
import static io.tollgate.application.proxy.balancer.Fixtures.row;
import static io.tollgate.application.proxy.balancer.Fixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.tollgate.domain.upstream.Upstream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Port of Kong's {@code spec/01-unit/09-balancer/04-round_robin_spec.lua} against the {@code round-robin} balancer
 * ({@link RoundRobin} through {@link RequestPeers}).
 *
 * <p>Kong's ring balancer resolves each target's name (DNS mock: A, AAAA and SRV records) into addresses and spreads
 * them over a wheel of {@code slots} entries. Tollgate's balancer balances over targets and never resolves: a name is
 * one peer that the proxy adapter resolves at each try (honouring the TTL), and the wheel is exact (each target
 * {@code weight / gcd} times). Kong's A records are therefore ported as IP targets with the target's weight, and
 * Kong's "indices per address" ({@code count_indices}) as picks per address over one whole cycle.
 *
 * <p>Cases: 40. Ported: 16. Already covered elsewhere: 0. No counterpart: 24: {@code addressIter}, "gets an IP
 * address, port number and hostname for named SRV entries", "SRV target with port=0 returns the default port",
 * "weight change SRV record, has no effect", "SRV record with 0 weight doesn't fail resolving" (SRV records); "accepts
 * a hostname that does not resolve", "accepts a hostname when dns server is unavailable", "weight change for
 * unresolved record, updates properly", "does not hit the resolver when 'cache_only' is set", the six "renewed DNS
 * …" cases but the one below, "ttl of 0 inserts only a single unresolved address", "recreate Kong issue #2131" (names
 * are resolved per try by the proxy adapter, so the balancer never sees addresses, failures or TTLs: an unresolvable
 * name keeps its weight and fails its tries); "valid target is accepted", "valid address accepted", "invalid target
 * returns an error" (no status-setting call on the balancer: health lives in {@link TargetHealth}); the three
 * "setting status triggers address-callback" cases (no address callbacks); "wheel updates are atomic" (a balancer is
 * an immutable snapshot, rebuilt and swapped whole). Differing: 0; "renewed DNS A record; unhealthy entries remain
 * unhealthy after renewal" is ported for its distribution only (the renewal has no counterpart).
 */
class KongRoundRobinBalancerSpecTest {

    private final Fixtures.Health health = new Fixtures.Health();
    private final Upstream upstream = upstream(Map.of());

    private UpstreamBalancer balancer(Balancers.TargetRow... rows) {
        return compile(upstream, health, List.of(rows));
    }

    private Balancers.TargetRow target(String host, int port, int weight, double createdAt) {
        return row(upstream, host, port, weight, createdAt);
    }

    /** The picks per {@code host:port} over one whole cycle of the wheel built from {@code rows}. */
    private Map<String, Integer> oneCycle(List<Balancers.TargetRow> rows) {
        UpstreamBalancer b = compile(upstream, health, rows);
        long gcd = b.targets().stream()
                .mapToLong(t -> t.weight)
                .reduce(
                        0,
                        (x, y) ->
                                BigInteger.valueOf(x).gcd(BigInteger.valueOf(y)).longValue());
        return finishedTries(b, (int) (totalWeight(b) / gcd));
    }

    private static long totalWeight(UpstreamBalancer b) {
        return b.targets().stream().mapToLong(t -> t.weight).sum();
    }

    /** Kong: create "succeeds with proper options". */
    @Test
    void succeeds_with_proper_options() {
        UpstreamBalancer b = balancer(target("mashape.test", 80, 100, 1));
        Peer peer = b.peers("http", null).next();
        assertThat(peer.address()).isEqualTo("mashape.test:80");
        assertThat(peer.hostHeader()).isEqualTo("mashape.test");
    }

    /** Kong: create "succeeds without 'hosts' option". */
    @Test
    void succeeds_without_hosts_option() {
        UpstreamBalancer b = balancer();
        assertThat(b.size()).isZero();
        assertThat(b.peers("http", null).next()).isNull();
    }

    /** Kong: create "succeeds with multiple hosts". */
    @Test
    void succeeds_with_multiple_hosts() {
        UpstreamBalancer b = balancer(
                target("mashape.test", 80, 100, 1), target("::1", 80, 100, 2), target("gelato.test", 8001, 100, 3));
        assertThat(finishedTries(b, 3)).containsOnlyKeys("mashape.test:80", "[::1]:80", "gelato.test:8001");
    }

    /** Kong: adding hosts "updates the weight when 'hostname:port' combo already exists". */
    @Test
    void updates_the_weight_when_hostname_port_combo_already_exists() {
        List<Balancers.TargetRow> rows = new ArrayList<>(List.of(target("mashape.test", 80, 10, 1)));
        assertThat(totalWeight(compile(upstream, health, rows))).isEqualTo(10);
        rows.add(target("mashape.test", 81, 20, 2)); // different port
        assertThat(totalWeight(compile(upstream, health, rows))).isEqualTo(30);
        rows.add(target("mashape.test", 80, 5, 3)); // reduce weight by 5
        assertThat(totalWeight(compile(upstream, health, rows))).isEqualTo(25);
    }

    /** Kong: setting status "SRV target with A record targets can be changed with a handle". */
    @Test
    void srv_target_with_a_record_targets_can_be_changed_with_a_handle() {
        UpstreamBalancer b = balancer(target("12.34.56.1", 8001, 5, 1), target("12.34.56.2", 8002, 5, 2));
        health.down.add(b.peers("http", null).next().address());
        health.down.add(b.peers("http", null).next().address());
        assertThat(health.down).hasSize(2);
        assertThat(b.peers("http", null).next()).isNull();
    }

    /** Kong: getting targets "gets an IP address and port number; round-robin". */
    @Test
    void gets_an_ip_address_and_port_number_round_robin() {
        UpstreamBalancer b = balancer(target("mashape.test", 123, 100, 1), target("getkong.test", 321, 50, 2));
        assertThat(finishedTries(b, 30)).isEqualTo(Map.of("mashape.test:123", 20, "getkong.test:321", 10));
    }

    /** Kong: getting targets "gets an IP address and port number; round-robin skips unhealthy addresses". */
    @Test
    void gets_an_ip_address_and_port_number_round_robin_skips_unhealthy_addresses() {
        UpstreamBalancer b = balancer(target("1.2.3.4", 123, 100, 1), target("5.6.7.8", 321, 50, 2));
        health.down.add("1.2.3.4:123");
        assertThat(finishedTries(b, 30)).isEqualTo(Map.of("5.6.7.8:321", 30));
    }

    /** Kong: wheel manipulation "equal weights and 'fitting' indices". */
    @Test
    void equal_weights_and_fitting_indices() {
        assertThat(oneCycle(List.of(target("1.2.3.4", 80, 100, 1), target("1.2.3.5", 80, 100, 2))))
                .isEqualTo(Map.of("1.2.3.4:80", 1, "1.2.3.5:80", 1));
    }

    /** Kong: wheel manipulation "DNS record order has no effect". */
    @Test
    void dns_record_order_has_no_effect() {
        List<Balancers.TargetRow> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add(target("1.2.3." + i, 80, 100, i));
        }
        Map<String, Integer> expected = oneCycle(rows);
        Collections.reverse(rows);
        assertThat(oneCycle(rows)).isEqualTo(expected);
        assertThat(expected)
                .hasSize(10)
                .allSatisfy((address, n) -> assertThat(n).isEqualTo(1));
    }

    /** Kong: wheel manipulation "changing hostname order has no effect". */
    @Test
    void changing_hostname_order_has_no_effect() {
        Map<String, Integer> expected =
                finishedTries(balancer(target("mashape.test", 80, 100, 1), target("getkong.test", 80, 100, 2)), 2);
        assertThat(finishedTries(balancer(target("getkong.test", 80, 100, 1), target("mashape.test", 80, 100, 2)), 2))
                .isEqualTo(expected)
                .isEqualTo(Map.of("mashape.test:80", 1, "getkong.test:80", 1));
    }

    /** Kong: wheel manipulation "adding a host (fitting indices)". */
    @Test
    void adding_a_host_fitting_indices() {
        List<Balancers.TargetRow> rows =
                new ArrayList<>(List.of(target("1.2.3.4", 80, 5, 1), target("1.2.3.5", 80, 5, 2)));
        rows.add(target("::1", 8080, 10, 3));
        assertThat(oneCycle(rows)).isEqualTo(Map.of("1.2.3.4:80", 1, "1.2.3.5:80", 1, "[::1]:8080", 2));
    }

    /** Kong: wheel manipulation "removing the last host". */
    @Test
    void removing_the_last_host() {
        List<Balancers.TargetRow> rows =
                new ArrayList<>(List.of(target("mashape.test", 80, 5, 1), target("::1", 8080, 10, 2)));
        assertThat(compile(upstream, health, rows).size()).isEqualTo(2);
        rows.add(target("::1", 8080, 0, 3));
        rows.add(target("mashape.test", 80, 0, 4));
        UpstreamBalancer b = compile(upstream, health, rows);
        assertThat(b.size()).isZero();
        assertThat(b.peers("http", null).next()).isNull();
    }

    /** Kong: wheel manipulation "weight change updates properly". */
    @Test
    void weight_change_updates_properly() {
        List<Balancers.TargetRow> rows = new ArrayList<>(
                List.of(target("1.2.3.4", 80, 10, 1), target("1.2.3.5", 80, 10, 2), target("::1", 80, 10, 3)));
        assertThat(oneCycle(rows)).isEqualTo(Map.of("1.2.3.4:80", 1, "1.2.3.5:80", 1, "[::1]:80", 1));

        rows.add(target("1.2.3.4", 80, 25, 4));
        rows.add(target("1.2.3.5", 80, 25, 5));
        assertThat(oneCycle(rows)).isEqualTo(Map.of("1.2.3.4:80", 5, "1.2.3.5:80", 5, "[::1]:80", 2));
    }

    /** Kong: wheel manipulation "weight change ttl=0 record, updates properly" (a name stays one unresolved peer). */
    @Test
    void weight_change_ttl_0_record_updates_properly() {
        List<Balancers.TargetRow> rows =
                new ArrayList<>(List.of(target("mashape.test", 80, 50, 1), target("9.9.9.9", 123, 50, 2)));
        assertThat(oneCycle(rows)).isEqualTo(Map.of("mashape.test:80", 1, "9.9.9.9:123", 1));

        rows.add(target("mashape.test", 80, 150, 3));
        assertThat(oneCycle(rows)).isEqualTo(Map.of("mashape.test:80", 3, "9.9.9.9:123", 1));
    }

    /** Kong: wheel manipulation "renewed DNS A record; unhealthy entries remain unhealthy after renewal". */
    @Test
    void renewed_dns_a_record_unhealthy_entries_remain_unhealthy_after_renewal() {
        UpstreamBalancer b =
                balancer(target("1.2.3.4", 80, 5, 1), target("1.2.3.5", 80, 5, 2), target("9.9.9.9", 123, 10, 3));
        health.down.add("1.2.3.4:80");
        Map<String, Integer> first = finishedTries(b, 15);
        assertThat(first).isEqualTo(Map.of("1.2.3.5:80", 5, "9.9.9.9:123", 10));
        assertThat(finishedTries(b, 15)).isEqualTo(first);
    }

    /** Kong: wheel manipulation "low weight with zero-indices assigned doesn't fail" (weights up to 65535). */
    @Test
    void low_weight_with_zero_indices_assigned_doesnt_fail() {
        UpstreamBalancer heavyFirst = balancer(target("1.2.3.4", 80, 65535, 1), target("9.9.9.9", 123, 1, 2));
        assertThat(finishedTries(heavyFirst, 65536)).isEqualTo(Map.of("1.2.3.4:80", 65535, "9.9.9.9:123", 1));
        UpstreamBalancer lightFirst = balancer(target("1.2.3.4", 80, 1, 1), target("9.9.9.9", 123, 65535, 2));
        assertThat(finishedTries(lightFirst, 65536)).isEqualTo(Map.of("1.2.3.4:80", 1, "9.9.9.9:123", 65535));
    }
}
