package io.tollgate.application.admin;

import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the clear-text secrets a write carries by their hashes before the entity is stored or returned: a
 * basic-auth credential's {@code password} (Kong hashes it in its DAO too). Hashing is deliberately slow (PBKDF2), so
 * it runs BEFORE the write's transaction opens ({@link #prepare}): a transaction never sits idle holding its connection
 * and locks while a hash is computed (on a busy machine that outlived {@code idle_in_transaction_session_timeout}).
 * Only a write whose input carries a password is hashed: a PATCH without one keeps the stored hash, a write with one
 * (also a hash copied from a GET, as in Kong) hashes it anew.
 */
final class HashedSecrets {

    /** The hashes computed for one write's input before its transaction; {@link #NONE} when it carries no secret. */
    record Prepared(@Nullable String password, @Nullable String hash) {
        static final Prepared NONE = new Prepared(null, null);
    }

    private final PasswordHasher hasher;

    HashedSecrets(PasswordHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /**
     * Hashes the secrets {@code input} carries for an entity of {@code schema}; call it outside any transaction.
     *
     * @return the hashes, for {@link #protect}
     */
    Prepared prepare(EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        if (!schema.name().equals(BasicAuthCredentials.SCHEMA.name())
                || !(input.get(BasicAuthCredentials.PASSWORD) instanceof String password)) {
            return Prepared.NONE;
        }
        return new Prepared(password, hasher.hash(password));
    }

    /**
     * @param validated the entity about to be written
     * @param prepared what {@link #prepare} computed for the input that produced it
     * @return {@code validated}, with its password replaced by the prepared hash when the input carried one
     */
    Entity protect(Entity validated, Prepared prepared) {
        String field = BasicAuthCredentials.PASSWORD;
        if (prepared.password() == null
                || !validated.schema().name().equals(BasicAuthCredentials.SCHEMA.name())
                || !(validated.get(field) instanceof String password)) {
            return validated;
        }
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(validated.fields());
        fields.put(field, password.equals(prepared.password()) ? prepared.hash() : hasher.hash(password));
        return new Entity(validated.schema(), fields);
    }
}
