package io.tollgate.adapter.cache;

import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Optional;

/**
 * What the node cache holds for a key: the loader's answer and the moment it was loaded. An entry's TTL counts from
 * {@code loadedAt}, the ticker's reading when the loader returned, not from whenever Caffeine got round to noticing
 * the finished load.
 *
 * @param entities the entity (one element) or a cached miss (none) of a single lookup, or the whole answer of a list
 *        lookup ({@code many})
 * @param many whether the entry is a list lookup's answer (Kong's per-consumer ACL list): always a hit, even when
 *        empty
 * @param loadedAt the cache ticker's reading in nanoseconds ({@link System#nanoTime()} semantics: only differences
 *        between readings mean anything) taken right after the loader returned, or when the entry was resurrected
 * @param resurrected whether this is a stale entry served again because its reload could not reach the database: it
 *        lives {@code db_resurrect_ttl} from {@code loadedAt} instead of its TTL
 */
record Loaded(List<Entity> entities, boolean many, long loadedAt, boolean resurrected) {
    Loaded {
        entities = List.copyOf(entities);
        if (!many && entities.size() > 1) {
            throw new IllegalArgumentException("a single lookup caches at most one entity");
        }
    }

    /** A fresh answer of the loader. */
    Loaded(List<Entity> entities, boolean many, long loadedAt) {
        this(entities, many, loadedAt, false);
    }

    /** A single lookup's answer. */
    static Loaded one(Optional<Entity> value, long loadedAt) {
        return new Loaded(value.map(List::of).orElse(List.of()), false, loadedAt);
    }

    /** This stale entry served again from {@code now} on ({@code db_resurrect_ttl}). */
    Loaded resurrect(long now) {
        return new Loaded(entities, many, now, true);
    }

    /** Whether this is a hit (TTL {@code db_cache_ttl}) rather than a cached miss ({@code db_cache_neg_ttl}). */
    boolean found() {
        return many || !entities.isEmpty();
    }

    /** The single lookup's view: the first entity, or empty. */
    Optional<Entity> value() {
        return entities.isEmpty() ? Optional.empty() : Optional.of(entities.get(0));
    }
}
