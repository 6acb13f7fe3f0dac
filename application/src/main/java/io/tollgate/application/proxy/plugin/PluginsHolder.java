package io.tollgate.application.proxy.plugin;

import io.tollgate.application.invalidation.SnapshotHolder;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.Plugins;
import java.util.Objects;

/**
 * This node's current {@link PluginsIndex} (Kong's plugins iterator behind {@code plugins_iterator:version}):
 * starts {@link PluginsIndex#EMPTY}; each rebuild reads every plugin from the database. Rebuilds, coalescing and
 * failures follow {@link SnapshotHolder}'s policy.
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
}
