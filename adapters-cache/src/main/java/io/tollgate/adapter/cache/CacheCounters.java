package io.tollgate.adapter.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import io.tollgate.application.port.CacheKindStatistics;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.catalog.EntityKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node cache's counters per entity kind. A key's kind is the one it carries ({@link CacheKey#kind()}: the kind whose
 * cache-key rules make it, worked out when the key was made), whose counters sit in an array by {@link EntityKind}
 * ordinal; any other key (a version
 * key such as {@code router:version}) counts under its part before the first colon, in a small copy-on-write array
 * of the names seen so far, matched by hash and then by the key's characters (only the first key of a new name takes
 * a lock to add it). Finding a key's counters allocates nothing and takes no lock on either path. The counters are
 * {@link LongAdder}s; {@link Kind#entries} counts the entries held as they are added and removed, so a snapshot is
 * linear in the number of kinds, not of entries.
 */
final class CacheCounters {

    /** One kind's counters. */
    static final class Kind {
        final String name;
        final int hash;
        final LongAdder lookups = new LongAdder();
        final LongAdder negativeHits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder loadsFound = new LongAdder();
        final LongAdder loadsNotFound = new LongAdder();
        final LongAdder loadsFailed = new LongAdder();
        final LongAdder evictedSize = new LongAdder();
        final LongAdder expired = new LongAdder();
        /** Entries held: +1 as one is added, -1 as Caffeine reports one removed (not when replaced). */
        final LongAdder entries = new LongAdder();

        Kind(String name) {
            this.name = name;
            this.hash = hash(name, name.length());
        }

        /** Counts a finished load by its outcome. */
        void loaded(Loaded loaded, Throwable error) {
            if (error != null) {
                loadsFailed.increment();
            } else if (loaded.found()) {
                loadsFound.increment();
            } else {
                loadsNotFound.increment();
            }
        }
    }

    private final Kind[] entityKinds;
    private volatile Kind[] kinds = new Kind[0];

    CacheCounters() {
        EntityKind[] all = EntityKind.values();
        entityKinds = new Kind[all.length];
        for (EntityKind kind : all) {
            entityKinds[kind.ordinal()] = new Kind(kind.kongName());
        }
    }

    /** The counters of {@code key}'s kind: its entity kind's, else its prefix's (added on its first use). */
    Kind of(CacheKey key) {
        EntityKind entityKind = key.kind();
        if (entityKind != null) {
            return entityKinds[entityKind.ordinal()];
        }
        String value = key.value();
        int end = value.indexOf(':');
        if (end < 0) {
            end = value.length();
        }
        int hash = hash(value, end);
        for (Kind kind : kinds) {
            if (kind.hash == hash && kind.name.length() == end && value.regionMatches(0, kind.name, 0, end)) {
                return kind;
            }
        }
        return add(value.substring(0, end));
    }

    /**
     * Counts an entry Caffeine removed: one entry less unless it was replaced; an eviction (size or expiry) also as
     * such (explicit removals are not evictions).
     */
    void removed(CacheKey key, RemovalCause cause) {
        if (cause == RemovalCause.REPLACED) {
            return;
        }
        Kind kind = of(key);
        kind.entries.decrement();
        if (cause == RemovalCause.SIZE || cause == RemovalCause.COLLECTED) {
            kind.evictedSize.increment();
        } else if (cause == RemovalCause.EXPIRED) {
            kind.expired.increment();
        }
    }

    /** Every kind used so far with its counters, sorted by kind. */
    List<CacheKindStatistics> snapshot() {
        Kind[] others = kinds;
        List<CacheKindStatistics> out = new ArrayList<>(entityKinds.length + others.length);
        for (Kind k : entityKinds) {
            if (k.lookups.sum() > 0) {
                out.add(statistics(k));
            }
        }
        for (Kind k : others) {
            out.add(statistics(k));
        }
        out.sort(Comparator.comparing(CacheKindStatistics::kind));
        return out;
    }

    private static CacheKindStatistics statistics(Kind k) {
        long misses = k.misses.sum();
        return new CacheKindStatistics(
                k.name,
                Math.max(0, k.lookups.sum() - misses),
                k.negativeHits.sum(),
                misses,
                k.loadsFound.sum(),
                k.loadsNotFound.sum(),
                k.loadsFailed.sum(),
                k.evictedSize.sum(),
                k.expired.sum(),
                // a removal reported before its addition (a load invalidated while running) is transient
                Math.max(0, k.entries.sum()));
    }

    private synchronized Kind add(String name) {
        for (Kind kind : kinds) {
            if (kind.name.equals(name)) {
                return kind;
            }
        }
        Kind kind = new Kind(name);
        Kind[] grown = Arrays.copyOf(kinds, kinds.length + 1);
        grown[grown.length - 1] = kind;
        kinds = grown;
        return kind;
    }

    private static int hash(String s, int end) {
        int h = 0;
        for (int i = 0; i < end; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }
}
