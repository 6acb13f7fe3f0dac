package io.tollgate.application.proxy.plugin;

import io.tollgate.application.invalidation.SnapshotHolder;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.vault.ReferenceWalk;
import io.tollgate.application.vault.SecretRotation;
import io.tollgate.application.vault.SecretUse;
import io.tollgate.application.vault.VaultSecrets;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.plugin.PluginId;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.schema.RecordSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * This node's current {@link PluginsIndex} (Kong's plugins iterator behind {@code plugins_iterator:version}):
 * starts {@link PluginsIndex#EMPTY}; a full rebuild reads every plugin from the database; a write's change re-reads
 * only the changed plugins and patches the current index ({@link #patch}). Rebuilds, patches, coalescing and failures
 * follow {@link SnapshotHolder}'s policy.
 *
 * <p>Vault references in the referenceable fields of a plugin's {@code config} (its definition's schema says which,
 * e.g. rate-limiting's {@code redis.password}, http-log's {@code http_endpoint}) are resolved here, so the index
 * holds the secrets and a request reads no vault; one that does not resolve is logged and left unset ({@code null}),
 * as Kong leaves it {@code nil}. {@link #rotateIfDue()} rebuilds when a vault's {@code ttl} says so.
 */
public final class PluginsHolder extends SnapshotHolder<PluginsIndex> implements SecretRotation.Rotating {

    private final EntityStore store;
    private final SecretUse secrets;

    /** A holder that resolves no vault reference (such a field is left unset). */
    public PluginsHolder(EntityStore store) {
        this(store, VaultSecrets.none(store), System::nanoTime);
    }

    /**
     * @param store reads plugins
     * @param secrets resolves vault references in referenceable config fields
     * @param nanoClock {@link System#nanoTime()} or a test clock, compared with the references' refresh times
     */
    public PluginsHolder(EntityStore store, VaultSecrets secrets, LongSupplier nanoClock) {
        super(VersionKey.PLUGINS, PluginsIndex.EMPTY);
        this.store = Objects.requireNonNull(store, "store");
        this.secrets = new SecretUse(secrets, nanoClock);
    }

    /** Rebuilds the index when a vault reference it was built from is due (Kong's vault {@code ttl}/{@code neg_ttl}). */
    @Override
    public boolean rotateIfDue() {
        return secrets.rebuildIfDue(this::rebuild);
    }

    /** The plugin with the references of its config's referenceable fields resolved. */
    private Plugin plugin(Entity entity) {
        Plugin plugin = Plugin.of(entity);
        RecordSchema schema =
                PluginCatalog.find(plugin.name()).map(PluginDefinition::config).orElse(null);
        if (schema == null || !ReferenceWalk.hasReferenceable(schema)) {
            return plugin;
        }
        Map<String, @Nullable Object> config = ReferenceWalk.resolve(
                schema,
                plugin.config(),
                (path, reference) -> secrets.resolve("plugin " + plugin.id().value() + " config." + path, reference));
        return new Plugin(
                plugin.id(),
                plugin.name(),
                plugin.route(),
                plugin.service(),
                plugin.consumer(),
                config,
                plugin.protocols(),
                plugin.enabled());
    }

    @Override
    protected PluginsIndex compile(PluginsIndex previous) {
        secrets.reset();
        return PluginsIndex.of(
                store.all(Plugins.SCHEMA).stream().map(this::plugin).toList());
    }

    /**
     * Re-reads only the changed plugins (one read by id each) and patches the index ({@link PluginsIndex#patch}). A
     * changed route, service or consumer re-reads the plugins scoped to it (one read by foreign key) and those the
     * index holds for it; such changes do not bump {@code plugins_iterator:version} (a cascaded delete names each
     * plugin it removes), so they only arrive here when a caller passes them. {@code null} (a full rebuild) for any
     * other kind.
     */
    @Override
    protected @Nullable PluginsIndex patch(PluginsIndex current, Set<ChangedEntity> changes) {
        Map<PluginId, Optional<Plugin>> changed = new HashMap<>();
        for (ChangedEntity change : changes) {
            switch (change.kind()) {
                case PLUGINS -> changed.put(new PluginId(change.id()), readPlugin(change.id()));
                case ROUTES, SERVICES, CONSUMERS -> {
                    for (Entity entity : store.referencing(Plugins.SCHEMA, scopeField(change.kind()), change.id())) {
                        changed.put(new PluginId(entity.id()), Optional.of(plugin(entity)));
                    }
                    for (PluginId id : current.scopedTo(change.id())) { // no longer scoped to it: moved or gone
                        if (!changed.containsKey(id)) {
                            changed.put(id, readPlugin(id.value()));
                        }
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return current.patch(changed);
    }

    /** The plugin ids whose indexed state differs, as changed plugins (the consistency check re-reads them). */
    @Override
    protected Set<ChangedEntity> differences(PluginsIndex patched, PluginsIndex rebuilt) {
        return ChangedEntity.all(EntityKind.PLUGINS, patched.differences(rebuilt), PluginId::value);
    }

    private Optional<Plugin> readPlugin(UUID id) {
        return store.find(Plugins.SCHEMA, id).map(this::plugin);
    }

    private static String scopeField(EntityKind kind) {
        return switch (kind) {
            case ROUTES -> "route";
            case SERVICES -> "service";
            default -> "consumer";
        };
    }
}
