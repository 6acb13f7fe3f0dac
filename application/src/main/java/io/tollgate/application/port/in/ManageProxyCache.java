package io.tollgate.application.port.in;

import java.util.Optional;
import java.util.UUID;

/**
 * Kong's proxy-cache Admin API ({@code /proxy-cache…}) over this node's response store. A purge also reaches every
 * other node of the cluster through the event log (Kong broadcasts it on its {@code proxy-cache:purge} channel), so
 * they drop the same entries after their next poll.
 */
public interface ManageProxyCache {

    /** {@code GET /proxy-cache/{cache_key}}: the entry, or empty (404). */
    Optional<ProxyCacheEntry> find(String cacheKey);

    /** {@code DELETE /proxy-cache/{cache_key}}: whether there was such an entry (204, else 404). */
    boolean purge(String cacheKey);

    /** {@code DELETE /proxy-cache}: every entry (204). */
    void purgeAll();

    /**
     * {@code GET /proxy-cache/{plugin_id}/caches/{cache_key}}: the entry, or empty when there is no proxy-cache plugin
     * instance with that id or no such entry (404).
     */
    Optional<ProxyCacheEntry> find(UUID pluginId, String cacheKey);

    /** {@code DELETE /proxy-cache/{plugin_id}/caches/{cache_key}}: as {@link #find(UUID, String)}, then purged. */
    boolean purge(UUID pluginId, String cacheKey);

    /**
     * {@code DELETE /proxy-cache/{plugin_id}} (Tollgate's): every entry the instance stored; {@code false} when there
     * is no proxy-cache plugin instance with that id (404).
     */
    boolean purgeInstance(UUID pluginId);
}
