package io.tollgate.domain.plugin;

import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.types.Identifier;

/** The id of a {@link Plugin} instance. */
public record PluginId(UUID value) implements Identifier {
    public PluginId {
        Objects.requireNonNull(value, "value");
    }
}
