package io.tollgate.application.proxy.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.RandomWriteBatches;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.consumer.ConsumerId;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.PluginId;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.ServiceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Property-style test of {@link PluginsHolder}'s patches: over random sequences (fixed seeds) of creates, updates
 * (scope, enabled, protocols) and deletes of plugins, and deletes of the routes, services and consumers they are
 * scoped to (cascading to their plugins), applied in random batches, the patched index holds the same instances as a
 * full build and answers every lookup alike.
 */
class PluginIndexPatchTest {

    private static final List<String> NAMES = List.of("correlation-id", "request-termination", "key-auth");

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final List<Entity> routes = new ArrayList<>();
    private final List<Entity> services = new ArrayList<>();
    private final List<Entity> consumers = new ArrayList<>();
    private final List<Entity> plugins = new ArrayList<>();
    /** Every scope entity id ever made (deleted ones too): the lookups' probes. */
    private final List<UUID> routeIds = new ArrayList<>();

    private final List<UUID> serviceIds = new ArrayList<>();
    private final List<UUID> consumerIds = new ArrayList<>();

    @Test
    void aPatchedIndexEqualsAFullBuildOverRandomWrites() {
        for (long seed = 1; seed <= 5; seed++) {
            runSeed(seed);
        }
    }

    @Test
    void theConsistencyCheckReplacesAPatchedIndexThatMissedAChange() {
        PluginsHolder holder = new PluginsHolder(store);
        holder.rebuild();
        Entity first = Entities.plugin("request-termination", Map.of(), Map.of());
        store.insert(first);
        holder.apply(Set.of(changed(first)));
        Entity missed = Entities.plugin("correlation-id", Map.of(), Map.of());
        store.insert(missed); // committed, but its change never reaches the holder
        assertThat(holder.current().lookup("correlation-id", null, null, null, false))
                .isEmpty();

        holder.verify();

        assertThat(holder.current().lookup("correlation-id", null, null, null, false))
                .map(Plugin::id)
                .contains(new PluginId(missed.id()));
        assertThat(holder.current().size()).isEqualTo(2);
    }

    @Test
    void aDeletedRouteTakesItsPluginsOutOfThePatchedIndex() {
        Entity service = Entities.service("http://up:80", Map.of());
        Entity route = Entities.route(service, Map.of("paths", List.of("/")));
        Entity plugin = Entities.plugin("request-termination", Map.of(), Map.of("route", route));
        store.add(service, route, plugin);
        PluginsHolder holder = new PluginsHolder(store);
        holder.rebuild();
        RouteId routeId = new RouteId(route.id());
        assertThat(holder.current().lookup("request-termination", routeId, null, null, false))
                .isPresent();

        store.project(new EntityDeleted(plugin));
        store.project(new EntityDeleted(route));
        holder.apply(Set.of(changed(route))); // only the route named: its plugins are found by scope

        assertThat(holder.current().lookup("request-termination", routeId, null, null, false))
                .isEmpty();
        assertThat(holder.patchCount()).isEqualTo(1);
    }

    private void runSeed(long seed) {
        for (List<?> list : List.of(routes, services, consumers, plugins, routeIds, serviceIds, consumerIds)) {
            list.clear();
        }
        store.restore(Map.of());
        Random random = new Random(seed);
        PluginsHolder holder = new PluginsHolder(store);
        holder.rebuild();
        RandomWriteBatches.run(seed, random, 150, 4, this::write, (batch, as) -> {
            holder.apply(batch);
            PluginsIndex full = PluginsIndex.of(
                    store.rows(Plugins.SCHEMA).stream().map(Plugin::of).toList());
            PluginsIndex patched = holder.current();
            assertThat(patched.differences(full)).as(as).isEmpty();
            assertThat(patched.size()).as(as).isEqualTo(full.size());
            assertSameLookups(patched, full, random, as);
        });
        assertThat(holder.patchCount()).isGreaterThan(100);
    }

    private void assertSameLookups(PluginsIndex patched, PluginsIndex full, Random random, String as) {
        for (int probe = 0; probe < 60; probe++) {
            RouteId route = pick(random, routeIds, RouteId::new);
            ServiceId service = pick(random, serviceIds, ServiceId::new);
            ConsumerId consumer = pick(random, consumerIds, ConsumerId::new);
            for (String name : NAMES) {
                for (boolean noConsumer : List.of(false, true)) {
                    assertThat(patched.lookup(name, route, service, consumer, noConsumer))
                            .as("%s %s %s %s %s", as, name, route, service, consumer)
                            .isEqualTo(full.lookup(name, route, service, consumer, noConsumer));
                }
            }
        }
    }

    private static <T> @Nullable T pick(Random random, List<UUID> ids, java.util.function.Function<UUID, T> of) {
        return ids.isEmpty() || random.nextInt(4) == 0 ? null : of.apply(ids.get(random.nextInt(ids.size())));
    }

