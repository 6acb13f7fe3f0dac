package io.tollgate.application.proxy.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.RandomWriteBatches;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.Upstreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Property-style test of {@link BalancerHolder}'s patches: over random sequences (fixed seeds) of writes to upstreams
 * (create, rename, algorithm, delete with its targets) and targets (create, re-weight as a new history row, delete),
 * applied in random batches, the patched balancers equal a full build, and every upstream the batch did not touch
 * keeps its very balancer object (round-robin position and statistics).
 */
class BalancerPatchTest {

    private static final List<String> ALGORITHMS = List.of("round-robin", "least-connections", "consistent-hashing");

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final List<Entity> upstreams = new ArrayList<>();
    private final List<Entity> targets = new ArrayList<>();
    private final BalancerHolder holder = new BalancerHolder(store, TargetHealth.ALWAYS_HEALTHY);
    private double clock = 1_000;

    @Test
    void patchedBalancersEqualAFullBuildAndUntouchedUpstreamsKeepTheirBalancer() {
        for (long seed = 1; seed <= 5; seed++) {
            runSeed(seed);
        }
    }

    @Test
    void aTargetWriteRebuildsOnlyItsUpstreamsBalancer() {
        Entity a = upstream("a", "round-robin");
        Entity b = upstream("b", "round-robin");
        target(a, "10.0.0.1:80", 100);
        target(a, "10.0.0.2:80", 100);
        target(b, "10.0.1.1:80", 100);
        holder.rebuild();
        UpstreamBalancer before = holder.current().find("a").orElseThrow();
        UpstreamBalancer other = holder.current().find("b").orElseThrow();
        String first = before.peers("http", null).next().address();
        BalancerTarget.Stats bStats = other.targets().get(0).stats;

        Entity added = target(b, "10.0.1.2:80", 100);
        holder.apply(Set.of(changed(added)));

        assertThat(holder.patchCount()).isEqualTo(1);
        assertThat(holder.current().find("a")).containsSame(before);
        assertThat(holder.current().find("b").orElseThrow().size()).isEqualTo(2);
        assertThat(holder.current()
                        .find("a")
                        .orElseThrow()
                        .peers("http", null)
                        .next()
                        .address())
                .as("a's round-robin went on where it was")
                .isNotEqualTo(first);
        assertThat(holder.current().find("b")).isNotSameAs(other);
        assertThat(holder.current().find("b").orElseThrow().targets())
                .filteredOn(t -> t.address.equals("10.0.1.1:80"))
                .singleElement()
                .satisfies(
                        t -> assertThat(t.stats).as("kept its live statistics").isSameAs(bStats));
    }

    private void runSeed(long seed) {
        upstreams.clear();
        targets.clear();
        store.restore(Map.of());
        Random random = new Random(seed);
        BalancerHolder patching = new BalancerHolder(store, TargetHealth.ALWAYS_HEALTHY);
        patching.rebuild();
        Set<UUID> touched = new LinkedHashSet<>(); // the upstreams the current batch wrote
        RandomWriteBatches.run(seed, random, 150, 3, r -> write(r, touched), (batch, as) -> {
            Balancers before = patching.current();
            patching.apply(batch);
            Balancers patched = patching.current();
            Balancers full = Balancers.compile(
                    store.rows(Upstreams.SCHEMA).stream().map(Upstream::of).toList(),
                    store.rows(Targets.SCHEMA).stream()
                            .map(BalancerPatchTest::row)
                            .toList(),
                    TargetHealth.ALWAYS_HEALTHY,
                    Balancers.EMPTY);
            assertThat(patched.differences(full)).as(as).isEmpty();
            assertThat(patched.size()).as(as).isEqualTo(full.size());
            for (Entity upstream : upstreams) {
                String name = upstream.string("name");
                if (!touched.contains(upstream.id()) && before.find(name).isPresent()) {
                    assertThat(patched.find(name))
                            .as(as + " " + name)
                            .containsSame(before.find(name).get());
                }
            }
            touched.clear();
        });
        assertThat(patching.patchCount()).isGreaterThan(100);
    }

    /** One random write; returns the entities it changed and adds the upstreams it touched to {@code touched}. */
    private List<ChangedEntity> write(Random random, Set<UUID> touched) {
        int op = random.nextInt(12);
        if (op == 0 || upstreams.size() < 2) {
            Entity upstream = upstream("up-" + UUID.randomUUID(), ALGORITHMS.get(random.nextInt(3)));
            touched.add(upstream.id());
            return List.of(changed(upstream));
        }
        Entity upstream = upstreams.get(random.nextInt(upstreams.size()));
        touched.add(upstream.id());
        if (op == 1) { // rename and change algorithm
            upstreams.remove(upstream);
            Entity updated = Entities.of(
                    Upstreams.SCHEMA,
                    upstreamFields(
                            upstream.id(),
                            random.nextBoolean() ? upstream.string("name") : "up-" + UUID.randomUUID(),
                            ALGORITHMS.get(random.nextInt(3))));
            store.insert(updated);
            upstreams.add(updated);
            return List.of(changed(updated));
        }
        if (op == 2) { // delete with its targets (a cascade names each row)
            upstreams.remove(upstream);
            List<ChangedEntity> changes = new ArrayList<>();
            for (Entity target : List.copyOf(targets)) {
                if (target.foreignId("upstream").equals(Optional.of(upstream.id()))) {
                    targets.remove(target);
                    store.project(new EntityDeleted(target));
                    changes.add(changed(target));
                }
            }
            store.project(new EntityDeleted(upstream));
            changes.add(changed(upstream));
            return changes;
        }
        List<Entity> mine = targets.stream()
                .filter(t -> t.foreignId("upstream").equals(Optional.of(upstream.id())))
                .toList();
        if (op <= 4 && !mine.isEmpty()) {
            Entity gone = mine.get(random.nextInt(mine.size()));
            targets.remove(gone);
            store.project(new EntityDeleted(gone));
            return List.of(changed(gone));
        }
        // a new target, or a new history row of an address (a new weight, 0 takes it out)
        String address = "10.0." + random.nextInt(3) + "." + random.nextInt(6) + ":80";
        Entity target = target(upstream, address, random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(100));
        return List.of(changed(target));
    }

    private Entity upstream(String name, String algorithm) {
        Entity upstream = Entities.of(Upstreams.SCHEMA, upstreamFields(UUID.randomUUID(), name, algorithm));
        store.insert(upstream);
        upstreams.add(upstream);
        return upstream;
    }

    private static Map<String, @Nullable Object> upstreamFields(UUID id, String name, String algorithm) {
        Map<String, @Nullable Object> fields = new HashMap<>();
        fields.put("id", id.toString());
        fields.put("name", name);
        fields.put("algorithm", algorithm);
        fields.put("slots", 100);
        return fields;
    }

    private Entity target(Entity upstream, String address, int weight) {
        clock += 0.001;
        Entity target = Entities.of(
                Targets.SCHEMA,
                Map.of(
                        "upstream",
                        Map.of("id", upstream.id().toString()),
                        "target",
                        address,
                        "weight",
                        weight,
                        "created_at",
                        clock));
        store.insert(target);
        targets.add(target);
        return target;
    }

    private static Balancers.TargetRow row(Entity e) {
        return new Balancers.TargetRow(Target.of(e), ((Number) e.get("created_at")).doubleValue());
    }

    private static ChangedEntity changed(Entity entity) {
        return new ChangedEntity(entity.schema().kind(), entity.id());
    }
}
