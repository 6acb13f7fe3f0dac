package io.tollgate.adapter.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import io.tollgate.application.port.CacheKindStatistics;
import io.tollgate.domain.cache.CacheKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node cache's counters per entity kind (the key's part before its first colon). Finding a key's counters
 * allocates nothing and takes no lock: the kinds seen so far sit in a small copy-on-write array (one per schema
 * name, so its length does not grow with the number of entities), matched by hash and then by the key's characters;
 * only the first key of a new kind takes a lock to add it. The counters are {@link LongAdder}s.
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

    private volatile Kind[] kinds = new Kind[0];

    /** The counters of {@code key}'s kind, added on its first use. */
    Kind of(CacheKey key) {
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

    /** Counts an entry Caffeine dropped by itself (size or expiry); explicit removals are not counted. */
    void removed(CacheKey key, RemovalCause cause) {
        if (cause == RemovalCause.SIZE || cause == RemovalCause.COLLECTED) {
            of(key).evictedSize.increment();
        } else if (cause == RemovalCause.EXPIRED) {
            of(key).expired.increment();
        }
    }

    /** Every kind's counters, sorted by kind, with {@code entries} (held now, by kind; absent = 0). */
    List<CacheKindStatistics> snapshot(Map<String, Long> entries) {
        Kind[] all = kinds;
        List<CacheKindStatistics> out = new ArrayList<>(all.length);
        for (Kind k : all) {
            long misses = k.misses.sum();
            out.add(new CacheKindStatistics(
                    k.name,
                    Math.max(0, k.lookups.sum() - misses),
                    k.negativeHits.sum(),
                    misses,
                    k.loadsFound.sum(),
                    k.loadsNotFound.sum(),
                    k.loadsFailed.sum(),
                    k.evictedSize.sum(),
                    k.expired.sum(),
                    entries.getOrDefault(k.name, 0L)));
        }
        out.sort(Comparator.comparing(CacheKindStatistics::kind));
        return out;
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
