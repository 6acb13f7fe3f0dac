package io.tollgate.application.proxy.plugin;

import io.tollgate.domain.consumer.ConsumerId;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.ServiceId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The enabled plugin instances of this node, indexed by name and by their {@code (route, service, consumer)} scope
 * as Kong's plugins iterator indexes them ({@code "<route_id>:<service_id>:<consumer_id>"}, kong-internals §9.2).
 * Immutable.
 */
public final class PluginsIndex {

    /** No plugins at all. */
    public static final PluginsIndex EMPTY = of(List.of());

    private final Map<String, Map<Scope, Plugin>> byName;

    private PluginsIndex(Map<String, Map<Scope, Plugin>> byName) {
        this.byName = byName;
    }

    /**
     * Indexes the plugins that can run here: enabled, bundled with this node, and (when protocols are given) for an
     * HTTP protocol.
     */
    public static PluginsIndex of(Collection<Plugin> plugins) {
        Map<String, Map<Scope, Plugin>> byName = new HashMap<>();
        for (Plugin plugin : plugins) {
            if (!plugin.enabled() || PluginCatalog.find(plugin.name()).isEmpty()) {
                continue;
            }
            if (!plugin.protocols().isEmpty()
                    && plugin.protocols().stream().noneMatch(p -> p.equals("http") || p.equals("https"))) {
                continue;
            }
            byName.computeIfAbsent(plugin.name(), n -> new HashMap<>())
                    .put(new Scope(plugin.route(), plugin.service(), plugin.consumer()), plugin);
        }
        Map<String, Map<Scope, Plugin>> frozen = new HashMap<>();
        byName.forEach((name, scopes) -> frozen.put(name, Map.copyOf(scopes)));
        return new PluginsIndex(Map.copyOf(frozen));
    }

    /** How many plugin instances are indexed. */
    public int size() {
        return byName.values().stream().mapToInt(Map::size).sum();
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
            @Nullable ConsumerId consumer) {}
}
