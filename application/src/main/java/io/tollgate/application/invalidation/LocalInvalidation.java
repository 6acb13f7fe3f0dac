package io.tollgate.application.invalidation;

import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.cache.Invalidation;
import io.tollgate.domain.catalog.VersionKey;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies {@link Invalidation}s to this node: purges their cache keys from the node cache (Kong's
 * {@code invalidate_local}) and rebuilds each bumped {@link VersionedStructure} once per batch. A rebuild that fails
 * (the database is down) is remembered and retried by {@link #retryPending()}, so no bump is lost.
 */
public final class LocalInvalidation {

    private static final System.Logger LOG = System.getLogger(LocalInvalidation.class.getName());

    private final NodeCache cache;
    private final Map<VersionKey, VersionedStructure> structures;
    private final Set<VersionKey> pending = ConcurrentHashMap.newKeySet();

    public LocalInvalidation(NodeCache cache, Collection<VersionedStructure> structures) {
        this.cache = cache;
        this.structures = structures.stream()
                .collect(Collectors.toUnmodifiableMap(VersionedStructure::versionKey, Function.identity()));
    }

    /** Purges every key of the batch, then rebuilds each bumped structure once. Never throws for a failed rebuild. */
    public void apply(List<Invalidation> events) {
        Set<VersionKey> bumps = EnumSet.noneOf(VersionKey.class);
        for (Invalidation event : events) {
            event.cacheKeys().forEach(this::purge);
            bumps.addAll(event.bumps());
        }
        bumps.forEach(this::rebuild);
    }

    /** Rebuilds every structure now (start-up). */
    public void rebuildAll() {
        structures.keySet().forEach(this::rebuild);
    }

    /** Retries rebuilds that failed earlier; called on every poll of the event log. */
    public void retryPending() {
        for (VersionKey key : List.copyOf(pending)) {
            rebuild(key);
        }
    }

    private void purge(CacheKey key) {
        if (key.value().contains(":version")) {
            return;
        }
        cache.invalidate(key);
    }

    private void rebuild(VersionKey key) {
        VersionedStructure structure = structures.get(key);
        if (structure == null) {
            return;
        }
        try {
            structure.rebuild();
            pending.remove(key);
        } catch (RuntimeException e) {
            // the structure logs the failure (once per run of failures); here it only becomes pending
            if (pending.add(key)) {
                LOG.log(Level.DEBUG, "rebuild of " + key.key() + " pending, retried on every poll: " + e);
            }
        }
    }
}
