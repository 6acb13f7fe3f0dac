package io.tollgate.application.plugin.spi;

import io.tollgate.domain.plugin.PluginDefinition;

/**
 * A plugin, as {@link java.util.ServiceLoader} finds it: list the implementing class in
 * {@code META-INF/services/io.tollgate.application.plugin.spi.TollgatePlugin} of a jar on the class path or in
 * {@code <prefix>/plugins/}; it needs a public no-argument constructor. Kong's {@code handler.lua} + {@code
 * schema.lua}.
 *
 * <p>Start-up calls {@link #definition()} once and, when the plugin is enabled (the {@code plugins} property),
 * {@link #handler} once; the handler then serves every request of the node, from several threads at a time.
 */
public interface TollgatePlugin {

    /**
     * What the plugin is: its name (Kong's plugin name, e.g. {@code key-auth}, unique on the node), its
     * {@code PRIORITY} (higher runs first; ties by name, descending), its {@code VERSION}, its {@code config} schema
     * in Tollgate's schema language (the Admin API validates instances with it and shows it at
     * {@code /schemas/plugins/{name}}), and whether it refuses a consumer scope (Kong's {@code no_consumer}).
     */
    PluginDefinition definition();

    /**
     * The plugin's handler for this node, made once at start-up.
     *
     * @param environment what the node offers plugins beyond the request (entity lookups through the node cache)
     * @throws RuntimeException to refuse to start (the node's start-up fails naming the plugin)
     */
    PluginHandler handler(PluginEnvironment environment);
}
