package io.tollgate.application.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.application.testing.VersionBumps;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstreams;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HealthTargetsTest {

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    /** Every set handed to the topology, in order. */
    private final List<List<HealthTopology.UpstreamTargets>> tracked = new CopyOnWriteArrayList<>();

    private final HealthTargets holder =
            new HealthTargets(store, (Collection<HealthTopology.UpstreamTargets> all) -> tracked.add(List.copyOf(all)));
    private final LocalInvalidation invalidation = new LocalInvalidation(new InMemoryNodeCache(), List.of(holder));

    private void target(Entity upstream, String target) {
        store.create(
                Targets.SCHEMA,
                Map.of("target", target, "upstream", Map.of("id", upstream.id().toString())));
    }

    private static List<String> addresses(List<HealthTopology.UpstreamTargets> set) {
        List<String> all = new ArrayList<>();
        for (HealthTopology.UpstreamTargets upstream : set) {
            for (Target target : upstream.targets()) {
                all.add(upstream.upstream().name() + " " + target.host() + ":" + target.port());
            }
        }
        return all;
    }

    @Test
    void a_failed_rebuild_keeps_the_tracked_targets_and_the_next_poll_retries_it() {
        Entity upstream = store.create(Upstreams.SCHEMA, Map.of("name", "up"));
        target(upstream, "10.0.0.1:80");
        VersionBumps.apply(invalidation, VersionKey.HEALTHCHECKS);
        List<HealthTopology.UpstreamTargets> before = holder.current();
        assertThat(tracked).containsExactly(before);

        target(upstream, "10.0.0.2:80");
        store.failingReads.set(1);
        VersionBumps.apply(invalidation, VersionKey.HEALTHCHECKS);
        assertThat(holder.current()).isSameAs(before);
        assertThat(tracked).as("nothing new handed to the topology").hasSize(1);

        invalidation.retryPending();
        assertThat(tracked).hasSize(2);
        assertThat(addresses(tracked.get(1))).containsExactlyInAnyOrder("up 10.0.0.1:80", "up 10.0.0.2:80");
        assertThat(holder.current()).isEqualTo(tracked.get(1));
    }
}