    /** One random write to the store; returns the entities it changed (a cascade names each row it deletes). */
    private List<ChangedEntity> write(Random random) {
        int op = random.nextInt(20);
        if (op == 0 || services.isEmpty()) {
            Entity service = Entities.service("http://up:80", Map.of());
            store.insert(service);
            services.add(service);
            serviceIds.add(service.id());
            return List.of(changed(service));
        }
        if (op == 1 || routes.isEmpty()) {
            Entity route = Entities.route(services.get(random.nextInt(services.size())), Map.of("paths", List.of("/")));
            store.insert(route);
            routes.add(route);
            routeIds.add(route.id());
            return List.of(changed(route));
        }
        if (op == 2 || consumers.isEmpty()) {
            Entity consumer = Entities.consumer("c-" + UUID.randomUUID(), null);
            store.insert(consumer);
            consumers.add(consumer);
            consumerIds.add(consumer.id());
            return List.of(changed(consumer));
        }
        if (op == 3) {
            List<Entity> from = List.of(routes, services, consumers).get(random.nextInt(3));
            Entity gone = from.get(random.nextInt(from.size()));
            if (routes.stream().anyMatch(r -> r.foreignId("service").equals(Optional.of(gone.id())))) {
                return List.of(); // a service with routes cannot be deleted
            }
            from.remove(gone);
            return deleteScope(gone, random.nextBoolean());
        }
        if (op <= 10 || plugins.isEmpty()) {
            Entity plugin = pluginAt(random, UUID.randomUUID());
            if (plugin == null) {
                return List.of();
            }
            store.insert(plugin);
            plugins.add(plugin);
            return List.of(changed(plugin));
        }
        int i = random.nextInt(plugins.size());
        Entity old = plugins.get(i);
        if (op >= 17) {
            plugins.remove(i);
            store.project(new EntityDeleted(old));
            return List.of(changed(old));
        }
        plugins.remove(i); // its own scope is free for its new state
        Entity updated = pluginAt(random, old.id());
        plugins.add(i, updated == null ? old : updated);
        if (updated == null) {
            return List.of();
        }
        store.insert(updated);
        return List.of(changed(updated));
    }

    /** Deletes a route, service or consumer with its plugins; names them all, or (sometimes) only the parent. */
    private List<ChangedEntity> deleteScope(Entity gone, boolean nameThePlugins) {
        List<ChangedEntity> changes = new ArrayList<>();
        for (Entity plugin : List.copyOf(plugins)) {
            if (List.of("route", "service", "consumer").stream()
                    .anyMatch(f -> plugin.foreignId(f).equals(Optional.of(gone.id())))) {
                plugins.remove(plugin);
                store.project(new EntityDeleted(plugin));
                if (nameThePlugins) {
                    changes.add(changed(plugin));
                }
            }
        }
        store.project(new EntityDeleted(gone));
        changes.add(changed(gone));
        return changes;
    }

    /** A random plugin with id {@code id} whose name and scope no other plugin has, or {@code null} if none was. */
    private @Nullable Entity pluginAt(Random random, UUID id) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            Map<String, Entity> scope = new HashMap<>();
            if (random.nextInt(3) == 0) {
                scope.put("route", routes.get(random.nextInt(routes.size())));
            }
            if (random.nextInt(3) == 0) {
                scope.put("service", services.get(random.nextInt(services.size())));
            }
            if (random.nextInt(3) == 0 && !name.equals("key-auth")) { // an auth plugin has no consumer
                scope.put("consumer", consumers.get(random.nextInt(consumers.size())));
            }
            if (plugins.stream().anyMatch(p -> sameKey(p, name, scope))) {
                continue;
            }
            Map<String, @Nullable Object> input = new HashMap<>();
            input.put("id", id.toString());
            input.put("name", name);
            input.put("config", Map.of());
            input.put("enabled", random.nextInt(5) != 0);
            if (random.nextInt(6) == 0) {
                input.put("protocols", List.of("grpc", "grpcs"));
            }
            scope.forEach(
                    (field, entity) -> input.put(field, Map.of("id", entity.id().toString())));
            return Entities.of(Plugins.SCHEMA, input);
        }
        return null;
    }

    private static boolean sameKey(Entity plugin, String name, Map<String, Entity> scope) {
        return plugin.string("name").equals(name)
                && List.of("route", "service", "consumer").stream()
                        .allMatch(f -> plugin.foreignId(f)
                                .equals(Optional.ofNullable(scope.get(f)).map(Entity::id)));
    }

    private static ChangedEntity changed(Entity entity) {
        return new ChangedEntity(entity.schema().kind(), entity.id());
    }
}
