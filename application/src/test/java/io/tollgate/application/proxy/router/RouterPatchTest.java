package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.RandomWriteBatches;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.ServiceId;
import io.tollgate.domain.service.Services;
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
 * Property-style test of {@link RouterHolder}'s patches: over random sequences (fixed seeds) of creates, updates and
 * deletes of routes and services, applied in random batches, the patched router has the same routes and services as a
 * full rebuild and routes every probe request to the same route.
 */
class RouterPatchTest {

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final List<Entity> services = new ArrayList<>();
    private final List<Entity> routes = new ArrayList<>();
    private final Set<String> probes = new LinkedHashSet<>();

    @Test
    void aPatchedRouterEqualsAFullRebuildOverRandomWrites() {
        for (long seed = 1; seed <= 5; seed++) {
            runSeed(seed);
        }
    }

    @Test
    void theConsistencyCheckReplacesAPatchedRouterThatMissedAChange() {
        Entity service = Entities.service("http://up:80", Map.of());
        store.insert(service);
        Entity first = Entities.route(service, Map.of("paths", List.of("/first")));
        store.insert(first);
        RouterHolder holder = new RouterHolder(store);
        holder.rebuild();
        Entity second = Entities.route(service, Map.of("paths", List.of("/second")));
        store.insert(second);
        holder.apply(Set.of(changed(second)));
        Entity missed = Entities.route(service, Map.of("paths", List.of("/missed")));
        store.insert(missed); // committed, but its change never reaches the holder
        assertThat(matched(holder.current(), "any.test /missed")).isEmpty();

        holder.verify();

        assertThat(matched(holder.current(), "any.test /missed")).contains(new RouteId(missed.id()));
        assertThat(matched(holder.current(), "any.test /second")).contains(new RouteId(second.id()));
        long updates = holder.rebuildCount();
        holder.verify(); // nothing patched since the full rebuild: nothing to check
        assertThat(holder.rebuildCount()).isEqualTo(updates);
    }

    @Test
    void aRouterKnowsTheServiceStateItsRoutesWereCompiledWithUntilItsLastRouteGoes() {
        Entity service = Entities.service("http://up:80", Map.of());
        store.insert(service);
        Entity first = Entities.route(service, Map.of("paths", List.of("/first")));
        store.insert(first);
        RouterHolder holder = new RouterHolder(store);
        holder.rebuild();
        ServiceId id = new ServiceId(service.id());
        assertThat(holder.current().compiledService(id)).contains(Service.of(service));

        Entity second = Entities.route(service, Map.of("paths", List.of("/second")));
        store.insert(second);
        holder.apply(Set.of(changed(second)));
        assertThat(matched(holder.current(), "any.test /second")).contains(new RouteId(second.id()));
        assertThat(holder.current().compiledService(id)).contains(Service.of(service));

        store.project(new EntityDeleted(first));
        holder.apply(Set.of(changed(first)));
        assertThat(holder.current().compiledService(id)).contains(Service.of(service));
        store.project(new EntityDeleted(second));
        holder.apply(Set.of(changed(second)));
        assertThat(holder.current().compiledService(id)).isEmpty();
    }

    private void runSeed(long seed) {
        services.clear();
        routes.clear();
        store.restore(Map.of());
        Random random = new Random(seed);
        RouterHolder holder = new RouterHolder(store);
        holder.rebuild();
        RandomWriteBatches.run(seed, random, 120, 4, this::write, (batch, as) -> {
            holder.apply(batch);
            Router full = Router.compile(
                    store.rows(Routes.SCHEMA).stream().map(Route::of).toList(), fullServices());
            Router patched = holder.current();
            assertThat(patched.differences(full)).as(as).isEmpty();
            assertThat(patched.size()).as(as).isEqualTo(full.size());
            for (String probe : probes) {
                assertThat(matched(patched, probe)).as(as + " " + probe).isEqualTo(matched(full, probe));
            }
        });
        assertThat(holder.patchCount()).isGreaterThan(100);
    }

