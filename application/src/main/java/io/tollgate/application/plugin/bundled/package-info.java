/**
 * The plugins bundled with Tollgate (Kong's names, priorities, schemas and messages, kong-internals §9.3), written
 * against the plugin SPI ({@link io.tollgate.application.plugin.spi}) and nothing else of the application: a custom
 * plugin can do whatever these do.
 */
@Application
@NullMarked
package io.tollgate.application.plugin.bundled;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
