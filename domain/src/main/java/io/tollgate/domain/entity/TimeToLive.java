package io.tollgate.domain.entity;

import io.tollgate.domain.schema.EntitySchema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's row TTL (schemas with {@code ttl = true}; in Tollgate the key-auth credentials): a row with a {@code ttl}
 * (seconds, 0 = forever) lives until {@code created_at + ttl} (seconds since the epoch) as stored. Once that instant is
 * reached the row is invisible to every read (the Admin API's GET and lists, the proxy's lookups) and a periodic
 * clean-up deletes it.
 *
 * <p>Kong counts a {@code ttl} from the write that gives it, and its Admin API shows the seconds left. Tollgate stores
 * the {@code ttl} counted from {@code created_at} instead ({@link #anchored}: a write at {@code now} with {@code ttl}
 * stores {@code now + ttl - created_at}), so the row's expiry needs no other column, and shows it as Kong does
 * ({@link #shown}: {@code created_at + ttl - now}). A PATCH that gives a {@code ttl} so restarts the count, as in Kong;
 * one that does not keeps the expiry.
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

    /**
     * {@code entity} as written at {@code nowSeconds} with the {@code ttl} its input gave (seconds from that write):
     * the {@code ttl} to store, counted from its {@code created_at}, at least 1 (a {@code created_at} after the
     * expiry). Unchanged without a positive {@code ttl} or without {@code created_at}.
     */
    public static Entity anchored(Entity entity, long nowSeconds) {
        if (!(entity.get(FIELD) instanceof Number ttl
                && ttl.longValue() > 0
                && entity.get("created_at") instanceof Number created)) {
            return entity;
        }
        return with(entity, Math.max(1, nowSeconds + ttl.longValue() - created.longValue()));
    }

    /**
     * {@code entity} as Kong's Admin API shows it at {@code nowSeconds}: a positive {@code ttl} becomes the seconds
     * left until its expiry, at least 1 (reads no longer find a row once its expiry is reached by the database's
     * clock, and a {@code ttl} of 0 would mean never). Unchanged without an expiry.
     */
    public static Entity shown(Entity entity, long nowSeconds) {
        Long expiresAt = expiresAt(entity);
        return expiresAt == null ? entity : with(entity, Math.max(1, expiresAt - nowSeconds));
    }

    private static Entity with(Entity entity, long ttl) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(entity.fields());
        fields.put(FIELD, ttl);
        return new Entity(entity.schema(), fields);
    }
}
