package io.tollgate.domain.upstream;

import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.types.Identifier;

/** The id of an {@link Upstream}. */
public record UpstreamId(UUID value) implements Identifier {
    public UpstreamId {
        Objects.requireNonNull(value, "value");
    }
}
