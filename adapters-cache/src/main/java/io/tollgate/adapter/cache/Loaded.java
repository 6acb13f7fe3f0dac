package io.tollgate.adapter.cache;

import io.tollgate.domain.entity.Entity;
import java.util.Objects;
import java.util.Optional;

/**
 * What the node cache holds for a key: the loader's answer and the moment it was loaded. An entry's TTL counts from
 * {@code loadedAt}, the ticker's reading when the loader returned, not from whenever Caffeine got round to noticing
 * the finished load.
 *
 * @param value the entity, or {@link Optional#empty()} for a cached miss (Kong's negative cache entry)
 * @param loadedAt the cache ticker's reading in nanoseconds ({@link System#nanoTime()} semantics: only differences
 *        between readings mean anything) taken right after the loader returned
 */
record Loaded(Optional<Entity> value, long loadedAt) {
    Loaded {
        Objects.requireNonNull(value, "value");
    }
}
