package io.tollgate.domain.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A cache key an entity is known under besides its own {@code dao:cache_key()} (kong-internals §3.1): every node
 * purges these too when the entity changes. Interpreted by {@code io.tollgate.domain.cache.CacheKeys}.
 */
public sealed interface KeyRule {

    /**
     * A key of the entity's own kind made of other fields, in Kong's seven-part format, when they are all set: a
     * consumer's {@code consumers:<username>:::::<ws>} (the key {@code anonymous} lookups use), an ACL's consumer group
     * list {@code acls:<consumer_id>:::::<ws>}.
     *
     * @param fields the fields whose values (a foreign field's id) make the key, in order; 1 to 5 of them
     */
    record ByFields(List<String> fields) implements KeyRule {
        public ByFields {
            fields = List.copyOf(fields);
            if (fields.isEmpty() || fields.size() > 5) {
                throw new IllegalArgumentException("a cache key holds 1 to 5 values, got " + fields.size());
            }
        }
    }

    /** Kong's non-DAO key {@code <kind>:<value>}, without workspace, e.g. an SNI's {@code snis:<name>}. */
    record Unscoped(String field) implements KeyRule {
        public Unscoped {
            Objects.requireNonNull(field, "field");
        }
    }

    /** A fixed key purged on any change of the kind, e.g. Kong's {@code balancer:upstreams}. */
    record Literal(String key) implements KeyRule {
        public Literal {
            Objects.requireNonNull(key, "key");
        }
    }

    /** {@code <prefix><id>}, e.g. Kong's {@code balancer:upstreams:<id>}. */
    record IdSuffixed(String prefix) implements KeyRule {
        public IdSuffixed {
            Objects.requireNonNull(prefix, "prefix");
        }
    }
}
