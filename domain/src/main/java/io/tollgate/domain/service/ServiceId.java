package io.tollgate.domain.service;

import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.types.Identifier;

/** The id of a {@link Service}. */
public record ServiceId(UUID value) implements Identifier {
    public ServiceId {
        Objects.requireNonNull(value, "value");
    }
}
