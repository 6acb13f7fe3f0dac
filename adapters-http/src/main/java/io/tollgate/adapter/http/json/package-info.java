/**
 * JSON for plugins: the {@link io.tollgate.application.plugin.spi.JsonCodec} of the plugin SPI, backed by Jackson
 * (the JSON library this module already uses). A secondary adapter: plugins call it through the SPI.
 */
@SecondaryAdapter
@NullMarked
package io.tollgate.adapter.http.json;

import org.jmolecules.architecture.hexagonal.SecondaryAdapter;
import org.jspecify.annotations.NullMarked;
