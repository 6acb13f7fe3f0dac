package io.tollgate.application.admin;

import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the clear-text secrets a write carries by their hashes before the entity is stored or returned: a
 * basic-auth credential's {@code password} (Kong hashes it in its DAO too). Hashing is deliberately slow (PBKDF2), so
 * it runs BEFORE the write's transaction opens ({@link #prepare}): a transaction never sits idle holding its connection
 * and locks while a hash is computed (on a busy machine that outlived {@code idle_in_transaction_session_timeout}).
 * Only a write whose input carries a password is hashed: a PATCH without one keeps the stored hash, a write with one
 * (also a hash copied from a GET, as in Kong) hashes it anew. {@code db_import} with the transformation prepares
 * every password of the file the same way before its one transaction, keeping the stored hash of a password that did
 * not change.
 */
final class HashedSecrets {

    /** The hashes computed for one write's input before its transaction; {@link #NONE} when it carries no secret. */
    record Prepared(@Nullable String password, @Nullable String hash) {
        static final Prepared NONE = new Prepared(null, null);
    }

    /** The consumer passed when comparing with a PBKDF2 hash, whose salt is its own (the consumer plays no part). */
    private static final UUID NO_CONSUMER = new UUID(0, 0);

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
        return prepare(schema, input, null);
    }

    /**
     * As {@link #prepare(EntitySchema, Map)}, for a write that should leave an unchanged password as it is stored
     * (a re-import of the same file): when {@code stored} is a Tollgate hash (PBKDF2) of the input's password, it is
     * the prepared hash instead of a new one. The comparison costs as much as a hash, so it is made here too, outside
     * any transaction. Kong's SHA-1 hashes are compared by {@link #protect(Entity, Prepared, Entity)} (cheap, and
     * salted with the consumer the write decides).
     *
     * @param stored the password hash of the stored entity the input most likely stands for, or {@code null}
     * @return the hashes, for {@link #protect}
     */
    Prepared prepare(EntitySchema schema, Map<String, ? extends @Nullable Object> input, @Nullable String stored) {
        if (!schema.name().equals(BasicAuthCredentials.SCHEMA.name())
                || !(input.get(BasicAuthCredentials.PASSWORD) instanceof String password)) {
            return Prepared.NONE;
        }
        if (stored != null && PasswordHasher.isHash(stored) && hasher.matches(stored, password, NO_CONSUMER)) {
            return new Prepared(password, stored);
        }
        return new Prepared(password, hasher.hash(password));
    }

    /**
     * @param validated the entity about to be written
     * @param prepared what {@link #prepare} computed for the input that produced it
     * @return {@code validated}, with its password replaced by the prepared hash when the input carried one
     */
    Entity protect(Entity validated, Prepared prepared) {
        return protect(validated, prepared, null);
    }

    /**
     * As {@link #protect(Entity, Prepared)}, keeping {@code current}'s stored hash when it is Kong's SHA-1 hash of the
     * same password for the same consumer (credentials imported from Kong keep their hash across re-imports). A
     * prepared hash that is {@code current}'s (see {@link #prepare(EntitySchema, Map, String)}) is kept likewise.
     *
     * @param current the stored entity {@code validated} replaces, or {@code null}
     */
    Entity protect(Entity validated, Prepared prepared, @Nullable Entity current) {
        String field = BasicAuthCredentials.PASSWORD;
        if (prepared.password() == null
                || !validated.schema().name().equals(BasicAuthCredentials.SCHEMA.name())
                || !(validated.get(field) instanceof String password)) {
            return validated;
        }
        String stored = current == null ? null : current.stringOrNull(field);
        UUID consumer = validated.foreignId("consumer").orElse(null);
        String hash;
        if (stored != null
                && consumer != null
                && PasswordHasher.isKongHash(stored)
                && hasher.matches(stored, password, consumer)) {
            hash = stored;
        } else {
            hash = password.equals(prepared.password()) ? prepared.hash() : hasher.hash(password);
        }
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(validated.fields());
        fields.put(field, hash);
        return new Entity(validated.schema(), fields);
    }
}
