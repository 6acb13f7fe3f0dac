package io.tollgate.application.port.in;

import io.tollgate.application.port.PoolUsage;
import java.util.List;

/** Kong's {@code GET /} and {@code GET /status} facts about this node and its cluster. */
public interface DescribeNode {

    NodeInfo info();

    /** Whether a query to the database succeeds now. */
    boolean databaseReachable();

    /** The distinct names of plugins configured anywhere in the cluster, sorted (Kong's {@code enabled_in_cluster}). */
    List<String> pluginsEnabledInCluster();

    /**
     * The node's database connection pools now (primary, then replica), for {@code GET /metrics}; reading them never
     * queries the database. None by default.
     */
    default List<PoolUsage> databasePools() {
        return List.of();
    }
}
