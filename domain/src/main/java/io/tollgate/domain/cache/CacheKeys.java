package io.tollgate.domain.cache;

import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code dao:cache_key()} rules (kong-internals §3.1): {@code <schema>:<v1>:…:<v5>:<ws_id>}, the values
 * being the schema's {@code cache_key} fields in order (a foreign field contributes its id, an unset one an empty
 * string), or the primary key when the schema has none or all are empty.
 */
public final class CacheKeys {

    /** Schemas that are not workspaceable: their keys end with an empty workspace part. */
    private static final Set<String> NOT_WORKSPACEABLE = Set.of("ca_certificates");

    private CacheKeys() {}

    /** The key built from positional values, as Kong's string form {@code cache_key(a, b, c, d, e)}. */
    public static CacheKey of(String schema, WorkspaceId workspace, @Nullable Object... values) {
        if (values.length > 5) {
            throw new IllegalArgumentException("a cache key holds at most 5 values");
        }
        StringBuilder key = new StringBuilder(schema);
        for (int i = 0; i < 5; i++) {
            key.append(':');
            if (i < values.length && values[i] != null) {
                key.append(values[i]);
            }
        }
        key.append(':');
        if (!NOT_WORKSPACEABLE.contains(schema)) {
            key.append(workspace);
        }
        return new CacheKey(key.toString());
    }

    /** The entity's own cache key. */
    public static CacheKey of(Entity entity, WorkspaceId workspace) {
        List<@Nullable Object> values = new ArrayList<>();
        boolean any = false;
        for (String field : entity.schema().cacheKeyFields()) {
            Object value = entity.get(field);
            if (value instanceof Map<?, ?> ref) {
                value = ref.get("id");
            }
            any |= value != null;
            values.add(value);
        }
        if (!any) {
            return of(entity.schema().name(), workspace, entity.id());
        }
        return of(entity.schema().name(), workspace, values.toArray());
    }

    /**
     * Every key under which the entity may be cached: its own key and, for consumers, the username key that
     * {@code anonymous} lookups use ({@code consumers:<username>:::::<ws>}); for SNIs, the proxy's lookup key
     * {@code snis:<name>} (Kong's non-DAO key, without workspace); for ACLs, the consumer's group list
     * ({@link #aclGroups}).
     */
    public static List<CacheKey> allOf(Entity entity, WorkspaceId workspace) {
        List<CacheKey> keys = new ArrayList<>();
        keys.add(of(entity, workspace));
        if (entity.schema().name().equals("consumers") && entity.get("username") != null) {
            keys.add(of("consumers", workspace, entity.get("username")));
        }
        if (entity.schema().name().equals("snis") && entity.get("name") != null) {
            keys.add(new CacheKey("snis:" + entity.get("name")));
        }
        if (entity.schema().name().equals("acls")) {
            entity.foreignId("consumer").ifPresent(consumer -> keys.add(aclGroups(consumer, workspace)));
        }
        return keys;
    }

    /**
     * The key of a consumer's ACL group list, {@code acls:<consumer_id>:::::<ws>}, as Kong's acl plugin caches it;
     * purged on any change of one of the consumer's ACLs.
     */
    public static CacheKey aclGroups(UUID consumerId, WorkspaceId workspace) {
        return of("acls", workspace, consumerId);
    }
}
