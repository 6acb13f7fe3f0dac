package io.tollgate.domain.route;

import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.types.Identifier;

/** The id of a {@link Route}. */
public record RouteId(UUID value) implements Identifier {
    public RouteId {
        Objects.requireNonNull(value, "value");
    }
}
