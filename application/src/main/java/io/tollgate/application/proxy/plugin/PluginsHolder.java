package io.tollgate.application.proxy.plugin;

import io.tollgate.application.invalidation.SnapshotHolder;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.PluginId;
import io.tollgate.domain.plugin.Plugins;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * This node's current {@link PluginsIndex} (Kong's plugins iterator behind {@code plugins_iterator:version}):
 * starts {@link PluginsIndex#EMPTY}; a full rebuild reads every plugin from the database; a write's change re-reads
 * only the changed plugins and patches the current index ({@link #patch}). Rebuilds, patches, coalescing and failures
 * follow {@link SnapshotHolder}'s policy.
 */
public final class PluginsHolder extends SnapshotHolder<PluginsIndex> {

    private final EntityStore store;

    public PluginsHolder(EntityStore store) {
        super(VersionKey.PLUGINS, PluginsIndex.EMPTY);
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    protected PluginsIndex compile(PluginsIndex previous) {
        return PluginsIndex.of(
                store.all(Plugins.SCHEMA).stream().map(Plugin::of).toList());
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
                        changed.put(new PluginId(entity.id()), Optional.of(Plugin.of(entity)));
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
        return store.find(Plugins.SCHEMA, id).map(Plugin::of);
    }

    private static String scopeField(EntityKind kind) {
        return switch (kind) {
            case ROUTES -> "route";
            case SERVICES -> "service";
            default -> "consumer";
        };
    }
}
