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
 */
@ValueObject
public record Invalidation(List<CacheKey> cacheKeys, Set<VersionKey> bumps) {
    public Invalidation {
        cacheKeys = List.copyOf(cacheKeys);
        bumps = Set.copyOf(bumps);
    }
}
