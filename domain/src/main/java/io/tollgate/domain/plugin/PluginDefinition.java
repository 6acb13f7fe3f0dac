package io.tollgate.domain.plugin;

import io.tollgate.domain.schema.RecordSchema;
import java.util.Objects;

/**
 * What a bundled plugin is, independent of its instances: its name, its {@code PRIORITY} (higher runs first),
 * its version, the schema of its {@code config}, and whether it refuses a consumer scope (Kong's
 * {@code typedefs.no_consumer}, as for authentication plugins).
 */
public record PluginDefinition(String name, int priority, String version, RecordSchema config, boolean noConsumer) {
    public PluginDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(config, "config");
    }
}
