package io.tollgate.application.invalidation;

import io.tollgate.application.plugin.spi.Metrics;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.cache.Invalidation;
import io.tollgate.domain.catalog.VersionKey;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies {@link Invalidation}s to this node: purges their cache keys from the node cache (Kong's
 * {@code invalidate_local}) and updates each bumped {@link VersionedStructure} once per batch, patched with the
 * entities the batch changed where the structure can. An update that fails (the database is down) is remembered and
 * retried in full by {@link #retryPending()}, so no bump is lost.
 */
public final class LocalInvalidation {

    private static final System.Logger LOG = System.getLogger(LocalInvalidation.class.getName());

    private final NodeCache cache;
    private final Map<VersionKey, VersionedStructure> structures;
    private final Set<VersionKey> pending = ConcurrentHashMap.newKeySet();
    private final StructureMetrics metrics;

    /** Applies invalidations to {@code cache} and {@code structures}, recording nothing. */
    public LocalInvalidation(NodeCache cache, Collection<VersionedStructure> structures) {
        this(cache, structures, Metrics.NONE);
    }

    /**
     * Applies invalidations to {@code cache} and {@code structures}, recording how into {@code metrics} (the node's
     * registry; see {@link StructureMetrics} for the families).
     */
    public LocalInvalidation(NodeCache cache, Collection<VersionedStructure> structures, Metrics metrics) {
        this.cache = cache;
        this.metrics = new StructureMetrics(metrics);
        this.structures = structures.stream()
                .collect(Collectors.toUnmodifiableMap(VersionedStructure::versionKey, Function.identity()));
    }

    /**
     * Purges every key of the batch, then updates each bumped structure once: with the entities the batch changed
     * ({@link VersionedStructure#apply}, a patch where the structure can), or in full when an invalidation of the
     * batch bumped it without naming its entity. Never throws for a failed update (it becomes pending).
     */
    public void apply(List<Invalidation> events) {
        Map<VersionKey, Set<ChangedEntity>> bumps = new EnumMap<>(VersionKey.class);
        Set<VersionKey> full = EnumSet.noneOf(VersionKey.class);
        for (Invalidation event : events) {
            event.cacheKeys().forEach(this::purge);
            for (VersionKey key : event.bumps()) {
                bumps.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(event.changed());
                if (event.changed().isEmpty()) {
                    full.add(key);
                }
            }
        }
        bumps.forEach((key, changes) -> update(key, full.contains(key) ? Set.of() : changes));
        metrics.applied(events.size());
    }

    /** Rebuilds every structure now (start-up). */
    public void rebuildAll() {
        structures.keySet().forEach(this::rebuild);
    }

    /**
     * Purges the whole node cache and rebuilds every structure: for a node that may have missed events (its position
     * in the log fell behind the compaction snapshot), so nothing it holds can be trusted. Never throws for a failed
     * rebuild (it is retried like any other).
     */
    public void resynchronise() {
        cache.purge();
        rebuildAll();
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

    /**
     * The periodic consistency check: {@link VersionedStructure#verify() verifies} every structure (a patched one is
     * compared with a full rebuild). Never throws; a failed check is retried like a failed rebuild.
     */
    public void verifyAll() {
        for (VersionKey key : structures.keySet()) {
            try {
                structures.get(key).verify();
            } catch (RuntimeException e) {
                pending.add(key);
                LOG.log(Level.DEBUG, "consistency check of " + key.key() + " failed, rebuild pending: " + e);
            }
        }
    }

    private void rebuild(VersionKey key) {
        update(key, Set.of());
    }

    /** Updates one structure: patched with {@code changes}, or rebuilt in full when there are none. */
    private void update(VersionKey key, Set<ChangedEntity> changes) {
        VersionedStructure structure = structures.get(key);
        if (structure == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            if (changes.isEmpty() || pending.contains(key)) {
                structure.rebuild();
            } else {
                structure.apply(changes);
            }
            pending.remove(key);
            metrics.updated(key, System.nanoTime() - started);
        } catch (RuntimeException e) {
            metrics.failed(key);
            // the structure logs the failure (once per run of failures); here it only becomes pending
            if (pending.add(key)) {
                LOG.log(Level.DEBUG, "rebuild of " + key.key() + " pending, retried on every poll: " + e);
            }
        }
    }
}
