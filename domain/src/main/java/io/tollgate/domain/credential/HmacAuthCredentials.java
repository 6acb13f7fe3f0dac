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
 * Kong's {@code hmacauth_credentials} schema: Admin API {@code /hmac-auths}, nested {@code /consumers/{c}/hmac-auth},
 * endpoint key and cache key {@code username} ({@code hmacauth_credentials:<username>:::::<ws>}). The
 * {@code secret} is the shared HMAC key; the server generates one when absent. Unlike a basic-auth password it is
 * stored and returned as is, because the hmac-auth plugin needs it to recompute signatures (as in Kong).
 */
public final class HmacAuthCredentials {

    /** The schema; endpoint key {@code username}, cache key {@code username}. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.HMACAUTH_CREDENTIALS,
            "username",
            RecordSchema.of(
                    id(),
                    timestamp("created_at"),
                    foreign("consumer", EntityKind.CONSUMERS).required().cascade(),
                    string("username").required().unique(),
                    string("secret").auto().secret(),
                    tags()),
            List.of("username"),
            Map.of());

    private HmacAuthCredentials() {}
}
