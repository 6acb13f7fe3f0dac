package io.tollgate.application.proxy.plugin;

import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.domain.plugin.PluginDefinition;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** A bundled plugin's {@code access} handler. */
interface AccessPlugin {

    /** The bundled plugin this handler implements (name, priority, {@code no_consumer}). */
    PluginDefinition definition();

    /**
     * Runs the handler for one request. Must not block: entity lookups go through the node cache, so the stage is
     * complete at once unless the cache missed.
     *
     * @return a response to end the request with (Kong's {@code kong.response.exit}), or empty to go on
     */
    CompletionStage<Optional<Respond>> access(PluginContext context, PluginConfig config);
}