    private Map<ServiceId, Service> fullServices() {
        Map<ServiceId, Service> all = new HashMap<>();
        for (Entity e : store.rows(Services.SCHEMA)) {
            Service s = Service.of(e);
            all.put(s.id(), s);
        }
        return all;
    }

    private static Optional<RouteId> matched(Router router, String probe) {
        String[] hostAndPath = probe.split(" ", 2);
        return router.match(new RouteRequest("GET", hostAndPath[0], 80, hostAndPath[1], n -> List.of()))
                .map(m -> m.route().id());
    }

    /** One random write to the store; returns the entities it changed. */
    private List<ChangedEntity> write(Random random) {
        int op = random.nextInt(10);
        if (op == 0 || services.isEmpty()) {
            Entity service = Entities.service("http://up" + random.nextInt(5) + ":80", Map.of());
            store.insert(service);
            services.add(service);
            return List.of(changed(service));
        }
        if (op == 1) {
            int i = random.nextInt(services.size());
            Entity old = services.get(i);
            Map<String, Object> fields = new HashMap<>();
            fields.put("id", old.id().toString());
            fields.put("url", "http://up" + random.nextInt(5) + ":80");
            fields.put("enabled", random.nextInt(3) != 0);
            Entity updated = Entities.of(Services.SCHEMA, fields);
            store.insert(updated);
            services.set(i, updated);
            return List.of(changed(updated));
        }
        if (op == 2) { // delete a service and, as a cascade, its routes
            Entity gone = services.remove(random.nextInt(services.size()));
            List<ChangedEntity> changes = new ArrayList<>();
            for (Entity route : List.copyOf(routes)) {
                if (gone.id().toString().equals(serviceOf(route))) {
                    routes.remove(route);
                    store.project(new EntityDeleted(route));
                    changes.add(changed(route));
                }
            }
            store.project(new EntityDeleted(gone));
            changes.add(changed(gone));
            return changes;
        }
        if (op <= 6 || routes.isEmpty()) {
            Entity route = Entities.of(Routes.SCHEMA, routeFields(random, UUID.randomUUID()));
            store.insert(route);
            routes.add(route);
            return List.of(changed(route));
        }
        int i = random.nextInt(routes.size());
        Entity old = routes.get(i);
        if (op == 9) {
            routes.remove(i);
            store.project(new EntityDeleted(old));
            return List.of(changed(old));
        }
        Entity updated = Entities.of(Routes.SCHEMA, routeFields(random, old.id()));
        store.insert(updated);
        routes.set(i, updated);
        return List.of(changed(updated));
    }

    private Map<String, Object> routeFields(Random random, UUID id) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("id", id.toString());
        int n = random.nextInt(40);
        String path = switch (random.nextInt(4)) {
            case 0 -> "/p" + n;
            case 1 -> "/p" + n + "/deeper";
            case 2 -> "~/p" + n + "/(?<id>\\d+)$";
            default -> "/";
        };
        fields.put("paths", List.of(path));
        String host = "";
        if (random.nextInt(3) == 0) {
            host = random.nextBoolean() ? "h" + n % 5 + ".example.com" : "*.example.org";
            fields.put("hosts", List.of(host));
        }
        fields.put("regex_priority", random.nextInt(3));
        if (random.nextInt(5) != 0) {
            fields.put(
                    "service",
                    Map.of(
                            "id",
                            services.get(random.nextInt(services.size())).id().toString()));
        }
        String probeHost = host.isEmpty() ? "any.test" : host.replace("*", "a");
        String probePath = path.startsWith("~") ? "/p" + n + "/12" : path;
        probes.add(probeHost + " " + probePath);
        probes.add("any.test " + probePath + "/x");
        return fields;
    }

    private static @Nullable String serviceOf(Entity route) {
        return route.foreignId("service").map(UUID::toString).orElse(null);
    }

    private static ChangedEntity changed(Entity entity) {
        return new ChangedEntity(entity.schema().kind(), entity.id());
    }
}
