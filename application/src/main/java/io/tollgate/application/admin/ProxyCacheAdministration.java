package io.tollgate.application.admin;

import io.tollgate.application.plugin.spi.CachedResponse;
import io.tollgate.application.plugin.spi.ResponseCache;
import io.tollgate.application.port.in.ManageProxyCache;
import io.tollgate.application.port.in.ProxyCacheEntry;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ProxyCachePurged;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The proxy-cache Admin API over this node's {@link ResponseCache}: reads are local; each purge is applied here at
 * once and appended to the event log as a {@link ProxyCachePurged}, which the other nodes apply after their next
 * poll ({@link #apply}), as Kong broadcasts it on {@code proxy-cache:purge}. When the log cannot be written the
 * local purge stands and the failure is logged (Kong logs a failed broadcast too). Blocking (plugin lookups read the
 * database): for the Admin API's worker threads.
 */
public final class ProxyCacheAdministration implements ManageProxyCache {

    /** The plugin's name, as instances store it. */
    public static final String PLUGIN = "proxy-cache";

    private static final System.Logger LOG = System.getLogger(ProxyCacheAdministration.class.getName());

    private final EntityStore store;
    private final ResponseCache cache;
    private final EventLog log;
    private final Transactions transactions;
    private final UUID nodeId;

    /** @param nodeId this node, the author of the purge events it appends */
    public ProxyCacheAdministration(
            EntityStore store, ResponseCache cache, EventLog log, Transactions transactions, UUID nodeId) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.log = Objects.requireNonNull(log, "log");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    }

    /**
     * Applies a purge another node appended: drops the entry ({@code cacheKey}), the instance's entries, or all.
     * Never throws.
     */
    public static void apply(ResponseCache cache, ProxyCachePurged purge) {
        String key = purge.cacheKey();
        UUID pluginId = purge.pluginId();
        if (key != null) {
            cache.remove(key);
        } else if (pluginId != null) {
            cache.removeAll(pluginId);
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
        broadcast(removed.pluginId(), cacheKey);
        return true;
    }

    @Override
    public void purgeAll() {
        cache.clear();
        broadcast(null, null);
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
        broadcast(pluginId, cacheKey);
        return true;
    }

    @Override
    public boolean purgeInstance(UUID pluginId) {
        if (!instance(pluginId)) {
            return false;
        }
        cache.removeAll(pluginId);
        broadcast(pluginId, null);
        return true;
    }

    private void broadcast(@Nullable UUID pluginId, @Nullable String cacheKey) {
        ProxyCachePurged event = new ProxyCachePurged(pluginId, cacheKey);
        try {
            transactions.inTransaction(() -> {
                log.append(nodeId, event);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "failed broadcasting proxy cache purge to cluster: " + e.getMessage());
        }
    }

    private boolean instance(UUID pluginId) {
        Optional<Entity> plugin = store.find(Schemas.of(EntityKind.PLUGINS), pluginId);
        return plugin.isPresent() && PLUGIN.equals(plugin.get().stringOrNull("name"));
    }
}
