package io.tollgate.domain.event;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An operator purged cached responses through the proxy-cache Admin API ({@code DELETE /proxy-cache…}). Kong
 * broadcasts it on the {@code proxy-cache:purge} cluster channel as {@code "<plugin_id>:<cache_key>"}; Tollgate
 * appends it to the event log so every node drops the same entries from its own store. It changes no entity and
 * invalidates no cache key of the node cache.
 *
 * @param pluginId the proxy-cache instance whose entries are dropped, or {@code null} for any instance
 * @param cacheKey the one entry dropped (Kong's cache key), or {@code null} for all of the instance's (or, without
 *     an instance, every entry)
 */
public record ProxyCachePurged(
        @Nullable UUID pluginId, @Nullable String cacheKey) implements ClusterEvent {}
