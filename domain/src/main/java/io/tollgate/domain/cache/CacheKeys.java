package io.tollgate.domain.cache;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.KeyRule;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code dao:cache_key()} rules (kong-internals §3.1): {@code <schema>:<v1>:…:<v5>:<ws_id>}, the values
 * being the schema's {@code cache_key} fields in order (a foreign field contributes its id, an unset one an empty
 * string), or the primary key when the schema has none or all are empty. Kinds that are not workspaceable end with an
 * empty workspace part.
 */
public final class CacheKeys {

    /** {@link EntityKind#values()}, copied once. */
    private static final EntityKind[] KINDS = EntityKind.values();
    /** {@link VersionKey#values()}, copied once. */
    private static final VersionKey[] VERSIONS = VersionKey.values();

    /** A workspace id and its text, so that a key does not print the id's UUID again. */
    private record Printed(WorkspaceId workspace, String text) {}

    /** The last workspace printed: a node serves Kong's one open-source workspace, so every key reuses its text. */
    private static volatile @Nullable Printed lastWorkspace;

    private CacheKeys() {}

    /** The key built from positional values, as Kong's string form {@code cache_key(a, b, c, d, e)}. */
    public static CacheKey of(EntityKind kind, WorkspaceId workspace, @Nullable Object... values) {
        if (values.length > 5) {
            throw new IllegalArgumentException("a cache key holds at most 5 values");
        }
        // sized for the name, a key value and a workspace id (36 characters each) without growing
        StringBuilder key = new StringBuilder(kind.kongName().length() + 96).append(kind.kongName());
        for (int i = 0; i < 5; i++) {
            key.append(':');
            if (i < values.length && values[i] != null) {
                key.append(values[i]);
            }
        }
        key.append(':');
        if (kind.isWorkspaceable()) {
            key.append(text(workspace));
        }
        return new CacheKey(key.toString(), kind);
    }

    /** The entity's own cache key. */
    public static CacheKey of(Entity entity, WorkspaceId workspace) {
        List<@Nullable Object> values = values(entity, entity.schema().cacheKeyFields());
        boolean any = values.stream().anyMatch(v -> v != null);
        EntityKind kind = entity.schema().kind();
        return any ? of(kind, workspace, values.toArray()) : of(kind, workspace, entity.id());
    }

    /**
     * Every key under which the entity may be cached: its own key and those of its kind's {@link KeyRule}s (a
     * consumer's username key, an SNI's {@code snis:<name>}, an ACL's consumer group list, an upstream's balancer
     * keys).
     */
    public static List<CacheKey> allOf(Entity entity, WorkspaceId workspace) {
        List<CacheKey> keys = new ArrayList<>();
        keys.add(of(entity, workspace));
        EntityKind kind = entity.schema().kind();
        for (KeyRule rule : kind.keyRules()) {
            switch (rule) {
                case KeyRule.ByFields byFields -> {
                    List<@Nullable Object> values = values(entity, byFields.fields());
                    if (values.stream().allMatch(v -> v != null)) {
                        keys.add(of(kind, workspace, values.toArray()));
                    }
                }
                case KeyRule.Unscoped unscoped -> {
                    Object value = entity.get(unscoped.field());
                    if (value != null) {
                        keys.add(new CacheKey(kind.kongName() + ":" + value));
                    }
                }
                case KeyRule.Literal literal -> keys.add(new CacheKey(literal.key()));
                case KeyRule.IdSuffixed suffixed -> keys.add(new CacheKey(suffixed.prefix() + entity.id()));
            }
        }
        return keys;
    }

    /**
     * The key of a consumer's ACL group list, {@code acls:<consumer_id>:::::<ws>}, as Kong's acl plugin caches it;
     * purged on any change of one of the consumer's ACLs.
     */
    public static CacheKey aclGroups(UUID consumerId, WorkspaceId workspace) {
        return of(EntityKind.ACLS, workspace, consumerId);
    }

    /**
     * The entity kind whose rules make {@code key}: its own key or a {@link KeyRule.ByFields} / {@link KeyRule.Unscoped}
     * key ({@code <kind>:…}), or a {@link KeyRule.Literal} / {@link KeyRule.IdSuffixed} key of its kind (an
     * upstream's {@code balancer:upstreams…}); {@code null} for other keys (a
     * {@link VersionKey}'s, a plugin's own). The key carries it from construction: one field read.
     */
    public static @Nullable EntityKind kindOf(CacheKey key) {
        return key.kind();
    }

    /**
     * The entity kind whose rules make the key {@code value} (see {@link #kindOf(CacheKey)}); linear in the number
     * of kinds, so it runs once, when a {@link CacheKey} is made from text.
     */
    static @Nullable EntityKind kindOf(String value) {
        for (VersionKey version : VERSIONS) {
            if (value.equals(version.key())) {
                return null; // certificates:version is no certificate's key
            }
        }
        for (EntityKind kind : KINDS) {
            String name = kind.kongName();
            if (value.length() > name.length() && value.charAt(name.length()) == ':' && value.startsWith(name)) {
                return kind;
            }
        }
        for (EntityKind kind : KINDS) {
            for (KeyRule rule : kind.keyRules()) {
                boolean made = switch (rule) {
                    case KeyRule.Literal literal -> value.equals(literal.key());
                    case KeyRule.IdSuffixed suffixed -> value.startsWith(suffixed.prefix());
                    case KeyRule.ByFields byFields -> false; // <kind>:…, matched above
                    case KeyRule.Unscoped unscoped -> false; // likewise
                };
                if (made) {
                    return kind;
                }
            }
        }
        return null;
    }

    /** {@code workspace}'s text, printed once while the same id is passed. */
    private static String text(WorkspaceId workspace) {
        Printed last = lastWorkspace;
        if (last == null || !last.workspace().equals(workspace)) {
            last = new Printed(workspace, workspace.toString());
            lastWorkspace = last;
        }
        return last.text();
    }

    /** The values of {@code fields} (a foreign field's referenced id), {@code null} where unset. */
    private static List<@Nullable Object> values(Entity entity, List<String> fields) {
        List<@Nullable Object> values = new ArrayList<>(fields.size());
        for (String field : fields) {
            Object value = entity.get(field);
            values.add(value instanceof Map<?, ?> ref ? ref.get("id") : value);
        }
        return values;
    }
}
