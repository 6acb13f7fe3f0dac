package io.tollgate.domain.entity;

import io.tollgate.domain.schema.EntitySchema;
import org.jspecify.annotations.Nullable;

/**
 * Kong's row TTL (schemas with {@code ttl = true}; in Tollgate the key-auth credentials): a row with a {@code ttl}
 * (seconds, 0 = forever) lives until {@code created_at + ttl} (seconds since the epoch). Once that instant is reached the row is
 * invisible to every read (the Admin API's GET and lists, the proxy's lookups) and a periodic clean-up deletes it.
 */
public final class TimeToLive {

    /** The field holding the lifetime, in seconds. */
    public static final String FIELD = "ttl";

    private TimeToLive() {}

    /** Whether rows of {@code schema} may expire: it has a {@code ttl} and a {@code created_at} field. */
    public static boolean applies(EntitySchema schema) {
        return schema.field(FIELD).isPresent() && schema.field("created_at").isPresent();
    }

    /**
     * When {@code entity} expires, in seconds since the epoch, or {@code null} when it never does (no {@code ttl},
     * a {@code ttl} of 0 as in Kong, or no {@code created_at}).
     */
    public static @Nullable Long expiresAt(Entity entity) {
        return entity.get(FIELD) instanceof Number ttl
                        && ttl.longValue() > 0
                        && entity.get("created_at") instanceof Number created
                ? created.longValue() + ttl.longValue()
                : null;
    }

    /** Whether {@code entity} has expired at {@code epochSeconds} (that instant included). */
    public static boolean expiredAt(Entity entity, long epochSeconds) {
        Long expiresAt = expiresAt(entity);
        return expiresAt != null && epochSeconds >= expiresAt;
    }
}
