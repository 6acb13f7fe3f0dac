package io.tollgate.application.proxy.balancer;

import static io.tollgate.application.proxy.balancer.Fixtures.balancer;
import static io.tollgate.application.proxy.balancer.Fixtures.pickOnce;
import static io.tollgate.application.proxy.balancer.Fixtures.row;
import static io.tollgate.application.proxy.balancer.Fixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.upstream.Upstream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashRingTest {

    private final Fixtures.Health health = new Fixtures.Health();
    private final Upstream upstream = upstream(Map.of("hash_on", "header", "hash_on_header", "x-user"));

    @Test
    void a_key_always_lands_on_the_same_target() {
        UpstreamBalancer b = balancer(upstream, health, 100, 100, 100);
        for (int user = 0; user < 50; user++) {
            String first = pickOnce(b, "user-" + user);
            for (int i = 0; i < 20; i++) {
                assertThat(pickOnce(b, "user-" + user)).isEqualTo(first);
            }
        }
    }

    @Test
    void keys_spread_by_weight() {
        UpstreamBalancer b = balancer(upstream, health, 100, 100, 200);
        Map<String, Integer> hits = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            hits.merge(pickOnce(b, "key-" + i), 1, Integer::sum);
        }
        assertThat(hits.get("10.0.0.3")).isBetween(9_000, 11_000);
        assertThat(hits.get("10.0.0.1")).isBetween(4_000, 6_000);
    }

    @Test
    void adding_a_target_only_moves_keys_to_the_new_target() {
        List<Balancers.TargetRow> rows = new ArrayList<>(List.of(
                row(upstream, "10.0.0.1", 80, 100, 1),
                row(upstream, "10.0.0.2", 80, 100, 2),
                row(upstream, "10.0.0.3", 80, 100, 3)));
        Balancers before = Balancers.compile(List.of(upstream), rows, health, Balancers.EMPTY);
        rows.add(row(upstream, "10.0.0.4", 80, 100, 4));
        Balancers after = Balancers.compile(List.of(upstream), rows, health, before);
        int moved = 0;
        for (int i = 0; i < 5_000; i++) {
            String was = pickOnce(before.find("up").orElseThrow(), "k" + i);
            String now = pickOnce(after.find("up").orElseThrow(), "k" + i);
            if (!was.equals(now)) {
                assertThat(now).isEqualTo("10.0.0.4");
                moved++;
            }
        }
        assertThat(moved).isBetween(900, 1_600); // about a quarter of the keys
    }

    @Test
    void an_unhealthy_owner_passes_its_keys_on_deterministically() {
        UpstreamBalancer b = balancer(upstream, health, 100, 100, 100);
        String owner = pickOnce(b, "alice");
        health.down.add(owner + ":80");
        String next = pickOnce(b, "alice");
        assertThat(next).isNotNull().isNotEqualTo(owner);
        assertThat(pickOnce(b, "alice")).isEqualTo(next);
    }

    @Test
    void a_request_without_a_key_still_gets_a_target() {
        UpstreamBalancer b = balancer(upstream, health, 100, 100);
        assertThat(pickOnce(b, null)).startsWith("10.0.0.");
    }
}
