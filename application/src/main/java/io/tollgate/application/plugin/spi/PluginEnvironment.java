package io.tollgate.application.plugin.spi;

import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * What a node offers its plugins beyond the request (Kong's {@code kong.cache} + {@code kong.db}): entity lookups
 * through the node cache, invalidated cluster-wide when the entity changes, and JSON (Kong's {@code cjson}).
 * Thread-safe.
 *
 * <p>The stages are complete at once on a cache hit (positive or negative); on a miss they complete on the cache's
 * loader thread after the database answered. They never block the caller. They fail when the database cannot be
 * reached.
 */
public interface PluginEnvironment {

    /** The entity of {@code schema} with this primary key, cached under {@code <kind>:<id>:::::<ws>}. */
    CompletionStage<Optional<Entity>> find(EntitySchema schema, UUID id);

    /**
     * The entity of {@code schema} whose unique {@code field} equals {@code value} (Kong's
     * {@code select_by_<field>}), cached under {@code <kind>:<value>:::::<ws>} (e.g. a key-auth credential by its
     * {@code key}, a consumer by its {@code username}).
     */
    CompletionStage<Optional<Entity>> findBy(EntitySchema schema, String field, String value);

    /**
     * Every entity of {@code schema} whose foreign {@code field} references {@code parentId} (Kong's
     * {@code each_for_<field>}), as one cached list under {@code <kind>:<parentId>:::::<ws>}, e.g. a consumer's ACL
     * groups under {@code acls:<consumer_id>:::::<ws>} as Kong's acl plugin caches them. Only for kinds whose cache-key
     * rules purge that key on every change of one of the children ({@code EntityKind#keyRules}: a
     * {@code ByFields(field)} rule), so the list is invalidated cluster-wide like any entity.
     *
     * @throws IllegalArgumentException when the kind does not key its children's list by {@code field}
     */
    CompletionStage<List<Entity>> findAll(EntitySchema schema, String field, UUID parentId);

    /** The node's JSON reader and writer. */
    JsonCodec json();

    /**
     * The id of Kong's {@code default} workspace, the only one (the {@code ws_id} of cache keys and Kong's
     * {@code workspace} log field), or {@code null} when the environment has none (tests).
     */
    default @Nullable UUID workspaceId() {
        return null;
    }

    /** This node's id (Kong's {@code kong.node.get_id()}), or {@code null} when the environment has none (tests). */
    default @Nullable UUID nodeId() {
        return null;
    }

    /**
     * This node's host name (Kong's {@code kong.node.get_hostname()}), or {@code null} when the environment has none
     * (tests).
     */
    default @Nullable String hostname() {
        return null;
    }

    /**
     * The counters shared by the cluster's nodes (rate-limiting's {@code cluster} policy, in the node's database), or
     * {@code null} when the node has none (tests, or no database). Blocking: use them off the request path.
     */
    default @Nullable RateLimitCounters rateLimitCounters() {
        return null;
    }

    /**
     * The node's Redis client for rate-limiting's {@code redis} policy, or {@code null} when the node has none
     * (tests).
     */
    default @Nullable RedisCounters redisCounters() {
        return null;
    }

    /**
     * The node's metrics registry (served on the Admin API's {@code GET /metrics}); {@link Metrics#NONE} when the
     * environment has none (tests).
     */
    default Metrics metrics() {
        return Metrics.NONE;
    }

    /**
     * The node's store of cached responses (the {@code proxy-cache} plugin's {@code memory} strategy), bounded by
     * {@code proxy_cache_memory_size}; {@link ResponseCache#NONE} when the environment has none (tests).
     */
    default ResponseCache responseCache() {
        return ResponseCache.NONE;
    }

    /**
     * The node's local syslog socket (Kong's {@code syslog} plugin); {@link SyslogSink#NONE} when the environment has
     * none (tests).
     */
    default SyslogSink syslog() {
        return SyslogSink.NONE;
    }
}
