package io.tollgate.application.proxy.plugin;

import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.application.proxy.router.RouteMatch;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.service.ServiceId;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Kong's access phase (kong-internals §9.1): for each bundled plugin in priority order, resolve the instance that
 * applies to the request's route, service and <em>current</em> consumer (so plugins after an authentication plugin
 * see consumer-scoped instances), and run it; the first response ends the phase.
 */
public final class AccessPhase {

    private final PluginsHolder plugins;
    private final List<AccessPlugin> order;

    AccessPhase(PluginsHolder plugins, List<AccessPlugin> handlers) {
        this.plugins = plugins;
        List<String> catalogOrder =
                PluginCatalog.all().stream().map(d -> d.name()).toList();
        this.order = handlers.stream()
                .sorted(Comparator.comparingInt(
                        h -> catalogOrder.indexOf(h.definition().name())))
                .toList();
    }

    /**
     * The access phase with the bundled plugins: key-auth (credentials and consumers looked up through the node
     * cache, loaded from {@code store} on a miss), request-termination, correlation-id.
     */
    public static AccessPhase withBundledPlugins(
            PluginsHolder plugins, EntityStore store, NodeCache cache, WorkspaceId workspace) {
        return new AccessPhase(
                plugins, List.of(new KeyAuth(store, cache, workspace), new RequestTermination(), new CorrelationId()));
    }

    /**
     * Runs the phase for one matched request.
     *
     * @return complete at once unless a plugin's cache lookup missed; a response if a plugin ended the request; fails
     *         when a plugin threw
     */
    public CompletionStage<Optional<Respond>> run(ProxyExchange exchange, RouteMatch match) {
        return step(plugins.current(), new PluginContext(exchange, match), 0);
    }

    private CompletionStage<Optional<Respond>> step(PluginsIndex index, PluginContext context, int from) {
        for (int i = from; i < order.size(); i++) {
            AccessPlugin handler = order.get(i);
            ServiceId service = context.match.service() == null
                    ? null
                    : context.match.service().id();
            Optional<Plugin> instance = index.lookup(
                    handler.definition().name(),
                    context.match.route().id(),
                    service,
                    context.consumerId(),
                    handler.definition().noConsumer());
            if (instance.isEmpty()) {
                continue;
            }
            CompletableFuture<Optional<Respond>> result = handler.access(
                            context, new PluginConfig(instance.get().config()))
                    .toCompletableFuture();
            if (result.isDone() && !result.isCompletedExceptionally()) {
                Optional<Respond> response = result.join();
                if (response.isPresent()) {
                    return result;
                }
                continue;
            }
            int next = i + 1;
            return result.thenCompose(
                    r -> r.isPresent() ? CompletableFuture.completedFuture(r) : step(index, context, next));
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
