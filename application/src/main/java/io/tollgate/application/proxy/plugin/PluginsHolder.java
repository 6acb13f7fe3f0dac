package io.tollgate.application.proxy.plugin;

import io.tollgate.application.invalidation.VersionedStructure;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.Plugins;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This node's current {@link PluginsIndex} (Kong's plugins iterator behind {@code plugins_iterator:version}).
 * Starts empty; {@link #rebuild()} reads every plugin from the database and swaps the new index in.
 */
public final class PluginsHolder implements VersionedStructure {

    private static final System.Logger LOG = System.getLogger(PluginsHolder.class.getName());

    private final EntityStore store;
    private final AtomicReference<PluginsIndex> current = new AtomicReference<>(PluginsIndex.EMPTY);
    private final ReentrantLock rebuilding = new ReentrantLock();

    public PluginsHolder(EntityStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The index in use now. */
    public PluginsIndex current() {
        return current.get();
    }

    @Override
    public VersionKey versionKey() {
        return VersionKey.PLUGINS;
    }

    /**
     * Rebuilds from the database (blocking; never on an I/O thread). Calls are serialised; on failure the current
     * index stays and the error is logged.
     */
    @Override
    public void rebuild() {
        rebuilding.lock();
        try {
            PluginsIndex index = PluginsIndex.of(
                    store.all(Plugins.SCHEMA).stream().map(Plugin::of).toList());
            current.set(index);
            LOG.log(Level.DEBUG, "plugins iterator rebuilt with {0} plugins", index.size());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not rebuild plugins iterator (stale plugins will be used)", e);
        } finally {
            rebuilding.unlock();
        }
    }
}
