package io.tollgate.domain.cache;

import io.tollgate.domain.catalog.EntityKind;
import java.util.Objects;
import org.jmolecules.ddd.annotation.ValueObject;
import org.jspecify.annotations.Nullable;

/**
 * A key of the node cache, in Kong's format: seven colon-separated parts,
 * {@code <schema>:<v1>:<v2>:<v3>:<v4>:<v5>:<ws_id>} (e.g. {@code keyauth_credentials:abc:::::<ws>}), or one of
 * the version keys such as {@code router:version}. The key carries the entity kind whose cache-key rules make it
 * ({@link #kind()}), worked out once when the key is made, so that per-kind bookkeeping on every cache lookup is an
 * array index. Equality is the key's text alone.
 */
@ValueObject
public final class CacheKey {

    private final String value;
    private final @Nullable EntityKind kind;

    /**
     * A key from its text; its kind is the one {@link CacheKeys#kindOf(String)} finds.
     *
     * @throws IllegalArgumentException if {@code value} is empty
     */
    public CacheKey(String value) {
        this(value, CacheKeys.kindOf(Objects.requireNonNull(value, "value")));
    }

    /** A key whose kind the caller knows (a key built by {@code CacheKeys.of(kind, …)}). */
    CacheKey(String value, @Nullable EntityKind kind) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a cache key must not be empty");
        }
        this.value = value;
        this.kind = kind;
    }

    /** The key's text, in Kong's format. */
    public String value() {
        return value;
    }

    /**
     * The entity kind whose rules make this key (its own key, a {@code ByFields}/{@code Unscoped} key, or a
     * {@code Literal}/{@code IdSuffixed} key of the kind); {@code null} for a version key or a plugin's own key.
     */
    public @Nullable EntityKind kind() {
        return kind;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheKey key && key.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
