package io.tollgate.domain.credential;

import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.RecordSchema;
import java.util.List;
import java.util.Map;

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

    private BasicAuthCredentials() {}
}
