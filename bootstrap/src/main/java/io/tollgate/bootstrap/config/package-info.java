/**
 * Kong-style node configuration: the supported {@link io.tollgate.bootstrap.config.Property properties} with Kong's
 * names and defaults, the {@link io.tollgate.bootstrap.config.ConfigLoader loader} (defaults, {@code kong.conf}-style
 * file, {@code TOLLGATE_}/{@code KONG_} environment) and the typed {@link io.tollgate.bootstrap.config.TollgateConfig}.
 */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.config;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
