package io.tollgate.application.proxy.balancer;

import static io.tollgate.application.proxy.balancer.Fixtures.balancer;
import static io.tollgate.application.proxy.balancer.Fixtures.pickOnce;
import static io.tollgate.application.proxy.balancer.Fixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    private final Fixtures.Health health = new Fixtures.Health();

    private static Map<String, Integer> count(UpstreamBalancer balancer, int requests) {
        Map<String, Integer> hits = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            hits.merge(pickOnce(balancer, null), 1, Integer::sum);
        }
        return hits;
    }

    @Test
    void weights_are_honoured_exactly_over_whole_cycles() {
        UpstreamBalancer b = balancer(upstream(Map.of()), health, 1, 2, 7);
        assertThat(count(b, 10_000))
                .containsExactlyInAnyOrderEntriesOf(Map.of("10.0.0.1", 1000, "10.0.0.2", 2000, "10.0.0.3", 7000));
    }

    @Test
    void the_wheel_is_smooth_not_grouped() {
        UpstreamBalancer b = balancer(upstream(Map.of()), health, 1, 2, 7);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            order.add(pickOnce(b, null));
        }
        int longestRun = 1;
        int run = 1;
        for (int i = 1; i < order.size(); i++) {
            run = order.get(i).equals(order.get(i - 1)) ? run + 1 : 1;
            longestRun = Math.max(longestRun, run);
        }
        assertThat(longestRun).as("order %s", order).isLessThanOrEqualTo(3);
    }

    @Test
    void large_co_prime_weights_use_the_stride_and_stay_proportional() {
        UpstreamBalancer b = balancer(upstream(Map.of()), health, 65535, 65534, 65533);
        Map<String, Integer> hits = count(b, 30_000);
        hits.values().forEach(n -> assertThat(n).isBetween(9_500, 10_500));
    }

    @Test
    void unhealthy_targets_are_skipped_and_the_rest_keep_their_ratio() {
        UpstreamBalancer b = balancer(upstream(Map.of()), health, 1, 2, 7);
        health.down.add("10.0.0.3:80");
        Map<String, Integer> hits = count(b, 3_000);
        assertThat(hits).doesNotContainKey("10.0.0.3");
        assertThat(hits.get("10.0.0.2")).isBetween(1_800, 2_200);
    }

    @Test
    void no_healthy_target_gives_no_peer() {
        UpstreamBalancer b = balancer(upstream(Map.of()), health, 1, 1);
        health.down.add("10.0.0.1:80");
        health.down.add("10.0.0.2:80");
        assertThat(pickOnce(b, null)).isNull();
    }
}
