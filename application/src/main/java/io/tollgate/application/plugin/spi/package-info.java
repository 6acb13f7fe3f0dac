/**
 * Tollgate's plugin SPI (Kong's plugin handler + PDK, in Java terms): a plugin is a {@link
 * io.tollgate.application.plugin.spi.TollgatePlugin} (its definition: name, version, priority, config schema) whose
 * {@link io.tollgate.application.plugin.spi.PluginHandler} implements any of Kong's phases and sees the request
 * through one {@link io.tollgate.application.plugin.spi.PluginContext} per request. Custom plugins implement these
 * types and nothing else of Tollgate's (plus the domain's schema and entity types they name); the types here change
 * only compatibly.
 */
@SecondaryPort
@NullMarked
package io.tollgate.application.plugin.spi;

import org.jmolecules.architecture.hexagonal.SecondaryPort;
import org.jspecify.annotations.NullMarked;
