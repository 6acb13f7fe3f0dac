package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.application.proxy.RequestProxying;
import io.tollgate.application.proxy.plugin.CachedEntities;
import io.tollgate.application.proxy.plugin.PluginPhases;
import io.tollgate.application.proxy.plugin.PluginsHolder;
import io.tollgate.application.proxy.router.RouterHolder;
import io.tollgate.application.proxy.tls.UpstreamTlsResolver;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The proxy use case with a chosen set of bundled plugins over an in-memory store and node cache: one service, routes
 * added per test ({@code /<name>} paths), plugin instances on them. Enables the plugins' definitions in the
 * {@link PluginCatalog} ({@link #close} restores the defaults).
 */
final class AuthHarness implements AutoCloseable {

    static final WorkspaceId WS = new WorkspaceId(UUID.fromString("0dc6f45b-8f8d-40d2-a504-473544ee190b"));

    static final io.tollgate.application.plugin.spi.JsonCodec JSON = JacksonTestCodec.CODEC;

    final InMemoryEntityStore store = new InMemoryEntityStore();
    final InMemoryNodeCache cache = new InMemoryNodeCache();
    final RouterHolder router = new RouterHolder(store);
    final PluginsHolder plugins = new PluginsHolder(store);
    final RequestProxying proxying;
    final Entity service = Entities.service("http://upstream.test", Map.of());

    AuthHarness(List<TollgatePlugin> loaded) {
        PluginCatalog.enable(loaded.stream().map(TollgatePlugin::definition).toList());
        proxying = new RequestProxying(
                router,
                PluginPhases.of(
                        plugins,
                        loaded,
                        new CachedEntities(store, cache, WS, JSON),
                        PluginPhases.logExecutor(),
                        new DatabaseOutages()),
                null,
                UpstreamTlsResolver.NONE,
                new DatabaseOutages());
        store.add(service);
    }

    /** A route on {@code /<name>} with these plugins ({@code name -> config}), rebuilt into router and index. */
    Entity route(String name, Map<String, Map<String, ?>> pluginConfigs) {
        Entity route = Entities.route(service, Map.of("paths", List.of("/" + name)));
        store.add(route);
        pluginConfigs.forEach((plugin, config) -> store.add(Entities.plugin(plugin, config, Map.of("route", route))));
        router.rebuild();
        plugins.rebuild();
        return route;
    }

    /** The decision, waiting up to 5 s (password checks complete on another thread). */
    ProxyDecision decide(FakeExchange exchange) {
        CompletableFuture<ProxyDecision> stage = proxying.handle(exchange).toCompletableFuture();
        try {
            return stage.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Respond status(int status, String message, String challenge) {
        return Respond.message(status, message, Map.of("WWW-Authenticate", challenge));
    }

    @Override
    public void close() {
        PluginCatalog.enable(PluginCatalog.bundled());
    }
}
