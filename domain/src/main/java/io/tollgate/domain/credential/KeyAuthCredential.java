package io.tollgate.domain.credential;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.consumer.ConsumerId;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.entity.TimeToLive;
import java.util.Objects;
import org.jmolecules.ddd.types.AggregateRoot;
import org.jspecify.annotations.Nullable;

/**
 * A key-auth credential: an API key that authenticates its consumer, until it expires when it has a {@code ttl}
 * (Kong's row TTL, {@link TimeToLive}: seconds after {@code created_at}).
 *
 * @param expiresAt when the key stops authenticating, in seconds since the epoch, or {@code null} for never
 */
public record KeyAuthCredential(
        KeyAuthCredentialId id,
        ConsumerId consumer,
        String key,
        @Nullable Long expiresAt) implements AggregateRoot<KeyAuthCredential, KeyAuthCredentialId> {

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
        Long expiresAt = TimeToLive.expiresAt(entity);
        return new KeyAuthCredential(
                new KeyAuthCredentialId(entity.id()),
                new ConsumerId(entity.foreignId("consumer").orElseThrow()),
                entity.string("key"),
                expiresAt);
    }

    /** Whether the key no longer authenticates at {@code epochSeconds} (its {@code ttl} has run out). */
    public boolean expiredAt(long epochSeconds) {
        return expiresAt != null && epochSeconds >= expiresAt;
    }

    @Override
    public KeyAuthCredentialId getId() {
        return id;
    }
}
