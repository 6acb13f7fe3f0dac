package io.tollgate.domain.credential;

import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Errors;
import io.tollgate.domain.schema.RecordSchema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code basicauth_credentials} schema (kong-internals §6.11): Admin API {@code /basic-auths}, nested
 * {@code /consumers/{c}/basic-auth}, endpoint key and cache key {@code username}
 * ({@code basicauth_credentials:<username>:::::<ws>}).
 *
 * <p>{@code password} is validated here as the clear text the client sends; the application replaces it by a salted
 * hash before the entity is stored, so the stored and returned value is always the hash, never the password.
 */
public final class BasicAuthCredentials {

    /** The field that holds the password on input and its hash once stored. */
    public static final String PASSWORD = "password";

    /** The schema; endpoint key {@code username}, cache key {@code username}. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.BASICAUTH_CREDENTIALS,
            "username",
            RecordSchema.of(
                    id(),
                    timestamp("created_at"),
                    foreign("consumer", EntityKind.CONSUMERS).required().cascade(),
                    string("username").required().unique(),
                    string(PASSWORD).required().secret(),
                    tags()),
            List.of("username"),
            Map.of());

    /**
     * Kong's check on an update's input as the client sent it (the needs of its password transformation): Kong
     * hashes the password with the consumer id (as do the SHA-1 hashes imported from Kong), so an input that names a
     * {@code consumer.id} must carry the password too.
     *
     * @param patch the PATCH body as sent, before any parent from the URL is added
     * @throws io.tollgate.domain.shared.SchemaViolation {@code all or none of these fields must be set: 'password',
     *     'consumer.id'} when it names a consumer id without a password
     */
    public static void checkUpdate(Map<String, ? extends @Nullable Object> patch) {
        boolean consumer = patch.get("consumer") instanceof Map<?, ?> reference && reference.get("id") != null;
        if (consumer && patch.get(PASSWORD) == null) {
            Errors errors = new Errors();
            errors.entity("all or none of these fields must be set: 'password', 'consumer.id'");
            errors.throwIfAny();
        }
    }

    private BasicAuthCredentials() {}
}
