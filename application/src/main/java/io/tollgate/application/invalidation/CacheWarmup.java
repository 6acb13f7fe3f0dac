package io.tollgate.application.invalidation;

import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Kong's {@code db_cache_warmup_entities}: at start, every entity of the listed kinds is read once from the store and
 * put into the node cache under each key a proxy lookup uses for it (its id, its {@code cache_key}, a consumer's
 * username), so the first requests after a start do not all miss together and stampede the database, and a node that
 * starts just before an outage can still authenticate its consumers.
 */
public final class CacheWarmup {

    /**
     * The kinds that may be warmed up: Kong's default {@code services}, consumers and the credential kinds the
     * authentication plugins look up by key.
     */
    public static final Set<EntityKind> WARMABLE = Set.of(
            EntityKind.SERVICES,
            EntityKind.CONSUMERS,
            EntityKind.KEYAUTH_CREDENTIALS,
            EntityKind.BASICAUTH_CREDENTIALS,
            EntityKind.HMACAUTH_CREDENTIALS,
            EntityKind.JWT_SECRETS);

    private final EntityStore store;
    private final NodeCache cache;
    private final WorkspaceId workspace;

    /**
     * @param store where the entities are read from
     * @param cache the node cache they are put into
     * @param workspace the workspace of the cache keys
     */
    public CacheWarmup(EntityStore store, NodeCache cache, WorkspaceId workspace) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * Loads every entity of {@code kinds} into the cache; an entry already cached is kept.
     *
     * @param kinds kinds from {@link #WARMABLE}
     * @return how many entities were read
     * @throws IllegalArgumentException when a kind is not warmable
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be read
     */
    public int warm(List<EntityKind> kinds) {
        int read = 0;
        for (EntityKind kind : kinds) {
            if (!WARMABLE.contains(kind)) {
                throw new IllegalArgumentException(kind.kongName() + " cannot be warmed up");
            }
            for (Entity entity : store.all(Schemas.of(kind))) {
                Set<CacheKey> keys = new LinkedHashSet<>(CacheKeys.allOf(entity, workspace));
                keys.add(CacheKeys.of(kind, workspace, entity.id()));
                for (CacheKey key : keys) {
                    cache.get(key, () -> Optional.of(entity)).join();
                }
                read++;
            }
        }
        return read;
    }
}
