package io.tollgate.domain.upstream;

import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.types.Identifier;

/** The id of a {@link Target}. */
public record TargetId(UUID value) implements Identifier {
    public TargetId {
        Objects.requireNonNull(value, "value");
    }
}
