package io.tollgate.application.proxy.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.application.testing.VersionBumps;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstreams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalancerHolderTest {

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final BalancerHolder holder = new BalancerHolder(store, TargetHealth.ALWAYS_HEALTHY);
    private final LocalInvalidation invalidation = new LocalInvalidation(new InMemoryNodeCache(), List.of(holder));

    private void target(Entity upstream, String target) {
        store.create(
                Targets.SCHEMA,
                Map.of("target", target, "upstream", Map.of("id", upstream.id().toString())));
    }

    private UpstreamBalancer balancer() {
        return holder.current().find("up").orElseThrow();
    }

    @Test
    void a_failed_rebuild_keeps_the_previous_balancers_and_the_next_poll_retries_it_keeping_live_stats() {
        Entity upstream = store.create(Upstreams.SCHEMA, Map.of("name", "up"));
        target(upstream, "10.0.0.1:80");
        VersionBumps.apply(invalidation, VersionKey.BALANCER);
        Balancers before = holder.current();
        BalancerTarget.Stats stats = balancer().targets().get(0).stats;

        target(upstream, "10.0.0.2:80");
        store.failingReads.set(1);
        VersionBumps.apply(invalidation, VersionKey.BALANCER);
        assertThat(holder.current()).isSameAs(before);
        assertThat(balancer().size()).isEqualTo(1);

        invalidation.retryPending();
        assertThat(balancer().size()).isEqualTo(2);
        assertThat(balancer().targets())
                .filteredOn(t -> t.address.equals("10.0.0.1:80"))
                .singleElement()
                .satisfies(t -> assertThat(t.stats)
                        .as("compiled over the previous snapshot")
                        .isSameAs(stats));
    }
}
