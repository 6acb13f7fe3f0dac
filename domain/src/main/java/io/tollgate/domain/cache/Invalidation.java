package io.tollgate.domain.cache;

import io.tollgate.domain.catalog.VersionKey;
import java.util.List;
import java.util.Set;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What every node must do after one entity change (derived from its event by {@link Invalidations}): purge these
 * cache keys (the new state's and the old state's, so a cached miss or a renamed key goes too) and rebuild the
 * structures whose version is bumped.
 *
 * @param cacheKeys keys to purge, in Kong's format, without duplicates
 * @param bumps structures to rebuild (router, plugins iterator, …); may be empty
 * @param changed the entities the change touched (one for an entity event), which a structure that can patch itself
 *     re-reads instead of rebuilding; empty when unknown, which makes every bumped structure rebuild in full
 */
@ValueObject
public record Invalidation(List<CacheKey> cacheKeys, Set<VersionKey> bumps, List<ChangedEntity> changed) {
    public Invalidation {
        cacheKeys = List.copyOf(cacheKeys);
        bumps = Set.copyOf(bumps);
        changed = List.copyOf(changed);
    }

    /** An invalidation that names no entity: every structure it bumps rebuilds in full. */
    public Invalidation(List<CacheKey> cacheKeys, Set<VersionKey> bumps) {
        this(cacheKeys, bumps, List.of());
    }
}
