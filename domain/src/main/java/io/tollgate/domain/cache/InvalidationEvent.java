package io.tollgate.domain.cache;

import java.util.List;
import java.util.Set;
import org.jmolecules.event.types.DomainEvent;

/**
 * What every node must do after one entity change: purge these cache keys (the new state's and the old state's,
 * so a cached miss or a renamed key goes too) and rebuild the structures whose version is bumped.
 *
 * @param cacheKeys keys to purge, in Kong's format, without duplicates
 * @param bumps structures to rebuild (router, plugins iterator); may be empty
 */
public record InvalidationEvent(List<CacheKey> cacheKeys, Set<VersionKey> bumps) implements DomainEvent {
    public InvalidationEvent {
        cacheKeys = List.copyOf(cacheKeys);
        bumps = Set.copyOf(bumps);
    }
}
