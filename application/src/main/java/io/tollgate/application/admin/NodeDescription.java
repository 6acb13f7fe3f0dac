package io.tollgate.application.admin;

import io.tollgate.application.port.PoolUsage;
import io.tollgate.application.port.in.DescribeNode;
import io.tollgate.application.port.in.NodeInfo;
import io.tollgate.application.port.out.DatabaseHealth;
import io.tollgate.application.port.out.DatabasePools;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.plugin.Plugins;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code GET /} and {@code GET /status} facts: the node's identity, database reachability, plugins in use. */
public final class NodeDescription implements DescribeNode {

    private volatile NodeInfo info;
    private final DatabaseHealth health;
    private final EntityStore store;
    private final DatabasePools pools;

    public NodeDescription(NodeInfo info, DatabaseHealth health, EntityStore store) {
        this(info, health, store, DatabasePools.NONE);
    }

    public NodeDescription(NodeInfo info, DatabaseHealth health, EntityStore store, DatabasePools pools) {
        this.info = info;
        this.health = health;
        this.store = store;
        this.pools = pools;
    }

    /**
     * Replaces the configuration {@link #info()} reports ({@code tollgate reload}, as Kong's {@code GET /} shows its
     * new workers' configuration after {@code kong reload}); the node's identity stays.
     *
     * @param configuration the effective configuration, secrets masked as {@code ******}
     */
    public void reconfigured(Map<String, @Nullable Object> configuration) {
        NodeInfo current = info;
        info = new NodeInfo(current.version(), current.hostname(), current.nodeId(), configuration);
    }

    @Override
    public NodeInfo info() {
        return info;
    }

    @Override
    public boolean databaseReachable() {
        return health.reachable();
    }

    @Override
    public List<PoolUsage> databasePools() {
        return pools.usage();
    }

    @Override
    public List<String> pluginsEnabledInCluster() {
        return store.all(Plugins.SCHEMA).stream()
                .map(e -> e.string("name"))
                .distinct()
                .sorted()
                .toList();
    }
}
