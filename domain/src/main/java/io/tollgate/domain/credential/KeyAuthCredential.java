package io.tollgate.domain.credential;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.consumer.ConsumerId;
import io.tollgate.domain.entity.Entity;
import java.util.Objects;
import org.jmolecules.ddd.types.AggregateRoot;

/** A key-auth credential: an API key that authenticates its consumer. */
public record KeyAuthCredential(KeyAuthCredentialId id, ConsumerId consumer, String key)
        implements AggregateRoot<KeyAuthCredential, KeyAuthCredentialId> {

    public KeyAuthCredential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(key, "key");
    }

    /** Reads a validated {@code keyauth_credentials} entity. */
    public static KeyAuthCredential of(Entity entity) {
        if (entity.schema().kind() != EntityKind.KEYAUTH_CREDENTIALS) {
            throw new IllegalArgumentException(
                    "not a key-auth credential: " + entity.schema().name());
        }
        return new KeyAuthCredential(
                new KeyAuthCredentialId(entity.id()),
                new ConsumerId(entity.foreignId("consumer").orElseThrow()),
                entity.string("key"));
    }

    @Override
    public KeyAuthCredentialId getId() {
        return id;
    }
}
