package io.tollgate.application.proxy.plugin;

import io.tollgate.domain.consumer.ConsumerId;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginId;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.ServiceId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The enabled plugin instances of this node, indexed by name and by their {@code (route, service, consumer)} scope
 * as Kong's plugins iterator indexes them ({@code "<route_id>:<service_id>:<consumer_id>"}, kong-internals §9.2).
 * Immutable. Lookups read flat hash maps only; the persistent id map beside them serves {@link #patch} and
 * {@link #differences}, never a request.
 */
public final class PluginsIndex {

    /** No plugins at all. */
    public static final PluginsIndex EMPTY = of(List.of());

    private final Map<String, Map<Scope, Plugin>> byName;
    /** Every indexed instance by id (what {@link #patch} removes from {@link #byName} when the instance changes). */
    private final PMap<PluginId, Plugin> indexed;

    private PluginsIndex(Map<String, Map<Scope, Plugin>> byName, PMap<PluginId, Plugin> indexed) {
        this.byName = byName;
        this.indexed = indexed;
    }

    /**
     * Indexes the plugins that can run here: enabled, bundled with this node, and (when protocols are given) for an
     * HTTP protocol.
     */
    public static PluginsIndex of(Collection<Plugin> plugins) {
        Map<String, Map<Scope, Plugin>> byName = new HashMap<>();
        Map<PluginId, Plugin> indexed = new HashMap<>();
        for (Plugin plugin : plugins) {
            if (indexable(plugin)) {
                byName.computeIfAbsent(plugin.name(), n -> new HashMap<>()).put(Scope.of(plugin), plugin);
                indexed.put(plugin.id(), plugin);
            }
        }
        return new PluginsIndex(frozen(byName, Map.of()), HashTreePMap.from(indexed));
    }

    /**
     * This index with some instances replaced, as {@link #of} would index the plugins after the change: each entry of
     * {@code changed} is an instance's state now (empty: deleted). Costs O(changes) map operations plus one copy of
     * the scope map of each plugin name touched (lookups stay flat); reads nothing.
     *
     * @param changed plugin id to its row now, empty when the row is gone
     */
    public PluginsIndex patch(Map<PluginId, Optional<Plugin>> changed) {
        Map<String, Map<Scope, Plugin>> touched = new HashMap<>();
        PMap<PluginId, Plugin> next = indexed;
        for (PluginId id : changed.keySet()) { // every old entry goes first: a batch may move a scope between ids
            Plugin old = indexed.get(id);
            if (old != null) {
                Map<Scope, Plugin> scopes = copyOf(touched, old.name());
                if (scopes.get(Scope.of(old)) == old) {
                    scopes.remove(Scope.of(old));
                }
                next = next.minus(id);
            }
        }
        for (Optional<Plugin> now : changed.values()) {
            if (now.isPresent() && indexable(now.get())) {
                Plugin plugin = now.get();
                copyOf(touched, plugin.name()).put(Scope.of(plugin), plugin);
                next = next.plus(plugin.id(), plugin);
            }
        }
        Map<String, Map<Scope, Plugin>> names = new HashMap<>(byName);
        touched.keySet().forEach(names::remove);
        return new PluginsIndex(frozen(touched, names), next);
    }

    /**
     * The ids of the instances indexed differently here and in {@code other} (in one only, or with other state), for
     * the consistency check of a patched index against a full build; empty when they index the same instances.
     */
    public Set<PluginId> differences(PluginsIndex other) {
        Set<PluginId> differ = new HashSet<>();
        indexed.forEach((id, plugin) -> {
            if (!plugin.equals(other.indexed.get(id))) {
                differ.add(id);
            }
        });
        other.indexed.keySet().stream().filter(id -> !indexed.containsKey(id)).forEach(differ::add);
        return differ;
    }

    /**
     * The indexed instances scoped to the route, service or consumer {@code id} (any of the three fields). O(indexed
     * instances): for the rare change of a scope entity itself, never on a request.
     */
    public Set<PluginId> scopedTo(UUID id) {
        Set<PluginId> scoped = new HashSet<>();
        indexed.forEach((pluginId, plugin) -> {
            if (plugin.route() != null && plugin.route().value().equals(id)
                    || plugin.service() != null && plugin.service().value().equals(id)
                    || plugin.consumer() != null && plugin.consumer().value().equals(id)) {
                scoped.add(pluginId);
            }
        });
        return scoped;
    }

    /** How many plugin instances are indexed. */
    public int size() {
        return indexed.size();
    }

    private static boolean indexable(Plugin plugin) {
        if (!plugin.enabled() || PluginCatalog.find(plugin.name()).isEmpty()) {
            return false;
        }
        return plugin.protocols().isEmpty()
                || plugin.protocols().stream().anyMatch(p -> p.equals("http") || p.equals("https"));
    }

    /** The mutable copy of {@code name}'s scope map in {@code touched}, made from this index's on first use. */
    private Map<Scope, Plugin> copyOf(Map<String, Map<Scope, Plugin>> touched, String name) {
        return touched.computeIfAbsent(name, n -> new HashMap<>(byName.getOrDefault(n, Map.of())));
    }

    /** {@code untouched} (already frozen) plus {@code fresh} frozen, dropping names left without instances. */
    private static Map<String, Map<Scope, Plugin>> frozen(
            Map<String, Map<Scope, Plugin>> fresh, Map<String, Map<Scope, Plugin>> untouched) {
        Map<String, Map<Scope, Plugin>> all = new HashMap<>(untouched);
        fresh.forEach((name, scopes) -> {
            if (!scopes.isEmpty()) {
                all.put(name, Map.copyOf(scopes));
            }
        });
        return Map.copyOf(all);
    }

    /**
     * The instance of plugin {@code name} that applies, most specific first: route+service+consumer,
     * route+consumer, service+consumer, route+service, consumer, route, service, global.
     *
     * @param noConsumer drop the consumer dimension (Kong's {@code no_consumer}, e.g. for auth plugins)
     */
    public Optional<Plugin> lookup(
            String name,
            @Nullable RouteId route,
            @Nullable ServiceId service,
            @Nullable ConsumerId consumer,
            boolean noConsumer) {
        Map<Scope, Plugin> scopes = byName.get(name);
        if (scopes == null) {
            return Optional.empty();
        }
        ConsumerId c = noConsumer ? null : consumer;
        List<Scope> order = new java.util.ArrayList<>(8);
        if (c != null) {
            if (route != null && service != null) {
                order.add(new Scope(route, service, c));
            }
            if (route != null) {
                order.add(new Scope(route, null, c));
            }
            if (service != null) {
                order.add(new Scope(null, service, c));
            }
        }
        if (route != null && service != null) {
            order.add(new Scope(route, service, null));
        }
        if (c != null) {
            order.add(new Scope(null, null, c));
        }
        if (route != null) {
            order.add(new Scope(route, null, null));
        }
        if (service != null) {
            order.add(new Scope(null, service, null));
        }
        order.add(new Scope(null, null, null));
        for (Scope scope : order) {
            Plugin plugin = scopes.get(scope);
            if (plugin != null) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }

    private record Scope(
            @Nullable RouteId route,
            @Nullable ServiceId service,
            @Nullable ConsumerId consumer) {
        static Scope of(Plugin plugin) {
            return new Scope(plugin.route(), plugin.service(), plugin.consumer());
        }
    }
}
