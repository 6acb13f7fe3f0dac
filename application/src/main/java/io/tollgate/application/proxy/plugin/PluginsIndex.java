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

    private final Map<String, Scoped> byName;
    /** Every indexed instance by id (what {@link #patch} removes from {@link #byName} when the instance changes). */
    private final PMap<PluginId, Plugin> indexed;

    private PluginsIndex(Map<String, Scoped> byName, PMap<PluginId, Plugin> indexed) {
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
        Map<String, Scoped> names = new HashMap<>(byName);
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

    /** Whether at least one instance of plugin {@code name} is indexed. */
    public boolean configures(String name) {
        return byName.containsKey(name);
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
        return touched.computeIfAbsent(name, n -> {
            Scoped scoped = byName.get(n);
            return scoped == null ? new HashMap<>() : new HashMap<>(scoped.byScope());
        });
    }

    /** {@code untouched} (already frozen) plus {@code fresh} frozen, dropping names left without instances. */
    private static Map<String, Scoped> frozen(Map<String, Map<Scope, Plugin>> fresh, Map<String, Scoped> untouched) {
        Map<String, Scoped> all = new HashMap<>(untouched);
        fresh.forEach((name, scopes) -> {
            if (!scopes.isEmpty()) {
                all.put(name, Scoped.of(scopes));
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
        Scoped scoped = byName.get(name);
        if (scoped == null) {
            return Optional.empty();
        }
        ConsumerId c = noConsumer ? null : consumer;
        int given = (route == null ? 0 : Scope.ROUTE)
                | (service == null ? 0 : Scope.SERVICE)
                | (c == null ? 0 : Scope.CONSUMER);
        for (int shape : Scope.PRECEDENCE) {
            if ((shape & ~given) != 0 || (scoped.shapes() & 1 << shape) == 0) {
                continue; // a scope this request cannot have, or that no instance of this plugin has
            }
            Plugin plugin = scoped.byScope()
                    .get(new Scope(
                            (shape & Scope.ROUTE) == 0 ? null : route,
                            (shape & Scope.SERVICE) == 0 ? null : service,
                            (shape & Scope.CONSUMER) == 0 ? null : c));
            if (plugin != null) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }

    /**
     * A plugin instance's {@code (route, service, consumer)} scope. Its shape is the bit set of the fields it has
     * ({@link #ROUTE}, {@link #SERVICE}, {@link #CONSUMER}).
     */
    private record Scope(
            @Nullable RouteId route,
            @Nullable ServiceId service,
            @Nullable ConsumerId consumer) {
        static final int ROUTE = 4;
        static final int SERVICE = 2;
        static final int CONSUMER = 1;
        /**
         * Kong's precedence, most specific first: route+service+consumer, route+consumer, service+consumer,
         * route+service, consumer, route, service, global.
         */
        static final int[] PRECEDENCE = {
            ROUTE | SERVICE | CONSUMER,
            ROUTE | CONSUMER,
            SERVICE | CONSUMER,
            ROUTE | SERVICE,
            CONSUMER,
            ROUTE,
            SERVICE,
            0
        };

        static Scope of(Plugin plugin) {
            return new Scope(plugin.route(), plugin.service(), plugin.consumer());
        }

        int shape() {
            return (route == null ? 0 : ROUTE) | (service == null ? 0 : SERVICE) | (consumer == null ? 0 : CONSUMER);
        }
    }

    /**
     * One plugin name's instances by scope, and the shapes of those scopes as a bit set ({@code 1 << shape}), so a
     * lookup probes only the scopes some instance has: usually one probe, not eight.
     */
    private record Scoped(Map<Scope, Plugin> byScope, int shapes) {
        static Scoped of(Map<Scope, Plugin> scopes) {
            int shapes = 0;
            for (Scope scope : scopes.keySet()) {
                shapes |= 1 << scope.shape();
            }
            return new Scoped(Map.copyOf(scopes), shapes);
        }
    }
}
