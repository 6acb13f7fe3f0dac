package io.tollgate.domain.consumer;

import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.types.Identifier;

/** The id of a {@link Consumer}. */
public record ConsumerId(UUID value) implements Identifier {
    public ConsumerId {
        Objects.requireNonNull(value, "value");
    }
}
