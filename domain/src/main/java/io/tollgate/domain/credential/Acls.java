package io.tollgate.domain.credential;

import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.RecordSchema;
import java.util.List;
import java.util.Map;

/**
 * Kong's {@code acls} schema (kong-internals §6.12): a consumer's membership of one group. Admin API {@code /acls},
 * nested {@code /consumers/{c}/acls}; no endpoint key (a group name is unique per consumer only). The cache key is
 * {@code consumer, group} ({@code acls:<consumer_id>:<group>::::<ws>}); stores keep it in a unique column so a
 * consumer cannot be in the same group twice (409). The acl plugin caches a consumer's whole group list under
 * {@code acls:<consumer_id>:::::<ws>} ({@link io.tollgate.domain.cache.CacheKeys#aclGroups}), which every ACL change
 * purges too.
 */
public final class Acls {

    /** The schema; no endpoint key, cache key {@code consumer, group}. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.ACLS,
            null,
            RecordSchema.of(
                    id(),
                    timestamp("created_at"),
                    foreign("consumer", EntityKind.CONSUMERS).required().cascade(),
                    string("group").required(),
                    tags()),
            List.of("consumer", "group"),
            Map.of());

    private Acls() {}
}
