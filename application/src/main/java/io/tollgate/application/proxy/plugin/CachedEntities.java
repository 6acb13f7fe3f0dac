package io.tollgate.application.proxy.plugin;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.Metrics;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import io.tollgate.application.plugin.spi.RedisCounters;
import io.tollgate.application.plugin.spi.ResponseCache;
import io.tollgate.application.plugin.spi.SyslogSink;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.catalog.KeyRule;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The {@link PluginEnvironment} of a node: entity lookups through the node cache, loaded from the store on a miss,
 * the node's {@link JsonCodec}, the cluster's rate-limiting counters and the node's Redis client.
 */
public final class CachedEntities implements PluginEnvironment {

    private final EntityStore store;
    private final NodeCache cache;
    private final RecentCacheKeys keys;
    private final JsonCodec json;
    private final @Nullable RateLimitCounters counters;
    private final @Nullable RedisCounters redis;
    private final Metrics metrics;
    private final ResponseCache responses;
    private final SyslogSink syslog;
    private final @Nullable UUID nodeId;
    private final @Nullable String hostname;

    /** The environment without shared rate-limiting counters, Redis, metrics, cached responses nor syslog (tests). */
    public CachedEntities(EntityStore store, NodeCache cache, WorkspaceId workspace, JsonCodec json) {
        this(store, cache, workspace, json, null, null, Metrics.NONE, ResponseCache.NONE, SyslogSink.NONE);
    }

    /**
     * @param store where misses are loaded from
     * @param cache the node cache (Kong's {@code kong.cache})
     * @param workspace the workspace of the cache keys
     * @param json the node's JSON codec, offered as {@link #json()}
     * @param counters the cluster's rate-limiting counters, offered as {@link #rateLimitCounters()}, or {@code null}
     * @param redis the node's Redis counters, offered as {@link #redisCounters()}, or {@code null}
     * @param metrics the node's metrics registry, offered as {@link #metrics()}
     * @param responses the proxy-cache plugin's store, offered as {@link #responseCache()}
     * @param syslog the local syslog socket, offered as {@link #syslog()}
     */
    public CachedEntities(
            EntityStore store,
            NodeCache cache,
            WorkspaceId workspace,
            JsonCodec json,
            @Nullable RateLimitCounters counters,
            @Nullable RedisCounters redis,
            Metrics metrics,
            ResponseCache responses,
            SyslogSink syslog) {
        this.store = store;
        this.cache = cache;
        this.keys = new RecentCacheKeys(workspace);
        this.json = json;
        this.counters = counters;
        this.redis = redis;
        this.metrics = metrics;
        this.responses = responses;
        this.syslog = syslog;
        this.nodeId = null;
        this.hostname = null;
    }

    /** {@code base} on the node {@code nodeId}, sharing its keys. */
    private CachedEntities(CachedEntities base, UUID nodeId, String hostname) {
        this.store = base.store;
        this.cache = base.cache;
        this.keys = base.keys;
        this.json = base.json;
        this.counters = base.counters;
        this.redis = base.redis;
        this.metrics = base.metrics;
        this.responses = base.responses;
        this.syslog = base.syslog;
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.hostname = Objects.requireNonNull(hostname, "hostname");
    }

    /**
     * This environment for the node {@code nodeId} on the host {@code hostname}, offered as {@link #nodeId()} and
     * {@link #hostname()} (Kong's {@code kong.node}).
     */
    public CachedEntities onNode(UUID nodeId, String hostname) {
        return new CachedEntities(this, nodeId, hostname);
    }

    @Override
    public @Nullable UUID nodeId() {
        return nodeId;
    }

    @Override
    public @Nullable String hostname() {
        return hostname;
    }

    @Override
    public @Nullable RateLimitCounters rateLimitCounters() {
        return counters;
    }

    @Override
    public @Nullable RedisCounters redisCounters() {
        return redis;
    }

    @Override
    public ResponseCache responseCache() {
        return responses;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public JsonCodec json() {
        return json;
    }

    @Override
    public UUID workspaceId() {
        return keys.workspace().value();
    }

    @Override
    public CompletionStage<Optional<Entity>> find(EntitySchema schema, UUID id) {
        return cache.get(keys.of(schema.kind(), id), () -> store.find(schema, id));
    }

    @Override
    public CompletionStage<Optional<Entity>> findBy(EntitySchema schema, String field, String value) {
        return cache.get(keys.of(schema.kind(), value), () -> store.findBy(schema, field, value));
    }

    @Override
    public CompletionStage<List<Entity>> findAll(EntitySchema schema, String field, UUID parentId) {
        if (!schema.kind().keyRules().contains(new KeyRule.ByFields(List.of(field)))) {
            throw new IllegalArgumentException(
                    schema.kind().kongName() + " does not cache its entities' list by " + field);
        }
        return cache.getAll(keys.of(schema.kind(), parentId), () -> store.referencing(schema, field, parentId));
    }

    @Override
    public SyslogSink syslog() {
        return syslog;
    }
}
