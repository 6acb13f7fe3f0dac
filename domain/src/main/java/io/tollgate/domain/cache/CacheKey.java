package io.tollgate.domain.cache;

import java.util.Objects;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A key of the node cache, in Kong's format: seven colon-separated parts,
 * {@code <schema>:<v1>:<v2>:<v3>:<v4>:<v5>:<ws_id>} (e.g. {@code keyauth_credentials:abc:::::<ws>}), or one of
 * the version keys such as {@code router:version}.
 */
@ValueObject
public record CacheKey(String value) {
    public CacheKey {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a cache key must not be empty");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
