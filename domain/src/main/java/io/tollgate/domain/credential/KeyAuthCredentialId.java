package io.tollgate.domain.credential;

import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.types.Identifier;

/** The id of a {@link KeyAuthCredential}. */
public record KeyAuthCredentialId(UUID value) implements Identifier {
    public KeyAuthCredentialId {
        Objects.requireNonNull(value, "value");
    }
}
