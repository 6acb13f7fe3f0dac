package io.tollgate.application.admin;

import io.tollgate.application.plugin.spi.CachedResponse;
import io.tollgate.application.plugin.spi.ResponseCache;
import io.tollgate.application.port.in.ManageProxyCache;
import io.tollgate.application.port.in.ProxyCacheEntry;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The proxy-cache Admin API over this node's {@link ResponseCache}: reads are local; each purge is applied here and
 * handed to {@code broadcast} (which appends it to the event log for the other nodes). Blocking (plugin lookups
 * read the database): for the Admin API's worker threads.
 */
public final class ProxyCacheAdministration implements ManageProxyCache {

    /** The plugin's name, as instances store it. */
    public static final String PLUGIN = "proxy-cache";

    private final EntityStore store;
    private final ResponseCache cache;
    private final Consumer<Purge> broadcast;

    /**
     * A purge to tell the other nodes about.
     *
     * @param pluginId the instance whose entries to drop, or {@code null} for any
     * @param cacheKey the entry to drop, or {@code null} for all (of the instance, or of the node)
     */
    public record Purge(@Nullable UUID pluginId, @Nullable String cacheKey) {}

    /**
     * @param broadcast takes each purge done here, to reach the other nodes; must not throw for an unreachable
     *     database (log instead)
     */
    public ProxyCacheAdministration(EntityStore store, ResponseCache cache, Consumer<Purge> broadcast) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.broadcast = Objects.requireNonNull(broadcast, "broadcast");
    }

    /**
     * Applies a purge another node broadcast: drops the entry ({@code cacheKey}), the instance's entries, or all.
     * Never throws.
     */
    public static void apply(ResponseCache cache, Purge purge) {
        if (purge.cacheKey() != null) {
            cache.remove(purge.cacheKey());
        } else if (purge.pluginId() != null) {
            cache.removeAll(purge.pluginId());
        } else {
            cache.clear();
        }
    }

    @Override
    public Optional<ProxyCacheEntry> find(String cacheKey) {
        return Optional.ofNullable(cache.get(cacheKey))
                .map(r -> new ProxyCacheEntry(r.status(), r.headers(), r.body(), r.timestamp(), r.ttl(), r.version()));
    }

    @Override
    public boolean purge(String cacheKey) {
        CachedResponse removed = cache.get(cacheKey);
        if (removed == null || !cache.remove(cacheKey)) {
            return false;
        }
        broadcast.accept(new Purge(removed.pluginId(), cacheKey));
        return true;
    }

    @Override
    public void purgeAll() {
        cache.clear();
        broadcast.accept(new Purge(null, null));
    }

    @Override
    public Optional<ProxyCacheEntry> find(UUID pluginId, String cacheKey) {
        return instance(pluginId) ? find(cacheKey) : Optional.empty();
    }

    @Override
    public boolean purge(UUID pluginId, String cacheKey) {
        if (!instance(pluginId) || !cache.remove(cacheKey)) {
            return false;
        }
        broadcast.accept(new Purge(pluginId, cacheKey));
        return true;
    }

    @Override
    public boolean purgeInstance(UUID pluginId) {
        if (!instance(pluginId)) {
            return false;
        }
        cache.removeAll(pluginId);
        broadcast.accept(new Purge(pluginId, null));
        return true;
    }

    private boolean instance(UUID pluginId) {
        Optional<Entity> plugin = store.find(Schemas.of(EntityKind.PLUGINS), pluginId);
        return plugin.isPresent() && PLUGIN.equals(plugin.get().stringOrNull("name"));
    }
}
