package io.tollgate.domain.credential;

import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.util.List;
import java.util.Map;

/**
 * Kong's {@code keyauth_credentials} schema (kong-internals §6.10): Admin API {@code /key-auths}, nested
 * {@code /consumers/{c}/key-auth}; the cache key is the {@code key}, so the proxy finds a credential by the key a
 * request presents ({@code keyauth_credentials:<key>:::::<ws>}). {@code ttl} (seconds, optional; Kong Manager sends
 * it) makes the key stop authenticating that long after the write that gives it (stored counted from
 * {@code created_at}, shown as the seconds left); from then on, as in Kong, every read skips
 * the credential and the expired-rows clean-up deletes it ({@link io.tollgate.domain.entity.TimeToLive}).
 */
public final class KeyAuthCredentials {

    /** The schema; endpoint key {@code key}, cache key {@code key}. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.KEYAUTH_CREDENTIALS,
            "key",
            RecordSchema.of(
                    id(),
                    timestamp("created_at"),
                    foreign("consumer", EntityKind.CONSUMERS).required().cascade(),
                    string("key").unique().auto().secret(),
                    integer("ttl").rule(Rules.between(0, 100_000_000)),
                    tags()),
            List.of("key"),
            Map.of());

    private KeyAuthCredentials() {}
}
