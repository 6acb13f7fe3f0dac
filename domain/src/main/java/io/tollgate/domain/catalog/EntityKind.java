package io.tollgate.domain.catalog;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The catalogue: one constant per entity kind Tollgate stores, carrying everything that differs between kinds besides
 * their fields (the schema itself is {@code io.tollgate.domain.catalog.schemas.Schemas#of}): Kong's schema name (also
 * the table name and the first part of its cache keys), how the Admin API addresses it (Kong's
 * {@code admin_api_name} and {@code admin_api_nested_name}), whether it is workspaceable, the version keys a change
 * bumps (kong-internals §3.2, Kong's {@code runloop/events.lua}) and the cache keys it is known under besides its own.
 * Which fields hold secrets is the schema's to say ({@code FieldSpec#isSecret()}), not the catalogue's.
 *
 * <p>Declared in dependency order: a kind only references kinds declared before it. Adding an entity kind is a
 * constant here, its schema in {@code Schemas} and a migration for its table; no code dispatches on kind names.
 */
public enum EntityKind {
    CERTIFICATES("certificates", Admin.of("certificates"), Bumps.always(VersionKey.CERTIFICATES), List.of()),
    SNIS("snis", Admin.of("snis"), Bumps.always(VersionKey.CERTIFICATES), List.of(new KeyRule.Unscoped("name"))),
    /** Not workspaceable in Kong: its cache keys end with an empty workspace part. */
    CA_CERTIFICATES("ca_certificates", Admin.of("ca_certificates"), Bumps.NONE, List.of(), false),
    /** Kong bumps the router on a service update only: a new service has no route yet, a deleted one had none left. */
    SERVICES("services", Admin.of("services"), Bumps.onUpdate(VersionKey.ROUTER), List.of()),
    ROUTES("routes", Admin.of("routes"), Bumps.always(VersionKey.ROUTER), List.of()),
    /** Also cached as {@code consumers:<username>:::::<ws>}, the key of {@code anonymous} lookups by name. */
    CONSUMERS("consumers", Admin.of("consumers"), Bumps.NONE, List.of(new KeyRule.ByFields(List.of("username")))),
    PLUGINS("plugins", Admin.of("plugins"), Bumps.always(VersionKey.PLUGINS), List.of()),
    KEYAUTH_CREDENTIALS("keyauth_credentials", Admin.of("key-auths", "key-auth"), Bumps.NONE, List.of()),
    /** Kong's balancer keys go with every upstream change. */
    UPSTREAMS(
            "upstreams",
            Admin.of("upstreams"),
            Bumps.always(VersionKey.BALANCER, VersionKey.HEALTHCHECKS),
            List.of(new KeyRule.Literal("balancer:upstreams"), new KeyRule.IdSuffixed("balancer:upstreams:"))),
    /** Only reachable below an upstream in the Admin API. */
    TARGETS(
            "targets",
            new Admin("targets", "targets", false, null),
            Bumps.always(VersionKey.BALANCER, VersionKey.HEALTHCHECKS),
            List.of()),
    BASICAUTH_CREDENTIALS("basicauth_credentials", Admin.of("basic-auths", "basic-auth"), Bumps.NONE, List.of()),
    /** A group is addressed below its consumer by name; the consumer's group list is cached as one key. */
    ACLS(
            "acls",
            new Admin("acls", "acls", true, "group"),
            Bumps.NONE,
            List.of(new KeyRule.ByFields(List.of("consumer")))),
    JWT_SECRETS("jwt_secrets", Admin.of("jwts", "jwt"), Bumps.NONE, List.of()),
    HMACAUTH_CREDENTIALS("hmacauth_credentials", Admin.of("hmac-auths", "hmac-auth"), Bumps.NONE, List.of()),
    KEY_SETS("key_sets", Admin.of("key-sets"), Bumps.NONE, List.of()),
    /** Also listed below their set: {@code /key-sets/{set}/keys}. */
    KEYS("keys", Admin.of("keys"), Bumps.NONE, List.of()),
    VAULTS("vaults", Admin.of("vaults"), Bumps.NONE, List.of());

    private final String kongName;
    private final Admin admin;
    private final Bumps bumps;
    private final List<KeyRule> keyRules;
    private final boolean workspaceable;

    EntityKind(String kongName, Admin admin, Bumps bumps, List<KeyRule> keyRules) {
        this(kongName, admin, bumps, keyRules, true);
    }

    EntityKind(String kongName, Admin admin, Bumps bumps, List<KeyRule> keyRules, boolean workspaceable) {
        this.kongName = kongName;
        this.admin = admin;
        this.bumps = bumps;
        this.keyRules = List.copyOf(keyRules);
        this.workspaceable = workspaceable;
    }

    /** Kong's schema name, e.g. {@code keyauth_credentials}: the table, and the first part of the cache keys. */
    public String kongName() {
        return kongName;
    }

    /** The Admin API collection, e.g. {@code key-auths} in {@code /key-auths} (Kong's {@code admin_api_name}). */
    public String adminPath() {
        return admin.path();
    }

    /**
     * The collection below a parent, e.g. {@code key-auth} in {@code /consumers/{c}/key-auth} (Kong's
     * {@code admin_api_nested_name}).
     */
    public String nestedPath() {
        return admin.nestedPath();
    }

    /** Whether {@code /<adminPath>} and {@code /<adminPath>/{id}} exist (Kong disables them for targets). */
    public boolean hasTopLevelEndpoints() {
        return admin.topLevel();
    }

    /**
     * The field a non-UUID segment names below a parent besides the endpoint key (an ACL's {@code group} in
     * {@code /consumers/{c}/acls/{group}}), if any.
     */
    public Optional<String> nestedKey() {
        return Optional.ofNullable(admin.nestedKey());
    }

    /** Whether the cache keys end with the workspace id (every kind but CA certificates). */
    public boolean isWorkspaceable() {
        return workspaceable;
    }

    /** The version keys a change of this kind bumps, so every node rebuilds those structures. */
    public Set<VersionKey> bumps(EntityChange change) {
        return change == EntityChange.UPDATED ? bumps.onUpdate() : bumps.always();
    }

    /** The cache keys an entity of this kind is known under besides its own. */
    public List<KeyRule> keyRules() {
        return keyRules;
    }

    /** The kind named {@code kongName} (e.g. {@code services}), if this version stores it. */
    public static Optional<EntityKind> byKongName(String kongName) {
        for (EntityKind kind : values()) {
            if (kind.kongName.equals(kongName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind whose Admin API collection is {@code adminPath} (e.g. {@code key-auths}), if any. */
    public static Optional<EntityKind> byAdminPath(String adminPath) {
        for (EntityKind kind : values()) {
            if (kind.admin.path().equals(adminPath)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private record Admin(
            String path,
            String nestedPath,
            boolean topLevel,
            @Nullable String nestedKey) {
        static Admin of(String path) {
            return new Admin(path, path, true, null);
        }

        static Admin of(String path, String nestedPath) {
            return new Admin(path, nestedPath, true, null);
        }
    }

    private record Bumps(Set<VersionKey> always, Set<VersionKey> onUpdate) {
        static final Bumps NONE = new Bumps(Set.of(), Set.of());

        static Bumps always(VersionKey first, VersionKey... more) {
            Set<VersionKey> keys = Set.copyOf(EnumSet.of(first, more));
            return new Bumps(keys, keys);
        }

        static Bumps onUpdate(VersionKey key) {
            return new Bumps(Set.of(), Set.of(key));
        }
    }
}
