package io.tollgate.application.admin;

import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the clear-text secrets a write carries by their hashes before the entity is stored or returned: a
 * basic-auth credential's {@code password} (Kong hashes it in its DAO too). Applied to validated entities, so invalid
 * input costs no hashing, and only when the input carried a password: a PATCH without one keeps the stored hash, a
 * write with one (also a hash copied from a GET, as in Kong) hashes it anew.
 */
final class HashedSecrets {

    private final PasswordHasher hasher;

    HashedSecrets(PasswordHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /**
     * @param validated the entity about to be written
     * @param input the client's input (body or patch) that produced it
     * @return {@code validated}, with its password hashed when {@code input} carried one
     */
    Entity protect(Entity validated, Map<String, ? extends @Nullable Object> input) {
        String field = BasicAuthCredentials.PASSWORD;
        if (!validated.schema().name().equals(BasicAuthCredentials.SCHEMA.name())
                || !(input.get(field) instanceof String)
                || !(validated.get(field) instanceof String password)) {
            return validated;
        }
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(validated.fields());
        fields.put(field, hasher.hash(password));
        return new Entity(validated.schema(), fields);
    }
}
